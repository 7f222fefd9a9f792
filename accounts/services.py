"""Candidate self-service: sign-up and verification, withdrawal, data export and erasure."""

import json
import tempfile
import uuid
import zipfile

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accommodations.models import AccommodationRequest
from accommodations.services import accommodation_requests_erase
from applications.models import Application
from applications.retention import applications_erase
from candidate_emails.selectors import messages_for_export
from config.admin_history import scrub_admin_history
from notifications.services import email_queue, emails_erase_to
from reviews.export import PREFETCH as REVIEWS_PREFETCH
from reviews.export import application_reviews

from .identity import normalize_email
from .models import User

VERIFY_SALT = "accounts.verify-email"
VERIFY_MAX_AGE = 3 * 24 * 3600


def _send(template, subject, to, context, *, kind):
    """Queue an account email in the outbox (in the caller's transaction); the task worker sends it.

    Account emails are about no row that erasure deletes, so an erasure notice
    outlives the account. Each is its own event: a fresh key every time.
    """
    email_queue(key=f"account:{kind}:{uuid.uuid4()}", kind=kind, to=[to], subject=subject,
                body_template=template, context={"site_url": settings.SITE_URL, **context})


def verification_link(user):
    token = signing.dumps({"user": user.pk, "email": user.email}, salt=VERIFY_SALT)
    return settings.SITE_URL + reverse("accounts:verify", args=[token])


def send_verification(user):
    _send("emails/verify_email.txt", "Confirm your email address", user.email, {"link": verification_link(user)},
          kind="verify_email")


def password_reset_link(user) -> str:
    """A one-day link that lets the account's owner choose a new password (Django's reset tokens)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("accounts:password_reset_confirm", args=[uid, token])


def send_password_reset(user, *, invitation=False):
    """Mail the account's owner a link to choose a password (staff send these; they never set one)."""
    if invitation:
        _send("emails/account_invitation.txt", "Choose a password for your careers account", user.email,
              {"link": password_reset_link(user)}, kind="account_invitation")
    else:
        _send("emails/password_reset_by_staff.txt", "Reset the password of your careers account", user.email,
              {"link": password_reset_link(user)}, kind="password_reset_by_staff")


def user_signup(*, email, password) -> User | None:
    """Create an unverified account and queue its verification email, in one transaction.

    If the address already has an account, nothing is created and that address
    is told instead; the page shown is the same, so sign-up never reveals who
    has an account. Nor does the time it takes: both branches hash the password
    (by far the slowest step) and queue exactly one email.
    """
    password_hash = make_password(password)
    email = normalize_email(email)
    existing = User.objects.filter(email=email).first()
    if existing:
        _send("emails/account_exists.txt", "Someone tried to create an account with your email", email,
              {"login_url": settings.SITE_URL + reverse("accounts:login"),
               "reset_url": settings.SITE_URL + reverse("accounts:password_reset")}, kind="account_exists")
        return None
    with transaction.atomic():  # the account and its verification email, or neither
        user = User.objects.create_user(email=email)  # no password yet: nothing hashed twice
        user.password = password_hash
        user.save(update_fields=["password"])
        send_verification(user)
    return user


def password_reset_queue(*, to, subject_template, body_template, context):
    """Queue Django's password-reset email (the link) in the outbox, as ``password_reset_no_account`` does its twin."""
    email_queue(key=f"account:password_reset:{uuid.uuid4()}", kind="password_reset", to=[to],
                subject_template=subject_template, body_template=body_template, context=context)


def password_reset_no_account(email):
    """The answer to a password reset for an address with no account that can sign in.

    Sent in place of the reset link, so that a reset request sends one email
    either way and its time does not tell whether the address has an account.
    """
    _send("emails/password_reset_no_account.txt", "About your password reset request", email,
          {"signup_url": settings.SITE_URL + reverse("accounts:signup")}, kind="password_reset_no_account")


def user_verify_email(token) -> User | None:
    """Mark the address verified if the token is genuine, fresh and still matches the account.

    ``user.just_verified`` says whether this link did it (its first use): only
    then may the link also sign the person in, so a link that leaks later
    verifies nothing and signs nobody in.
    """
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("user"), email=data.get("email"), is_active=True).first()
    if user is None:
        return None
    user.just_verified = not user.email_verified_at
    if user.just_verified:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user


def talent_pool_withdraw(user) -> int:
    """End the candidate's talent-pool consent on all their applications; returns how many.

    Their applications are then kept only as long as any other applicant's
    (the retention purge reads ``talent_pool``).
    """
    from applications.models import ConsentRecord

    return ConsentRecord.objects.filter(
        application__in=Application.objects.for_candidate(user), talent_pool=True
    ).update(talent_pool=False, talent_pool_withdrawn_at=timezone.now())


