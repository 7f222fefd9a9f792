"""The outbox: every email owed to someone, written with the change it reports."""

from django.db import models
from django.db.models import Q


class OutgoingEmail(models.Model):
    """An email owed to someone; sent after commit, retried until it goes."""

    class Kind(models.TextChoices):
        CANDIDATE_CONFIRMATION = "candidate_confirmation", "Confirmation to candidate"
        TEAM_NOTIFICATION = "team_notification", "Notification to hiring team"
        ACCOMMODATION_CONFIRMATION = "accommodation_confirmation", "Accommodation request confirmation"
        ACCOMMODATION_NOTIFICATION = "accommodation_notification", "Accommodation request notice to coordinators"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Gave up"

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="emails", null=True, blank=True)
    accommodation_request = models.ForeignKey(
        "accommodations.AccommodationRequest", on_delete=models.CASCADE, related_name="emails", null=True, blank=True
    )
    kind = models.CharField(max_length=30, choices=Kind)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "careers_outgoingemail"
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="careers_outgoingemail_once_per_kind"),
            models.UniqueConstraint(
                fields=["accommodation_request", "kind"], name="careers_outgoingemail_once_per_request_kind"
            ),
            models.CheckConstraint(
                condition=Q(application__isnull=False, accommodation_request__isnull=True)
                | Q(application__isnull=True, accommodation_request__isnull=False),
                name="careers_outgoingemail_one_subject",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.status})"
