"""The one rule for access logs of candidates' records: who did what to which record, and when.

An entry names its record by reference, as text, and keeps a nullable link to it
(``SET_NULL``): the log outlives the record's erasure or retention purge without
keeping any personal data. Entries are written with ``record(user, action, records)``
only, and admin pages show the reference, never the record (its name is a person's).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AccessLogEntry(models.Model):
    """Append-only. A subclass adds its ``Action`` choices, an ``action`` field, the link to its
    record (``SET_NULL``) and a reference field, and names them in ``record_field``/``reference_field``."""

    record_field: str
    reference_field: str

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        abstract = True
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} {self.get_action_display().lower()} {getattr(self, self.reference_field)}"

    @classmethod
    def record(cls, user, action, records):
        """Log that ``user`` did ``action`` to each of ``records`` (one INSERT)."""
        cls.objects.bulk_create(
            cls(**{cls.record_field: record, cls.reference_field: record.reference}, user=user, action=action)
            for record in records
        )


class LogsOpenings:
    """Admin mixin: every successful opening of a record's page is written to ``access_log``."""

    access_log: type[AccessLogEntry]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            # The record the page showed (``render_change_form``'s "original"), not a second lookup.
            context = getattr(response, "context_data", None) or {}
            record = context["original"] if "original" in context else self.get_object(request, object_id)
            if record is not None:
                self.access_log.record(request.user, self.access_log.Action.VIEWED, [record])
        return response

