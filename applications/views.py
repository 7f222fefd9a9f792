from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts.throttle import APPLICATIONS
from careers.models import Posting, PrivacyPolicy
from careers.referrals import referral_source_from

from . import held, services
from .forms import ApplicationForm
from .models import Application

DONE_SESSION_KEY = "applied"


RATE_LIMITED = (
    "Too many applications from you in a short time, so we paused new ones for a while. Nothing you typed "
    "was lost (your résumé is kept too): please submit this form again later, within the hour."
)


@never_cache
def apply(request, slug):
    posting = get_object_or_404(Posting.objects.select_related("team"), slug=slug)
    if not posting.is_public:  # a draft, or scheduled for later
        raise Http404("No such posting.")
    if not posting.is_open:
        return render(request, "careers/posting_closed.html", {"posting": posting}, status=410)
    policy = PrivacyPolicy.objects.current()
    if policy is None:
        return render(request, "applications/apply_unavailable.html", {"posting": posting}, status=503)

    if request.method != "POST":
        initial = {**_known_details(request.user), "referral_source": referral_source_from(request.GET)}
        form = ApplicationForm(posting=posting, policy=policy, initial=initial)
        return render(request, "applications/apply.html", {"posting": posting, "form": form})

    token = request.POST.get("submission_token", "")
    held_resume = held.held_resume(request.session, token)
    form = ApplicationForm(request.POST, request.FILES, posting=posting, policy=policy, held=held_resume)
    if form.is_valid() and APPLICATIONS.refused(request, form.cleaned_data["email"]):
        # Refused above the filled-in form (not a page of its own): nothing typed is lost.
        form.add_error(None, RATE_LIMITED)
        held.hold_for_retry(request.session, form)
        return render(request, "applications/apply.html", {"posting": posting, "form": form}, status=429)
    if form.is_valid():
        application, created = _submit(form, posting, policy)
        if application is not None:
            if created:
                APPLICATIONS.accepted(request, application.email)
            held.release_held(request.session, token)
            request.session[DONE_SESSION_KEY] = application.reference
            return redirect("applications:apply_done", slug=posting.slug)
    elif form.is_spam:
        return render(request, "submission_rejected.html", {"retry_url": posting.get_apply_url()}, status=400)
    else:
        held.hold_for_retry(request.session, form)
    return render(request, "applications/apply.html", {"posting": posting, "form": form}, status=400)


def _known_details(user):
    """A signed-in candidate's name and verified address, filled in for them (they may change them)."""
    if not (user.is_authenticated and user.email_verified_at):
        return {}
    return {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}


def _submit(form, posting, policy):
    """(application, made now) for the valid form; (None, False), with the reason on the form, if none."""
    try:
        return services.application_submit(posting=posting, policy=policy, **form.submission()), True
    except services.AlreadySubmitted as already:
        # A double click or a resubmitted form: show the one application it made...
        if not already.email_differs:
            return already.application, False
        # ...unless the address was corrected: never drop the correction silently.
        form.add_error("email", _changed_email_message(already.application.email))
    except services.DuplicateApplication:
        form.add_error(
            "email",
            "We already have an application for this role from this email address. The confirmation "
            "email we sent to it holds your application reference; reply to it if something has changed.",
        )
    except services.StorageUnavailable:
        form.add_error(
            "resume", "We couldn\u2019t save your file just now. Nothing was submitted; please try again in a few minutes."
        )
    return None, False


def _changed_email_message(sent_with):
    return (
        f"This form was already sent with the address {sent_with}, and your application was received under "
        "that address; the new address was not saved. To correct it, reply to the confirmation email we sent "
        f"to {sent_with} and tell us the right address."
    )


@never_cache
@require_safe
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
    return render(request, "applications/apply_done.html", {"application": application, "posting": application.posting})
