"""The outbox's one write (``email_queue``) and its delivery (``email_deliver``, ``outbox_sweep``).

Nothing here knows what an email is about: each app renders its own messages
(``applications/emails.py``, ``accommodations/emails.py``, ``accounts/services.py``)
and queues them in the transaction of the change they report. Sending happens in
the task worker (``notifications/tasks.py``), never in a request.
"""

import hashlib
import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

# Wait after each failed attempt. 11 attempts over 3 days 22 hours: a weekend-long mail outage
# loses nothing. After the last, the email is FAILED (admin "Resend", /healthz, check_outbox).
RETRY_DELAYS = [
    timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15), timedelta(hours=1), timedelta(hours=3),
    timedelta(hours=6), timedelta(hours=12), timedelta(hours=24), timedelta(hours=24), timedelta(hours=24),
]
MAX_EMAIL_ATTEMPTS = len(RETRY_DELAYS) + 1
# A pending email this late means the worker is not running or not keeping up.
OVERDUE_AFTER = timedelta(minutes=15)


def email_queue(
    *, key, to, subject="", body="", subject_template=None, body_template=None, context=None, about=None, kind="",
    send_at=None,
) -> OutgoingEmail | None:
    """Queue one email, rendered now, in the caller's transaction; deliver it after commit.

    ``key`` names the event (``application:12:confirmation``): queuing the same
    key again changes nothing and returns None. ``about`` is the row the email
    concerns (an Application or AccommodationRequest); deleting it deletes the
    email. Rendering is CPU only, so the caller's transaction stays short.
    ``send_at`` (a later time) holds it back until then: the task is deferred, or
    the sweep finds it due.
    """
    recipients = [address for address in to if address]
    if subject_template:
        subject = "".join(render_to_string(subject_template, context or {}).splitlines())
    if body_template:
        body = render_to_string(body_template, context or {})
    email = OutgoingEmail(key=key, kind=kind, to=recipients, subject=subject, body=body)
    if send_at is not None:
        email.next_attempt_at = send_at
    if about is not None:
        setattr(email, _about_field(about), about)
    if not recipients:
        # Recorded, not silently dropped: staff see it failed and why (e.g. no coordinator address).
        email.status = OutgoingEmail.Status.FAILED
        email.last_error = "no recipient configured"
        logger.error("Email %s has no recipient", key)
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: a duplicate key leaves the caller's transaction usable
                email.save(force_insert=True)
        except IntegrityError:
            if OutgoingEmail.objects.filter(key=key).exists():
                return None  # already queued: the same email is never sent twice
            raise
        if email.status == OutgoingEmail.Status.PENDING:
            email_enqueue_on_commit(email.pk, run_after=send_at)
    return email


def email_render_legacy(email, message):
    """Give a row queued before the outbox held messages (notifications 0002) its message, and make it due.

    ``message`` is what its app would queue today (``email_queue`` kwargs), or None
    if it has nobody to go to any more (then it is recorded as failed, not dropped).
    """
    recipients = [address for address in (message or {}).get("to", []) if address]
    if not recipients:
        email.status, email.last_error = OutgoingEmail.Status.FAILED, "no recipient configured"
    else:
        email.to, email.subject = recipients, message["subject"]
        email.body = render_to_string(message["body_template"], message["context"])
        email.next_attempt_at = timezone.now()
    email.save(update_fields=["to", "subject", "body", "status", "last_error", "next_attempt_at"])
    if email.status == OutgoingEmail.Status.PENDING:
        email_enqueue_on_commit(email.pk)


def _about_field(about):
    for field in OutgoingEmail._meta.get_fields():
        if field.many_to_one and isinstance(about, field.related_model):
            return field.name
    raise TypeError(f"An email cannot be about a {type(about).__name__}")


def email_enqueue_on_commit(email_id, *, run_after=None):
    """Hand the email to the task queue once the transaction commits.

    ``robust``: the row is already committed, so a failing enqueue (the task
    database gone for a moment) must not turn a done change into an error page;
    the sweep enqueues it later.
    """
    transaction.on_commit(lambda: _enqueue(email_id, run_after=run_after), robust=True)


def _enqueue(email_id, *, run_after=None):
    from .tasks import deliver_email

    task = deliver_email
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(email_id)


