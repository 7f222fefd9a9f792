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


# Columns that predate later changes to a table (the outbox gained its message columns since).
COLUMNS = {"careers_outgoingemail": "id, application_id, accommodation_request_id, kind, status, attempts, "
                                    "last_error, created_at, sent_at"}


def _rows(table):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {COLUMNS.get(table, '*')} FROM {connection.ops.quote_name(table)} ORDER BY 1")
        return cursor.fetchall()


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

    # Later migrations may add columns (at the end of each row): the columns there before are unchanged.
    after = {table: _rows(table) for table in MOVED_TABLES + KEPT_TABLES}
    assert {table: [row[:len(before[table][0])] for row in rows] for table, rows in after.items()} == before
    # The accommodation access log now names its request by reference too (accommodations 0002).
    (log,) = after["careers_accommodationaccesslog"]
    assert log[-2:] == (_rows("careers_accommodationrequest")[0][1], "viewed")
    from django.contrib.admin.models import LogEntry
    from django.contrib.auth.models import Permission

    from accounts.models import User
    from applications.models import Application

    entry = LogEntry.objects.get()
    assert entry.content_type.model_class() is Application and entry.get_edited_object().first_name == "Ada"
    assert Permission.objects.get(codename="download_resume").content_type.app_label == "applications"
    assert User.objects.get(email="recruiter@example.com").has_perm("applications.download_resume")


def test_posting_rows_are_fixed_before_the_status_constraints(transactional_db):
    """careers 0015: a re-opened posting loses its clock, a closed one without a clock gets its last change."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.utils import timezone

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    before = [("careers", "0014_posting_indexes_in_meta")]
    executor.migrate(before)
    try:
        old = MigrationExecutor(connection).loader.project_state(before).apps
        team = old.get_model("careers", "Team").objects.create(name="Policy", slug="policy")
        Posting = old.get_model("careers", "Posting")
        now = timezone.now()
        rows = {
            "reopened": {"status": "published", "published_at": now, "closed_at": now},
            "closed_without_clock": {"status": "closed", "published_at": now, "closed_at": None},
            "draft_with_clock": {"status": "draft", "closed_at": now},
            "closed": {"status": "closed", "published_at": now, "closed_at": now},
        }
        for slug, fields in rows.items():
            Posting.objects.create(title=slug, slug=slug, team=team, about_role="Work.", **fields)
        MigrationExecutor(connection).migrate(latest)
    finally:
        MigrationExecutor(connection).migrate(latest)

    from careers.models import Posting

    clocks = {p.slug: p for p in Posting.objects.all()}
    assert clocks["reopened"].closed_at is None and clocks["draft_with_clock"].closed_at is None
    assert clocks["closed_without_clock"].closed_at == clocks["closed_without_clock"].updated_at
    assert clocks["closed"].closed_at == now


# Modules a migration may name at its top: they hold field arguments Django serialized
# (a storage, a default, a field class, a manager), not code the migration runs.
SERIALIZED_REFERENCES = {
    "applications.storage", "careers.references", "careers.time_zones", "accommodations.crypto", "accounts.models",
}


def test_no_migration_runs_live_code():
    """A migration that imports the project's code runs whatever that code is today, not what it was."""
    import ast
    from pathlib import Path

    from django.apps import apps
    from django.conf import settings

    # The project's own apps sit at the top of the checkout (a virtualenv inside it holds others).
    ours = {c.name for c in apps.get_app_configs() if Path(c.path).parent == Path(settings.BASE_DIR)}
    offences = []
    files = [path for c in apps.get_app_configs() if c.name in ours
             for path in sorted((Path(c.path) / "migrations").glob("*.py"))]
    assert len(files) > 15
    for path in files:
        tree = ast.parse(path.read_text())
        top_level = set(tree.body)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.ImportFrom):
                names = ["(relative import)"]
            else:
                continue
            for name in names:
                if name.split(".")[0] not in ours and name != "(relative import)":
                    continue
                allowed = isinstance(node, ast.Import) and node in top_level and name in SERIALIZED_REFERENCES
                if not allowed:
                    offences.append(f"{path.relative_to(settings.BASE_DIR)}:{node.lineno} imports {name}")
    assert not offences, "Freeze what the migration needs inside it instead:\n" + "\n".join(offences)
