"""Emails staff write to candidates: editable templates, each message sent, and per-posting auto-rejection.

A message's text lives in its outbox row (``notifications.OutgoingEmail``); the
``CandidateEmail`` beside it says who sent it, from which template, and when the
candidate may see it in their account.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .placeholders import placeholder_help, validate_placeholders


class EmailKind(models.TextChoices):
    REJECTION = "rejection", "Rejection"
    INVITATION = "invitation", "Invitation to talk"
    CALL = "call", "Offer of a call"
    MESSAGE = "message", "Free-form message"


class EmailTemplate(models.Model):
    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=12, choices=EmailKind, default=EmailKind.MESSAGE)
    subject = models.CharField(max_length=200, help_text=placeholder_help())
    body = models.TextField(help_text="Plain text. " + placeholder_help())
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EmailKind.values), name="candidate_emails_template_kind_valid"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # In clean(), not as field validators: migrations would import the project's code (tests/config).
        super().clean()
        errors = {}
        for field in ("subject", "body"):
            try:
                validate_placeholders(getattr(self, field))
            except ValidationError as error:
                errors[field] = error
        if errors:
            raise ValidationError(errors)


class CandidateEmailQuerySet(models.QuerySet):
    def shown_to_candidate(self):
        """Messages the candidate may read in their account: those whose sending time has come.

        A rejection delayed by a day is not in the account before it is in the inbox.
        """
        return self.filter(send_at__lte=timezone.now())


class CandidateEmail(models.Model):
    """One message to a candidate: who sent it (a person, or the system), logged on the application."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="candidate_emails"
    )
    outgoing = models.OneToOneField(
        "notifications.OutgoingEmail", on_delete=models.CASCADE, related_name="candidate_email",
        help_text="The outbox row: the text as sent, and its delivery.",
    )
    template = models.ForeignKey(EmailTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=12, choices=EmailKind)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="Empty: sent by the system (automatic rejection).",
    )
    by_system = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    send_at = models.DateTimeField(default=timezone.now, help_text="When it goes out (a bulk rejection may wait).")

    objects = CandidateEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-send_at", "-pk"]
        constraints = [
            # Every message names its sender: a person, or the system, never neither nor both.
            models.CheckConstraint(
                condition=Q(by_system=True, sent_by__isnull=True) | Q(by_system=False, sent_by__isnull=False),
                name="candidate_emails_sender_person_or_system",
            ),
            models.CheckConstraint(condition=Q(kind__in=EmailKind.values), name="candidate_emails_kind_valid"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.application_id} at {self.send_at:%Y-%m-%d %H:%M}"


class PostingAutoRejection(models.Model):
    """A posting's choice to reject and email its open candidates when it closes (off unless set)."""

    posting = models.OneToOneField("careers.Posting", on_delete=models.CASCADE, related_name="auto_rejection")
    enabled = models.BooleanField(
        "reject open candidates when the posting closes", default=False,
        help_text="When the posting is closed, candidates still in New, Reviewing or Interviewing are moved "
                  "to Rejected and sent this email once. Candidates with an offer are left alone.",
    )
    template = models.ForeignKey(
        EmailTemplate, on_delete=models.PROTECT, related_name="+", limit_choices_to={"kind": EmailKind.REJECTION},
    )

    class Meta:
        verbose_name = "automatic rejection email"

    def __str__(self):
        return f"Automatic rejection ({'on' if self.enabled else 'off'})"
