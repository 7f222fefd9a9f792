"""The outbox becomes generic: each row holds its rendered message, an idempotency key and a retry time.

Rows queued before this migration held only a kind and a link; their messages
were built at send time. They are rendered here, once, so no pending or failed
email is lost and the worker never needs the apps' models (or an encryption key)
to send. This step deliberately uses the apps' own message builders and live
models (not the frozen migration state): the bodies must be exactly what the
apps send, with their model properties and the current encryption keys. It only
touches rows that predate this migration; on an empty outbox it does nothing.
"""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import Q

LEGACY_KEYS = {
    "candidate_confirmation": "application:{application_id}:confirmation",
    "team_notification": "application:{application_id}:team_notification",
    "accommodation_confirmation": "accommodation_request:{accommodation_request_id}:confirmation",
    "accommodation_notification": "accommodation_request:{accommodation_request_id}:notification",
}


def render_existing(apps, schema_editor):
    OutgoingEmail = apps.get_model("notifications", "OutgoingEmail")
    db = schema_editor.connection.alias
    for email in OutgoingEmail.objects.using(db).filter(key__isnull=True).order_by("pk"):
        email.key = LEGACY_KEYS[email.kind].format(
            application_id=email.application_id, accommodation_request_id=email.accommodation_request_id
        )
        if email.status != "sent":
            message = _legacy_message(email)
            if message is None:
                email.status, email.last_error = "failed", "no recipient configured"
            else:
                email.to, email.subject, email.body = message
        email.save(using=db)


def _legacy_message(email):
    from django.template.loader import render_to_string

    from accommodations.emails import accommodation_messages
    from accommodations.models import AccommodationRequest
    from accommodations.services import accommodation_coordinator_emails
    from applications.emails import application_messages
    from applications.models import Application

    if email.application_id:
        messages = application_messages(Application.objects.get(pk=email.application_id))
    else:
        request = AccommodationRequest.objects.get(pk=email.accommodation_request_id)
        messages = accommodation_messages(request, accommodation_coordinator_emails())
    key = LEGACY_KEYS[email.kind].format(
        application_id=email.application_id, accommodation_request_id=email.accommodation_request_id
    )
    message = next((m for m in messages if m["key"] == key), None)
    if message is None or not [to for to in message["to"] if to]:
        return None
    return ([to for to in message["to"] if to], message["subject"],
            render_to_string(message["body_template"], message["context"]))


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0001_initial"),
        # The live models read below must match their tables: run after every migration of these apps.
        ("applications", "__latest__"),
        ("accommodations", "__latest__"),
        ("careers", "__latest__"),
        ("auth", "0012_alter_user_first_name_max_length"),
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
        migrations.RunPython(render_existing, migrations.RunPython.noop, elidable=False),
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
