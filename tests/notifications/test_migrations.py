"""Emails queued before the outbox held its messages are rendered right after migrate: none is lost."""

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accommodations.services import accommodation_request_submit
from applications.emails import application_emails_queue
from notifications.models import OutgoingEmail
from tests.factories import ApplicationFactory, PostingFactory, TeamFactory, staff_in_role

BEFORE = [("notifications", "0001_initial")]


def test_rows_queued_before_the_change_are_rendered_and_keep_their_state(transactional_db):
    staff_in_role("Accommodations coordinator", email="coordinator@example.com")
    waiting = ApplicationFactory(email="ada@example.com",
                                 posting=PostingFactory(team=TeamFactory(notification_email="team@example.com")))
    done = ApplicationFactory(email="grace@example.com")
    request = accommodation_request_submit(name="Ada", email="ada@example.com", posting=None, stage="interview",
                                           description="I have dyslexia.", contact_method="email")
    OutgoingEmail.objects.all().delete()

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    try:
        Legacy = MigrationExecutor(connection).loader.project_state(BEFORE).apps.get_model("notifications",
                                                                                           "OutgoingEmail")
        Legacy.objects.create(application_id=waiting.pk, kind="candidate_confirmation", status="pending", attempts=3)
        Legacy.objects.create(application_id=waiting.pk, kind="team_notification", status="failed", attempts=8)
        Legacy.objects.create(application_id=done.pk, kind="candidate_confirmation", status="sent")
        Legacy.objects.create(accommodation_request_id=request.pk, kind="accommodation_notification",
                              status="pending")
        # As operators do: the migrate command (its post_migrate step has each app render its own).
        call_command("migrate", verbosity=0)
    finally:
        MigrationExecutor(connection).migrate(latest)

    emails = {e.key: e for e in OutgoingEmail.objects.all()}
    confirmation = emails[f"application:{waiting.pk}:confirmation"]
    # Rendered, made due and handed to the worker (the immediate backend in tests: sent at once).
    assert confirmation.status == "sent" and confirmation.attempts == 4 and confirmation.to == ["ada@example.com"]
    assert waiting.reference in confirmation.body and confirmation.subject.startswith("We received your application")
    team = emails[f"application:{waiting.pk}:team_notification"]
    assert team.status == "failed" and team.to == ["team@example.com"] and waiting.reference in team.body
    assert emails[f"application:{done.pk}:confirmation"].status == "sent"
    notice = emails[f"accommodation_request:{request.pk}:notification"]
    assert notice.to == ["coordinator@example.com"] and "dyslexia" not in notice.body
    # Their keys are the ones the apps use: queuing the same email again adds nothing.
    application_emails_queue(waiting)
    assert OutgoingEmail.objects.filter(application=waiting).count() == 2
