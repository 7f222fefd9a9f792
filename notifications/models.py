"""The outbox: every email owed to someone, written with the change it reports."""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class OutgoingEmailQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=OutgoingEmail.Status.PENDING)

    def due(self, now=None):
        """Pending emails whose next attempt time has come (the sweep enqueues these)."""
        return self.pending().filter(next_attempt_at__lte=now or timezone.now())

    def failed(self):
        return self.filter(status=OutgoingEmail.Status.FAILED)

    def overdue(self, age, now=None):
        """Pending emails that should have gone out more than ``age`` ago: the worker is not keeping up."""
        return self.pending().filter(next_attempt_at__lt=(now or timezone.now()) - age)


class OutgoingEmail(models.Model):
    """An email owed to someone, rendered when it is queued; delivered by a task, retried for days.

    The message is complete in the row (recipients, subject, body), so sending
    needs no other table and no decryption key. ``key`` names the event it
    reports (``application:<pk>:confirmation``): the same email is never queued
    twice. ``application``/``accommodation_request`` say what it is about, so
    erasing that erases its emails; account emails are about nothing that is
    deleted with the account (an erasure notice must outlive the account).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed (gave up)"

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40, blank=True, help_text="What sort of email (for staff lists).")
    to = models.JSONField(default=list, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="emails", null=True, blank=True)
    accommodation_request = models.ForeignKey(
        "accommodations.AccommodationRequest", on_delete=models.CASCADE, related_name="emails", null=True, blank=True
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        db_table = "careers_outgoingemail"
        ordering = ["created_at"]
        constraints = [
            # Event emails go once per application; messages staff write (``message:<kind>``, the
            # candidate_emails app) may be many, each still once by its key.
            models.UniqueConstraint(
                fields=["application", "kind"], condition=~Q(kind__startswith="message:"),
                name="careers_outgoingemail_once_per_kind",
            ),
            models.UniqueConstraint(
                fields=["accommodation_request", "kind"], name="careers_outgoingemail_once_per_request_kind"
            ),
            models.CheckConstraint(
                condition=~Q(application__isnull=False, accommodation_request__isnull=False),
                name="notifications_outgoingemail_at_most_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "sent", "failed"]), name="notifications_outgoingemail_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.subject or self.kind} ({self.status})"
