"""The outbox becomes generic: each row holds its rendered message, an idempotency key and a retry time.

Rows queued before this migration held only a kind and a link; their messages
were built at send time. This migration gives them their keys (the ones the apps
use) and holds the unsent ones back (``next_attempt_at`` a day away, an empty
body); right after ``migrate``, each app renders its own (``post_migrate``:
``applications.emails.render_legacy_emails``, ``accommodations.emails...``) with
its own templates and makes them due, so no pending or failed email is lost and
this migration runs no project code.
"""

import datetime

import django.utils.timezone
from django.db import migrations, models
from django.db.models import Q
from django.utils import timezone

LEGACY_KEYS = {
    "candidate_confirmation": "application:{application_id}:confirmation",
    "team_notification": "application:{application_id}:team_notification",
    "accommodation_confirmation": "accommodation_request:{accommodation_request_id}:confirmation",
    "accommodation_notification": "accommodation_request:{accommodation_request_id}:notification",
}


def key_existing(apps, schema_editor):
    OutgoingEmail = apps.get_model("notifications", "OutgoingEmail")
    db = schema_editor.connection.alias
    held_back = timezone.now() + datetime.timedelta(days=1)
    for email in OutgoingEmail.objects.using(db).filter(key__isnull=True).order_by("pk"):
        email.key = LEGACY_KEYS[email.kind].format(
            application_id=email.application_id, accommodation_request_id=email.accommodation_request_id
        )
        if email.status != "sent":
            email.next_attempt_at = held_back  # until its app renders it, right after migrate
        email.save(using=db)


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="outgoingemail", name="careers_outgoingemail_one_subject"),
        migrations.AlterField(
            model_name="outgoingemail", name="kind",
            field=models.CharField(blank=True, help_text="What sort of email (for staff lists).", max_length=40),
        ),
        migrations.AddField(model_name="outgoingemail", name="key", field=models.CharField(max_length=200, null=True)),
        migrations.AddField(model_name="outgoingemail", name="to", field=models.JSONField(blank=True, default=list)),
        migrations.AddField(model_name="outgoingemail", name="subject",
                            field=models.CharField(blank=True, max_length=300)),
        migrations.AddField(model_name="outgoingemail", name="body", field=models.TextField(blank=True)),
        migrations.AddField(
            model_name="outgoingemail", name="next_attempt_at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
        migrations.AlterField(
            model_name="outgoingemail", name="status",
            field=models.CharField(
                choices=[("pending", "Pending"), ("sent", "Sent"), ("failed", "Failed (gave up)")],
                db_index=True, default="pending", max_length=10,
            ),
        ),
        migrations.RunPython(key_existing, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="outgoingemail", name="key", field=models.CharField(max_length=200, unique=True),
        ),
        migrations.AddConstraint(
            model_name="outgoingemail",
            constraint=models.CheckConstraint(
                condition=~Q(application__isnull=False, accommodation_request__isnull=False),
                name="notifications_outgoingemail_at_most_one_subject",
            ),
        ),
        migrations.AddConstraint(
            model_name="outgoingemail",
            constraint=models.CheckConstraint(
                condition=Q(status__in=["pending", "sent", "failed"]), name="notifications_outgoingemail_status_valid",
            ),
        ),
    ]