def _message(email) -> EmailMessage:
    """The message for an outbox row, with the headers automated mail should carry.

    ``Auto-Submitted`` (RFC 3834) keeps auto-responders from answering it; the
    ``Message-ID`` names the site's host, not the machine's, and stays the same on
    every attempt, so a message that was delivered after all is recognised as one.
    """
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    digest = hashlib.sha256(f"{email.pk}:{email.key}".encode()).hexdigest()[:20]
    headers = {"Auto-Submitted": "auto-generated", "Message-ID": f"<{email.pk}.{digest}@{host}>"}
    reply_to = [settings.EMAIL_REPLY_TO] if settings.EMAIL_REPLY_TO else None
    return EmailMessage(subject=email.subject, body=email.body, to=email.to, headers=headers, reply_to=reply_to)


def email_deliver(email_id) -> str:
    """Send one queued email if it is still pending and due; record the outcome. Never raises for mail errors.

    The row is locked while the message is sent (``SKIP LOCKED``: another worker
    holding it means it is being sent), and its status is checked under the
    lock, so two tasks for one email send it once. A worker killed mid-send
    holds no lock once its connection dies; the attempt is not recorded and the
    sweep tries again.
    """
    now = timezone.now()
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update(skip_locked=True).filter(pk=email_id).first()
        if email is None:
            return "busy or gone"
        if email.status != OutgoingEmail.Status.PENDING:
            return email.status
        if email.next_attempt_at > now:
            return "not due"  # a duplicate task; the email's own retry is scheduled
        email.attempts += 1
        try:
            _message(email).send()
        except Exception as error:  # any mail failure is recorded and retried, never lost
            email.last_error = f"{type(error).__name__}: {error}"[:300]
            if email.attempts >= MAX_EMAIL_ATTEMPTS:
                email.status = OutgoingEmail.Status.FAILED
                logger.error("Email %s (%s) failed for good after %s attempts: %s",
                             email.pk, email.kind, email.attempts, email.last_error)
            else:
                email.next_attempt_at = now + RETRY_DELAYS[email.attempts - 1]
                email_enqueue_on_commit(email.pk, run_after=email.next_attempt_at)
                logger.warning("Email %s (%s) not sent (attempt %s): %s",
                               email.pk, email.kind, email.attempts, type(error).__name__)
            email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return "retry" if email.status == OutgoingEmail.Status.PENDING else "failed"
        email.status = OutgoingEmail.Status.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        if email.application_id is None and email.accommodation_request_id is None:
            # About no row that retention or erasure deletes (account emails: sign-in links, an
            # erasure notice): once sent, keep no address or body, only that it went.
            email.to, email.body = [], ""
        email.save(update_fields=["attempts", "status", "sent_at", "last_error", "to", "body"])
    return "sent"


def outbox_sweep(*, now=None, already_queued=frozenset()) -> int:
    """Enqueue every pending email that is due (lost enqueues, retries, a worker that died mid-send).

    ``already_queued``: ids with a delivery task still waiting, left alone so a
    stopped worker does not come back to a pile of duplicates (they would be
    harmless, each a no-op under the row lock, but not free).
    """
    due = [pk for pk in OutgoingEmail.objects.due(now).values_list("pk", flat=True) if pk not in already_queued]
    for email_id in due:
        try:
            _enqueue(email_id)
        except Exception:
            logger.exception("Could not enqueue email %s; the next sweep tries again", email_id)
    return len(due)


def emails_erase_to(address) -> int:
    """Delete the failed emails about no row (account emails) that still hold this address (erasure).

    Sent ones hold no address any more; pending ones still go out (the person
    asked for what they report) and are scrubbed once sent.
    """
    deleted, _ = OutgoingEmail.objects.failed().filter(
        application__isnull=True, accommodation_request__isnull=True, to=[address]
    ).delete()
    return deleted


def email_resend(emails) -> int:
    """Give failed emails a fresh set of attempts (the admin's "Resend")."""
    with transaction.atomic():
        ids = list(emails.filter(status=OutgoingEmail.Status.FAILED).select_for_update().values_list("pk", flat=True))
        OutgoingEmail.objects.filter(pk__in=ids).update(
            status=OutgoingEmail.Status.PENDING, attempts=0, next_attempt_at=timezone.now()
        )
        for email_id in ids:
            email_enqueue_on_commit(email_id)
    return len(ids)


def outbox_health(*, now=None) -> dict:
    """What an operator alerts on: emails given up on, and pending ones the worker has not reached."""
    failed = OutgoingEmail.objects.failed().count()
    overdue = OutgoingEmail.objects.overdue(OVERDUE_AFTER, now).count()
    return {"status": "ok" if not (failed or overdue) else "attention", "failed": failed, "overdue": overdue}
