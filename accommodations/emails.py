"""The emails an accommodation request sends, rendered when queued.

The request's health details are decrypted only here, inside the request's own
transaction, and neither email contains them (the coordinators' notice says only
that a request arrived). Delivery later needs no key at all: a worker with a
stale key list still sends everything.
"""

from django.conf import settings
from django.urls import reverse

from notifications.services import email_queue


def accommodation_messages(request, coordinator_emails) -> list[dict]:
    context = {
        "request": request,
        "site_url": settings.SITE_URL,
        "admin_url": settings.SITE_URL + reverse("admin:accommodations_accommodationrequest_change", args=[request.pk]),
    }
    return [
        dict(
            key=f"accommodation_request:{request.pk}:confirmation", kind="accommodation_confirmation", about=request,
            to=[request.email], subject="We received your accommodation request",
            body_template="emails/accommodation_received.txt", context=context,
        ),
        dict(
            key=f"accommodation_request:{request.pk}:notification", kind="accommodation_notification", about=request,
            to=coordinator_emails, subject="New accommodation request",
            body_template="emails/accommodation_notification.txt", context=context,
        ),
    ]


def render_legacy_emails(sender=None, **kwargs):
    """After migrate: this app's emails queued before the outbox held messages get theirs (see notifications 0002)."""
    from notifications.models import OutgoingEmail
    from notifications.services import email_render_legacy

    from .services import accommodation_coordinator_emails

    legacy = OutgoingEmail.objects.filter(accommodation_request__isnull=False, body="").exclude(
        status=OutgoingEmail.Status.SENT
    )
    coordinators = accommodation_coordinator_emails()
    for email in legacy.select_related("accommodation_request"):
        messages = {m["key"]: m for m in accommodation_messages(email.accommodation_request, coordinators)}
        email_render_legacy(email, messages.get(email.key))


def accommodation_emails_queue(request, coordinator_emails):
    for message in accommodation_messages(request, coordinator_emails):
        email_queue(**message)
