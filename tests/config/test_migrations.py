"""Models and migrations agree: a model change without its migration fails here (and in CI)."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_no_pending_migrations():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"Models changed without a migration:\n{out.getvalue()}")


# The last migrations before applications, accommodation requests and the outbox left the careers app.
BEFORE_THE_MOVE = [
    ("careers", "0012_exact_email_identity"), ("accounts", "0004_exact_email_identity"),
    ("admin", "0003_logentry_add_action_flag_choices"),
]
MOVED_TABLES = [
    "careers_application", "careers_answer", "careers_consentrecord", "careers_applicationaccesslog",
    "careers_erasedapplication", "careers_accommodationrequest", "careers_accommodationaccesslog",
    "careers_outgoingemail",
]
KEPT_TABLES = ["careers_team", "careers_location", "careers_posting", "careers_posting_locations",
               "careers_question", "careers_privacypolicy", "accounts_user", "django_admin_log"]


def _fill_every_table(apps):
    """One row in every table, through the models as they were before the move."""
    import datetime

    from django.utils import timezone

    get = apps.get_model
    user = get("accounts", "User").objects.create(email="recruiter@example.com", is_staff=True)
    team = get("careers", "Team").objects.create(name="Policy", slug="policy", notification_email="p@example.com")
    team.hiring_managers.add(user)
    location = get("careers", "Location").objects.create(city="London", country="UK", slug="london")
    posting = get("careers", "Posting").objects.create(
        title="Policy Lead", slug="policy-lead", team=team, about_role="Work.", status="published",
        published_at=timezone.now(),
    )
    posting.locations.add(location)
    question = get("careers", "Question").objects.create(posting=posting, label="Visa?", kind="yes_no")
    policy = get("careers", "PrivacyPolicy").objects.create(version="v1", effective_on=datetime.date(2026, 1, 1),
                                                            body="Policy.")
    application = get("careers", "Application").objects.create(
        posting=posting, first_name="Ada", last_name="Lovelace", email="ada@example.com", country="UK",
        resume="resumes/2026/11/cv.pdf", resume_name="cv.pdf",
    )
    get("careers", "Answer").objects.create(application=application, question=question, question_label="Visa?",
                                            value="No")
    get("careers", "ConsentRecord").objects.create(application=application, policy=policy, policy_version="v1",
                                                   wording="I agree.")
    request = get("careers", "AccommodationRequest").objects.create(
        name="Ada", email="ada@example.com", posting=posting, description="Step-free access",
    )
    get("careers", "AccommodationAccessLog").objects.create(request=request, user=user)
    get("careers", "OutgoingEmail").objects.create(application=application, kind="candidate_confirmation")
    get("careers", "ApplicationAccessLog").objects.create(application=application, application_reference="REF",
                                                          user=user, action="viewed")
    get("careers", "ErasedApplication").objects.create(posting=posting, stage="new",
                                                       submitted_month=datetime.date(2026, 1, 1))
    ContentType = get("contenttypes", "ContentType")
    application_type, _ = ContentType.objects.get_or_create(app_label="careers", model="application")
    Permission = get("auth", "Permission")
    download, _ = Permission.objects.get_or_create(content_type=application_type, codename="download_resume",
                                                   defaults={"name": "Can download resumes"})
    user.user_permissions.add(download)
    get("admin", "LogEntry").objects.create(
        user=user, content_type=application_type, object_id=str(application.pk), object_repr="Ada Lovelace",
        action_flag=2, change_message="[]", action_time=timezone.now(),
    )


def _rows(table):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")
        columns = [column.name for column in cursor.description]
        return [dict(zip(columns, row)) for row in cursor.fetchall()]


def _same_columns(rows, like):
    """``rows`` narrowed to the columns of ``like``: later migrations may add columns, never lose values."""
    return [{column: row[column] for column in like[0]} for row in rows] if like else rows


def test_moving_models_between_apps_keeps_every_row(transactional_db):
    """A database built before the move migrates with no row lost or changed, permissions and history included."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    # (app, None): the apps that did not exist yet are unapplied entirely.
    executor.migrate(BEFORE_THE_MOVE + [("notifications", None), ("accommodations", None), ("applications", None)])
    try:
        _fill_every_table(MigrationExecutor(connection).loader.project_state(BEFORE_THE_MOVE).apps)
        before = {table: _rows(table) for table in MOVED_TABLES + KEPT_TABLES}
        assert all(before.values()), [t for t, rows in before.items() if not rows]

        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    finally:
        MigrationExecutor(connection).migrate(latest)  # leave the test database as it was

    assert {table: _same_columns(_rows(table), before[table]) for table in MOVED_TABLES + KEPT_TABLES} == before
    from django.contrib.admin.models import LogEntry
    from django.contrib.auth.models import Permission

    from accounts.models import User
    from applications.models import Application

    entry = LogEntry.objects.get()
    assert entry.content_type.model_class() is Application and entry.get_edited_object().first_name == "Ada"
    assert Permission.objects.get(codename="download_resume").content_type.app_label == "applications"
    assert User.objects.get(email="recruiter@example.com").has_perm("applications.download_resume")
