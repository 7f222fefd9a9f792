"""Write paths of the careers app: the apply flow and the emails it owes.

The apply flow lives here and only here: views parse requests and call
``application_submit``; forms own field validation.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import storages
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.identity import normalize_email

from . import uploads
from .models import (
    AccommodationRequest,
    Answer,
    Application,
    ConsentRecord,
    ErasedApplication,
    OutgoingEmail,
    Posting,
    PrivacyPolicy,
)

logger = logging.getLogger(__name__)

MAX_EMAIL_ATTEMPTS = 8


class DuplicateApplication(Exception):
    """The same person already has a live application for this posting."""


class AlreadySubmitted(Exception):
    """This form submission (its token) was already turned into an application."""

    def __init__(self, application):
        super().__init__(application.reference)
        self.application = application


class StorageUnavailable(Exception):
    """A file could not be stored; nothing was written."""


@dataclass
class Document:
    """An uploaded file (or a held one, already in private storage) and its proven kind."""

    kind: uploads.Kind
    display_name: str
    size: int
    upload: object = None  # an UploadedFile
    held_name: str = ""  # a name in private storage


def _store(document, folder):
    storage = storages["private"]
    name = f"{folder}/{timezone.now():%Y/%m}/{uploads.random_name(document.kind)}"
    try:
        if document.held_name:
            with storage.open(document.held_name) as source:
                return storage.save(name, source)
        return storage.save(name, document.upload)
    except OSError as error:
        logger.error("Could not store an uploaded document: %s", type(error).__name__)
        raise StorageUnavailable from error


def application_submit(
    *,
    posting: Posting,
    policy: PrivacyPolicy,
    token,
    details: dict,
    resume: Document,
    cover_letter_file: Document | None,
    answers,
    consent_wording: str,
    talent_pool: bool,
    talent_pool_wording: str,
) -> Application:
    """Create an application with its files, answers and consent record, all or nothing.

    Files are stored first; if anything after that fails (a constraint, the
    database, the commit itself) the stored files are deleted again, so there is
    never a row without its file nor a file without its row. Emails are queued
    in the same transaction and sent after commit.
    """
    existing = Application.objects.filter(submission_token=token).first()
    if existing:
        raise AlreadySubmitted(existing)
    if not posting.is_open:
        raise ValueError("This posting is not accepting applications.")
    details = {**details, "email": normalize_email(details["email"])}
    if Application.objects.filter(posting=posting, email=details["email"]).exclude(
        stage=Application.Stage.WITHDRAWN
    ).exists():
        raise DuplicateApplication

    stored = []
    try:
        stored.append(_store(resume, "resumes"))
        if cover_letter_file:
            stored.append(_store(cover_letter_file, "cover-letters"))
        with transaction.atomic():
            application = Application(
                posting=posting,
                submission_token=token,
                resume_name=resume.display_name,
                resume_size=resume.size,
                **details,
            )
            application.resume.name = stored[0]
            if cover_letter_file:
                application.cover_letter_file.name = stored[1]
                application.cover_letter_name = cover_letter_file.display_name
            # Field checks only: uniqueness is the database's job (IntegrityError below), race-free.
            application.full_clean(
                exclude=["resume", "cover_letter_file", "submission_token"],
                validate_unique=False,
                validate_constraints=False,
            )
            application.save()
            Answer.objects.bulk_create(
                Answer(application=application, question=question, question_label=label, value=value)
                for question, label, value in answers
            )
            ConsentRecord.objects.create(
                application=application,
                policy=policy,
                policy_version=policy.version,
                wording=consent_wording,
                talent_pool=talent_pool,
                talent_pool_wording=talent_pool_wording if talent_pool else "",
            )
            emails = [OutgoingEmail(application=application, kind=OutgoingEmail.Kind.CANDIDATE_CONFIRMATION)]
            if posting.team.notification_email:
                emails.append(OutgoingEmail(application=application, kind=OutgoingEmail.Kind.TEAM_NOTIFICATION))
            OutgoingEmail.objects.bulk_create(emails)
            transaction.on_commit(lambda: deliver_pending_emails(application_id=application.pk))
    except BaseException as error:
        for name in stored:
            storages["private"].delete(name)
        if isinstance(error, IntegrityError):
            again = Application.objects.filter(submission_token=token).first()
            if again:
                raise AlreadySubmitted(again) from error
            raise DuplicateApplication from error
        raise
    return application


# --- erasure and retention ----------------------------------------------------

def scrub_admin_history(model, pks):
    """Keep the admin's history of who changed what and when, but not whom it was about.

    Django's admin log stores each object's ``str()`` (an application's is the
    candidate's name) and a change message; erasure and retention remove both.
    """
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in pks]
    ).update(object_repr=f"(erased {model._meta.verbose_name})", change_message="")


def accommodation_requests_erase(requests) -> int:
    """Delete accommodation requests (and their emails) and scrub them from the admin history."""
    ids = list(requests.values_list("pk", flat=True))
    with transaction.atomic():
        AccommodationRequest.objects.filter(pk__in=ids).delete()
        scrub_admin_history(AccommodationRequest, ids)
    return len(ids)


def applications_erase(applications) -> int:
    """Delete applications with their answers, consent records, emails and files.

    Anonymous counts are kept (ErasedApplication). Files are deleted only after
    the database commit, so a failed erasure never leaves rows without files.
    Used by a candidate's "delete my data" and by the retention command alike.
    """
    applications = list(applications)
    if not applications:
        return 0
    files = [f for a in applications for f in (a.resume, a.cover_letter_file) if f]
    with transaction.atomic():
        ErasedApplication.objects.bulk_create(
            ErasedApplication(posting_id=a.posting_id, stage=a.stage, submitted_month=a.submitted_at.date().replace(day=1))
            for a in applications
        )
        deleted, _ = Application.objects.filter(pk__in=[a.pk for a in applications]).delete()
        scrub_admin_history(Application, [a.pk for a in applications])
        transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])
    return len(applications)


def retention_cutoffs(now=None):
    """(ordinary cutoff, talent-pool cutoff): data of postings closed before these dates is due."""
    now = now or timezone.now()
    return (
        now - timedelta(days=settings.RETENTION_DAYS_AFTER_CLOSE),
        now - timedelta(days=settings.TALENT_POOL_RETENTION_DAYS),
    )


def expired_applications():
    """Applications past retention: their posting closed long enough ago (talent pool: longer)."""
    ordinary, talent_pool = retention_cutoffs()
    closed_before = lambda cutoff: (  # noqa: E731
        Q(posting__closed_at__lt=cutoff)
        | Q(posting__closed_at__isnull=True, posting__closes_on__lt=timezone.localtime(cutoff).date())
    )
    return Application.objects.filter(
        (Q(consent__talent_pool=False) | Q(consent__isnull=True)) & closed_before(ordinary)
        | Q(consent__talent_pool=True) & closed_before(talent_pool)
    )


def expired_accommodation_requests():
    ordinary, _ = retention_cutoffs()
    return AccommodationRequest.objects.filter(
        Q(posting__closed_at__lt=ordinary)
        | Q(posting__closed_at__isnull=True, posting__closes_on__lt=timezone.localtime(ordinary).date())
        | Q(posting__isnull=True, created_at__lt=ordinary)
    )


def purge_expired_data(*, dry_run=False, batch_size=200) -> dict:
    """Delete what the retention policy says we may no longer keep; returns counts.

    Safe to run concurrently: each batch locks its rows and skips rows another
    run holds. Idempotent: a second run finds nothing more to do.
    """
    counts = {"applications": 0, "accommodation_requests": 0}
    if dry_run:
        counts["applications"] = expired_applications().count()
        counts["accommodation_requests"] = expired_accommodation_requests().count()
        return counts
    while True:
        with transaction.atomic():
            batch = list(
                Application.objects.filter(pk__in=expired_applications().values("pk"))
                .select_for_update(skip_locked=True)[:batch_size]
            )
            erased = applications_erase(batch)
        counts["applications"] += erased
        if erased < batch_size:
            break
    while True:
        with transaction.atomic():
            ids = list(
                AccommodationRequest.objects.filter(pk__in=expired_accommodation_requests().values("pk"))
                .select_for_update(skip_locked=True).values_list("pk", flat=True)[:batch_size]
            )
            accommodation_requests_erase(AccommodationRequest.objects.filter(pk__in=ids))
        counts["accommodation_requests"] += len(ids)
        if len(ids) < batch_size:
            break
    return counts


def purge_orphan_files(*, older_than) -> int:
    """Delete stored documents no application points to (e.g. a worker killed mid-submit).

    Only files older than ``older_than`` are touched, so a submission still in
    flight (file stored, row not yet committed) is never mistaken for an orphan.
    """
    storage = storages["private"]
    cutoff = timezone.now() - older_than
    referenced = set(Application.objects.values_list("resume", flat=True)) | set(
        Application.objects.exclude(cover_letter_file="").values_list("cover_letter_file", flat=True)
    )
    deleted = 0
    for folder in ("resumes", "cover-letters"):
        if not storage.exists(folder):
            continue
        for name in _walk(storage, folder):
            if name not in referenced and storage.get_modified_time(name) < cutoff:
                storage.delete(name)
                deleted += 1
    return deleted


# --- held uploads ------------------------------------------------------------
# When the form fails on another field, a valid résumé is kept in private
# storage for this browser session so the candidate need not upload it again.

HELD_SESSION_KEY = "held_resumes"


def hold_upload(session, token, document: Document):
    name = _store(document, "held")
    held = session.get(HELD_SESSION_KEY, {})
    previous = held.get(str(token))
    if previous:
        storages["private"].delete(previous["stored"])
    held[str(token)] = {
        "stored": name, "name": document.display_name, "size": document.size, "kind": document.kind.extension,
    }
    session[HELD_SESSION_KEY] = held
    return held[str(token)]


def held_upload(session, token):
    held = session.get(HELD_SESSION_KEY, {}).get(str(token))
    if held and storages["private"].exists(held["stored"]):
        return held
    return None


def held_document(held) -> Document:
    return Document(
        kind=uploads.KINDS[held["kind"]], display_name=held["name"], size=held["size"], held_name=held["stored"]
    )


def purge_held_uploads(*, older_than) -> int:
    """Delete held résumés whose form session was abandoned; returns how many."""
    storage = storages["private"]
    deleted = 0
    if not storage.exists("held"):
        return 0
    cutoff = timezone.now() - older_than
    for name in _walk(storage, "held"):
        if storage.get_modified_time(name) < cutoff:
            storage.delete(name)
            deleted += 1
    return deleted


def _walk(storage, folder):
    directories, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from _walk(storage, f"{folder}/{directory}")


def release_held(session, token):
    held = session.get(HELD_SESSION_KEY, {})
    entry = held.pop(str(token), None)
    if entry:
        storages["private"].delete(entry["stored"])
        session[HELD_SESSION_KEY] = held


# --- accommodation requests --------------------------------------------------
def accommodation_request_submit(
    *, name, email, posting, stage, description, contact_method, contact_details=""
) -> AccommodationRequest:
    """Record an accommodation request and queue its two emails (sent after commit).

    The coordinators' notice names no health details: only that a request arrived.
    """
    with transaction.atomic():
        request = AccommodationRequest(
            name=name, email=email, posting=posting, stage=stage, description=description,
            contact_method=contact_method, contact_details=contact_details,
        )
        request.full_clean(validate_unique=False, validate_constraints=False)
        request.save()
        OutgoingEmail.objects.bulk_create(
            OutgoingEmail(accommodation_request=request, kind=kind)
            for kind in (OutgoingEmail.Kind.ACCOMMODATION_CONFIRMATION, OutgoingEmail.Kind.ACCOMMODATION_NOTIFICATION)
        )
        transaction.on_commit(lambda: deliver_pending_emails(accommodation_request_id=request.pk))
    return request


def accommodation_coordinator_emails() -> list[str]:
    """Active coordinators' addresses (group or direct permission), else the configured fallback."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    permission = Permission.objects.get(codename="coordinate_accommodations", content_type__app_label="careers")
    users = get_user_model().objects.filter(is_active=True, is_staff=True).filter(
        Q(groups__permissions=permission) | Q(user_permissions=permission)
    )
    emails = sorted(set(users.values_list("email", flat=True)))
    return emails or ([settings.ACCOMMODATIONS_EMAIL] if settings.ACCOMMODATIONS_EMAIL else [])


# --- email -------------------------------------------------------------------
def _application_context(application):
    posting = application.posting
    return {
        "application": application,
        "posting": posting,
        "site_url": settings.SITE_URL,
        "privacy_url": settings.SITE_URL + application.consent.policy.get_absolute_url(),
        "accommodations_url": f"{settings.SITE_URL}{reverse('careers:accommodations')}?posting={posting.slug}",
    }


def _build_message(email: OutgoingEmail) -> EmailMessage | None:
    """The message an owed email stands for; None when it has nobody to go to."""
    Kind = OutgoingEmail.Kind
    if email.kind == Kind.CANDIDATE_CONFIRMATION:
        context = _application_context(email.application)
        subject = f"We received your application: {context['posting'].title}"
        template, recipients = "emails/application_received.txt", [email.application.email]
    elif email.kind == Kind.TEAM_NOTIFICATION:
        context = _application_context(email.application)
        subject = f"New application: {context['posting'].title}"
        template, recipients = "emails/application_notification.txt", [context["posting"].team.notification_email]
    else:
        request = email.accommodation_request
        context = {
            "request": request,
            "site_url": settings.SITE_URL,
            "admin_url": settings.SITE_URL + reverse("admin:careers_accommodationrequest_change", args=[request.pk]),
        }
        if email.kind == Kind.ACCOMMODATION_CONFIRMATION:
            subject = "We received your accommodation request"
            template, recipients = "emails/accommodation_received.txt", [request.email]
        else:
            subject = "New accommodation request"
            template, recipients = "emails/accommodation_notification.txt", accommodation_coordinator_emails()
    if not [r for r in recipients if r]:
        return None
    return EmailMessage(subject=subject, body=render_to_string(template, context), to=recipients)


def deliver_email(email: OutgoingEmail) -> bool:
    """Try to send one owed email; record the outcome. Never raises for mail errors."""
    try:
        message = _build_message(email)
        if message is None:
            raise LookupError("no recipient configured")
        message.send()
    except Exception as error:  # any mail failure is recorded, never lost
        email.attempts += 1
        email.last_error = f"{type(error).__name__}: {error}"[:300]
        if email.attempts >= MAX_EMAIL_ATTEMPTS:
            email.status = OutgoingEmail.Status.FAILED
        email.save(update_fields=["attempts", "last_error", "status"])
        logger.warning("Email %s (%s) not sent: %s", email.pk, email.kind, type(error).__name__)
        return False
    email.attempts += 1
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    email.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    return True


def deliver_pending_emails(*, application_id=None, accommodation_request_id=None) -> tuple[int, int]:
    """Send owed emails (all, or one application's). Returns (sent, failed).

    Each email is locked while it is sent (rows another process holds are
    skipped), so the after-commit send and the retry command never send twice.
    """
    pending = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING)
    if application_id is not None:
        pending = pending.filter(application_id=application_id)
    if accommodation_request_id is not None:
        pending = pending.filter(accommodation_request_id=accommodation_request_id)
    sent = failed = 0
    for email_id in list(pending.values_list("pk", flat=True)):
        with transaction.atomic():
            email = (
                pending.filter(pk=email_id)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related(
                    "application__posting__team", "application__consent__policy", "accommodation_request"
                )
                .first()
            )
            if email is None:
                continue
            if deliver_email(email):
                sent += 1
            else:
                failed += 1
    return sent, failed
