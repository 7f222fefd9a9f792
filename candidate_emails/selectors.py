"""Reads: an application's timeline for staff, and a candidate's messages for their account."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch

from applications.models import StageChange
from notifications.admin import emails_visible_to
from notifications.models import OutgoingEmail

from .models import CandidateEmail

# Emails other apps send about an application, as staff should read them in the timeline.
EVENT_EMAILS = {
    "candidate_confirmation": "Confirmation of the application, to the candidate",
    "team_notification": "New-application notice, to the team",
    "application_withdrawn": "Confirmation of the withdrawal, to the candidate",
}


@dataclass
class TimelineEntry:
    at: datetime
    kind: str  # "stage" or "email"
    title: str
    who: str
    email: OutgoingEmail | None = None

    @property
    def scheduled(self):
        """A pending email held back to a later time (a delayed bulk rejection)."""
        return self.email is not None and self.email.status == "pending" and self.email.next_attempt_at > self.at


def application_timeline(application, user) -> list[TimelineEntry]:
    """Every stage change and every email of one application ``user`` may read, newest first: two queries, however many.

    Emails (bodies included) follow the outbox's own rule: its view permission, then ``emails_visible_to``.
    """
    entries = [
        TimelineEntry(at=change.at, kind="stage", title=f"{change.get_from_stage_display()} \u2192 "
                      f"{change.get_to_stage_display()}", who=change.who)
        for change in StageChange.objects.filter(application=application).select_related("by")
    ]
    emails = OutgoingEmail.objects.none()
    if user.has_perm("notifications.view_outgoingemail"):
        emails = emails_visible_to(user).filter(application=application).select_related("candidate_email__sent_by")
    for email in emails:
        message = getattr(email, "candidate_email", None)
        if message is not None:
            title = f"{message.get_kind_display()} email: {email.subject}"
            who = "the system" if message.by_system else message.sent_by.email
        else:
            title = EVENT_EMAILS.get(email.kind, email.kind or "Email")
            who = "sent automatically"
        entries.append(TimelineEntry(at=email.created_at, kind="email", title=title, who=who, email=email))
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries


def with_candidate_messages(applications):
    """Candidate's own applications with ``shown_messages``: the messages sent to them, newest first (one query)."""
    shown = CandidateEmail.objects.shown_to_candidate().select_related("outgoing")
    return applications.prefetch_related(Prefetch("candidate_emails", queryset=shown, to_attr="shown_messages"))


def messages_for_export(applications) -> dict[int, list[dict]]:
    """The messages staff sent about these applications, by application id, for the candidate's data export."""
    found = {}
    sent = CandidateEmail.objects.shown_to_candidate().filter(application__in=applications)
    sent = sent.select_related("outgoing").order_by("send_at")
    for message in sent:
        found.setdefault(message.application_id, []).append({
            "sent_at": message.send_at.isoformat(), "subject": message.outgoing.subject, "body": message.outgoing.body,
        })
    return found