def application_withdraw(*, user, reference) -> Application:
    """Withdraw one of the candidate's applications, and confirm it to them by email (queued with the change)."""
    with transaction.atomic():
        application = Application.objects.for_candidate(user).select_related("posting").get(reference=reference)
        application.withdraw(by=user)
        email_queue(
            key=f"application:{application.pk}:withdrawn", kind="application_withdrawn", about=application,
            to=[application.email], subject=f"You withdrew your application: {application.posting.title}",
            body_template="emails/application_withdrawn.txt",
            context={"application": application, "site_url": settings.SITE_URL},
        )
    return application


# --- data rights ----------------------------------------------------------------

def _iso(value):
    return value.isoformat() if value else None


def _candidate_applications(user):
    return list(
        Application.objects.for_candidate(user).select_related("posting", "consent").prefetch_related("answers", *REVIEWS_PREFETCH)
    )


def candidate_data(user, applications=None) -> dict:
    """Everything stored about this person, as one JSON-ready document (GDPR Art. 15/20)."""
    if applications is None:
        applications = _candidate_applications(user)
    accommodations = AccommodationRequest.objects.for_candidate(user)
    messages = messages_for_export(applications)  # what staff wrote to them (candidate_emails)
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _iso(user.date_joined),
            "email_verified_at": _iso(user.email_verified_at),
            "last_login": _iso(user.last_login),
        },
        "applications": [
            {
                "reference": a.reference,
                "posting": a.posting.title,
                "submitted_at": _iso(a.submitted_at),
                "status": a.candidate_status,
                "first_name": a.first_name,
                "last_name": a.last_name,
                "email": a.email,
                "phone": a.phone,
                "country": a.country,
                "city": a.city,
                "linkedin_url": a.linkedin_url,
                "website_url": a.website_url,
                "how_you_heard_about_us": a.source,
                "tracked_source_of_the_link_you_followed": a.referral_source,
                "cover_letter": a.cover_letter,
                "resume_file": f"files/{a.reference}/{a.resume_name}",
                "cover_letter_file": f"files/{a.reference}/{a.cover_letter_name}" if a.cover_letter_file else None,
                "answers": [{"question": x.question_label, "answer": x.value} for x in a.answers.all()],
                "consent": {
                    "privacy_policy_version": a.consent.policy_version,
                    "wording": a.consent.wording,
                    "consented_at": _iso(a.consent.consented_at),
                    "talent_pool": a.consent.talent_pool,
                    "talent_pool_wording": a.consent.talent_pool_wording,
                    "talent_pool_withdrawn_at": _iso(a.consent.talent_pool_withdrawn_at),
                } if hasattr(a, "consent") else None,
                "messages": messages.get(a.pk, []),
                # What staff wrote about the candidate: their personal data too (README, privacy section).
                **application_reviews(a),
            }
            for a in applications
        ],
        "accommodation_requests": [
            {
                "reference": r.reference,
                "name": r.name,
                "email": r.email,
                "posting": r.posting.title if r.posting else None,
                "stage": r.get_stage_display(),
                "accommodation_needed": r.description,
                "contact_method": r.get_contact_method_display(),
                "contact_details": r.contact_details,
                "status": r.get_status_display(),
                "submitted_at": _iso(r.created_at),
            }
            for r in accommodations
        ],
    }


def candidate_data_export(user):
    """A ZIP (on disk, not in memory) with data.json and the person's files. Emails a notice."""
    applications = _candidate_applications(user)  # read once for the JSON and the files
    document = candidate_data(user, applications)
    archive_file = tempfile.TemporaryFile()
    with zipfile.ZipFile(archive_file, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(document, indent=2, ensure_ascii=False))
        for application in applications:
            for field, name in ((application.resume, application.resume_name),
                                (application.cover_letter_file, application.cover_letter_name)):
                if field:
                    with field.open("rb") as source, archive.open(f"files/{application.reference}/{name}", "w") as target:
                        while chunk := source.read(64 * 1024):
                            target.write(chunk)
    archive_file.seek(0)
    _send("emails/data_exported.txt", "Your data export", user.email, {"when": timezone.now()}, kind="data_exported")
    return archive_file


def candidate_erase(user):
    """Erase the account and everything about the person; keep only anonymous counts."""
    email = user.email
    with transaction.atomic():
        applications_erase(Application.objects.for_candidate(user))
        accommodation_requests_erase(AccommodationRequest.objects.for_candidate(user))
        scrub_admin_history(User, [user.pk])
        user.role_changes.update(user_email="(erased account)")
        user.delete()
        emails_erase_to(email)  # account emails to this address given up on (sent ones keep no address)
        # The person asked for it, so they are told it is done (the last email we send them): queued
        # with the erasure, so there is never one without the other, and linked to nothing erased.
        _send("emails/account_deleted.txt", "Your account and data were deleted", email, {}, kind="account_deleted")
