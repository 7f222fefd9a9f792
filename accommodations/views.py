from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts.throttle import ACCOMMODATION_REQUESTS

from . import services
from .forms import AccommodationRequestForm

ACCOMMODATION_SESSION_KEY = "accommodation_requested"


RATE_LIMITED = (
    "Too many requests from you in a short time, so we paused new ones for a while. Nothing you typed was "
    "lost: please send this form again later, within the hour."
)


@never_cache
def accommodation_request(request):
    if request.method != "POST":
        form = AccommodationRequestForm(
            initial={"posting": request.GET.get("posting", ""), "stage": "application", "contact_method": "email"}
        )
        return render(request, "accommodations/request.html", {"form": form})
    form = AccommodationRequestForm(request.POST)
    if form.is_valid() and ACCOMMODATION_REQUESTS.refused(request, form.cleaned_data["email"]):
        form.add_error(None, RATE_LIMITED)
        return render(request, "accommodations/request.html", {"form": form}, status=429)
    if form.is_valid():
        data = form.cleaned_data
        accommodation = services.accommodation_request_submit(
            name=data["name"], email=data["email"], posting=data["posting"], stage=data["stage"],
            description=data["description"], contact_method=data["contact_method"],
            contact_details=data["contact_details"], token=data["submission_token"],
        )
        ACCOMMODATION_REQUESTS.accepted(request, accommodation.email)
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
