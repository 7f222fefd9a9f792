from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_ratelimit.decorators import ratelimit

from . import services
from .forms import AccommodationRequestForm

ACCOMMODATION_SESSION_KEY = "accommodation_requested"


def _accommodation_rate(group, request):
    return settings.ACCOMMODATION_RATE_LIMIT


@never_cache
@ratelimit(key="ip", rate=_accommodation_rate, method="POST", group="accommodations")
def accommodation_request(request):
    if request.method != "POST":
        form = AccommodationRequestForm(
            initial={"posting": request.GET.get("posting", ""), "stage": "application", "contact_method": "email"}
        )
        return render(request, "accommodations/request.html", {"form": form})
    form = AccommodationRequestForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        accommodation = services.accommodation_request_submit(
            name=data["name"], email=data["email"], posting=data["posting"], stage=data["stage"],
            description=data["description"], contact_method=data["contact_method"],
            contact_details=data["contact_details"],
        )
        request.session[ACCOMMODATION_SESSION_KEY] = accommodation.reference
        return redirect("accommodations:done")
    if form.is_spam:
        return render(request, "submission_rejected.html", {"retry_url": request.path}, status=400)
    return render(request, "accommodations/request.html", {"form": form}, status=400)


@never_cache
@require_safe
def accommodation_done(request):
    reference = request.session.get(ACCOMMODATION_SESSION_KEY)
    if not reference:
        return redirect("accommodations:request")
    return render(request, "accommodations/done.html", {"reference": reference})
