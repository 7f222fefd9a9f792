"""Delivering the outbox: each owed email is sent once, retried while it fails."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_EMAIL_ATTEMPTS = 8


def _application_context(application):
    posting = application.posting
    return {
        "application": application,
        "posting": posting,
        "site_url": settings.SITE_URL,
        "privacy_url": settings.SITE_URL + application.consent.policy.get_absolute_url(),
        "accommodations_url": f"{settings.SITE_URL}{reverse('accommodations:request')}?posting={posting.slug}",
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
            "admin_url": settings.SITE_URL + reverse("admin:accommodations_accommodationrequest_change", args=[request.pk]),
        }
        if email.kind == Kind.ACCOMMODATION_CONFIRMATION:
            subject = "We received your accommodation request"
            template, recipients = "emails/accommodation_received.txt", [request.email]
        else:
            subject = "New accommodation request"
            from accommodations.services import accommodation_coordinator_emails

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
