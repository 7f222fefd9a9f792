import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_ratelimit.decorators import ratelimit

from . import services
from .caching import fragments, public_page
from .forms import AccommodationRequestForm, ApplicationForm, PostingFilterForm
from .models import Application, Posting, PrivacyPolicy
from .pagination import list_page

PAGE_SIZE = 25
DONE_SESSION_KEY = "applied"
ACCOMMODATION_SESSION_KEY = "accommodation_requested"


@require_GET
@public_page
def posting_list(request):
    form = PostingFilterForm.public(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    # Only the page's postings are read here (with their count); their cards come from the fragment cache.
    postings = Posting.objects.open().filtered(**filters).in_stable_order().only("pk", "slug", "title")
    page = list_page(postings, request.GET.get("page"), PAGE_SIZE, ranked=bool(filters.get("q")))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "careers/posting_list.html",
        {
            "form": form,
            "page": page,
            "cards": fragments("posting-card", page.object_list, _render_posting_cards),
            "filtered": any(filters.values()),
            "query_without_page": query_without_page.urlencode(),
            "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        },
    )


def _render_posting_cards(postings):
    card = get_template("includes/posting_card.html")
    full = Posting.objects.filter(pk__in=[posting.pk for posting in postings]).with_page_data()
    return {posting.pk: card.render({"posting": posting}) for posting in full}


def _posting_for_public(request, slug):
    """The posting for ``slug`` as the public may see it: drafts only for staff who can edit them.

    Its locations, questions and company texts are read only when its cached
    page fragments are not (templates/careers/posting_detail.html).
    """
    posting = get_object_or_404(Posting.objects.select_related("team").defer("search_vector"), slug=slug)
    if posting.status == Posting.Status.DRAFT and not request.user.has_perm("careers.change_posting"):
        raise Http404("No such posting.")
    return posting


@require_GET
@public_page
def posting_detail(request, slug):
    posting = _posting_for_public(request, slug)
    if posting.is_closed_for_public:
        return render(request, "careers/posting_closed.html", {"posting": posting}, status=410)
    return render(
        request,
        "careers/posting_detail.html",
        {"posting": posting, "preview": posting.status == Posting.Status.DRAFT},
    )


def _apply_rate(group, request):
    return settings.APPLY_RATE_LIMIT


@never_cache
@ratelimit(key="ip", rate=_apply_rate, method="POST", group="apply")
def apply(request, slug):
    posting = get_object_or_404(Posting.objects.select_related("team"), slug=slug)
    if posting.status == Posting.Status.DRAFT:
        raise Http404("No such posting.")
    if not posting.is_open:
        return render(request, "careers/posting_closed.html", {"posting": posting}, status=410)
    policy = PrivacyPolicy.objects.current()
    if policy is None:
        return render(request, "careers/apply_unavailable.html", {"posting": posting}, status=503)

    if request.method != "POST":
        form = ApplicationForm(posting=posting, policy=policy)
        return render(request, "careers/apply.html", {"posting": posting, "form": form})

    token = request.POST.get("submission_token", "")
    held = services.held_upload(request.session, token) if token else None
    form = ApplicationForm(request.POST, request.FILES, posting=posting, policy=policy, held=held)
    if form.is_valid():
        try:
            application = services.application_submit(posting=posting, policy=policy, **form.submission())
        except services.AlreadySubmitted as already:
            # A double click or a resubmitted form: show the one application it made.
            application = already.application
        except services.DuplicateApplication:
            application = None
            form.add_error(
                "email",
                "We already have an application for this role from this email address. The confirmation "
                "email we sent to it holds your application reference; reply to it if something has changed.",
            )
        except services.StorageUnavailable:
            application = None
            form.add_error(
                "resume", "We couldn\u2019t save your file just now. Nothing was submitted; please try again in a few minutes."
            )
        if application is not None:
            services.release_held(request.session, token)
            request.session[DONE_SESSION_KEY] = application.reference
            return redirect("careers:apply_done", slug=posting.slug)
    elif form.is_spam:
        return render(request, "careers/submission_rejected.html", {"retry_url": posting.get_apply_url()}, status=400)
    elif form.cleaned_data.get("resume") and form.cleaned_data.get("submission_token"):
        try:
            held = services.hold_upload(request.session, token, form.uploaded_document("resume"))
        except services.StorageUnavailable:
            pass  # the candidate will simply be asked for the file again
        else:
            form.show_held(held)
    return render(request, "careers/apply.html", {"posting": posting, "form": form}, status=400)


@never_cache
@require_GET
def apply_done(request, slug):
    reference = request.session.get(DONE_SESSION_KEY)
    application = (
        Application.objects.select_related("posting").filter(reference=reference, posting__slug=slug).first()
        if reference
        else None
    )
    if application is None:
        # Without the session that applied, nobody can see a confirmation (no reference in the URL).
        return redirect("careers:posting_detail", slug=slug)
    return render(request, "careers/apply_done.html", {"application": application, "posting": application.posting})


@require_GET
def privacy_policy(request, version=None):
    policies = PrivacyPolicy.objects.in_effect()
    if version is None:
        policy = policies.current()
        if policy is None:
            raise Http404("No privacy policy has been published yet.")
    else:
        policy = get_object_or_404(policies, version=version)
    current = policies.current()
    return render(
        request,
        "careers/privacy.html",
        {"policy": policy, "is_current": policy == current, "current": current, "versions": policies},
    )


def _accommodation_rate(group, request):
    return settings.ACCOMMODATION_RATE_LIMIT


@never_cache
@ratelimit(key="ip", rate=_accommodation_rate, method="POST", group="accommodations")
def accommodation_request(request):
    if request.method != "POST":
        form = AccommodationRequestForm(
            initial={"posting": request.GET.get("posting", ""), "stage": "application", "contact_method": "email"}
        )
        return render(request, "careers/accommodation_request.html", {"form": form})
    form = AccommodationRequestForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        accommodation = services.accommodation_request_submit(
            name=data["name"], email=data["email"], posting=data["posting"], stage=data["stage"],
            description=data["description"], contact_method=data["contact_method"],
            contact_details=data["contact_details"],
        )
        request.session[ACCOMMODATION_SESSION_KEY] = accommodation.reference
        return redirect("careers:accommodation_done")
    if form.is_spam:
        return render(request, "careers/submission_rejected.html", {"retry_url": request.path}, status=400)
    return render(request, "careers/accommodation_request.html", {"form": form}, status=400)


@never_cache
@require_GET
def accommodation_done(request):
    reference = request.session.get(ACCOMMODATION_SESSION_KEY)
    if not reference:
        return redirect("careers:accommodations")
    return render(request, "careers/accommodation_done.html", {"reference": reference})


def rate_limited(request, exception):
    return render(request, "429.html", status=429)


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("careers:sitemap"))
    return render(request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain; charset=utf-8")


def favicon(request):
    from django.templatetags.static import static

    return redirect(static("favicon.svg"), permanent=True)


def home(request):
    return redirect("careers:posting_list", permanent=False)



def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def bad_request(request, exception):
    return _static_error_page("400.html", 400)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def server_error(request):
    """500, or 503 when the database is what failed (the page then tells people to retry)."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        response = _static_error_page("503.html", 503)
        response["Retry-After"] = "30"
        return response
    return _static_error_page("500.html", 500)


def _static_error_page(template, status):
    # Rendered without the request: no context processor may touch the database.
    return HttpResponse(get_template(template).render(), status=status)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
