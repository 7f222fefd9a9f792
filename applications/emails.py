"""The emails an application sends, rendered when they are queued (in the apply transaction)."""

from django.conf import settings
from django.urls import reverse

from notifications.services import email_queue


def application_messages(application) -> list[dict]:
    """The candidate's confirmation, and the team's notice when the team has an address (``email_queue`` kwargs)."""
    posting = application.posting
    context = {
        "application": application,
        "posting": posting,
        "site_url": settings.SITE_URL,
        "privacy_url": settings.SITE_URL + application.consent.policy.get_absolute_url(),
        "accommodations_url": f"{settings.SITE_URL}{reverse('accommodations:request')}?posting={posting.slug}",
    }
    messages = [dict(
        key=f"application:{application.pk}:confirmation", kind="candidate_confirmation", about=application,
        to=[application.email], subject=f"We received your application: {posting.title}",
        body_template="emails/application_received.txt", context=context,
    )]
    if posting.team.notification_email:
        messages.append(dict(
            key=f"application:{application.pk}:team_notification", kind="team_notification", about=application,
            to=[posting.team.notification_email], subject=f"New application: {posting.title}",
            body_template="emails/application_notification.txt", context=context,
        ))
    return messages


def render_legacy_emails(sender=None, **kwargs):
    """After migrate: this app's emails queued before the outbox held messages get theirs (see notifications 0002)."""
    from notifications.models import OutgoingEmail
    from notifications.services import email_render_legacy

    legacy = OutgoingEmail.objects.filter(application__isnull=False, body="").exclude(status=OutgoingEmail.Status.SENT)
    for email in legacy.select_related("application__posting__team", "application__consent__policy"):
        messages = {message["key"]: message for message in application_messages(email.application)}
        email_render_legacy(email, messages.get(email.key))


def application_emails_queue(application):
    for message in application_messages(application):
        email_queue(**message)
