"""The data migrations that gave every stored address its one normal form (see test_identity.py)."""

import importlib

import pytest
from django.apps import apps as live_apps
from django.utils import timezone

from accommodations.models import AccommodationRequest
from accounts.models import User
from applications.models import Application
from tests.factories import ApplicationFactory, PostingFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"

# (the attacker's look-alike address, the real person's address)
LOOK_ALIKES = [
    pytest.param("user@\u0131cloud.com", "user@icloud.com", id="dotless-i-domain"),
    pytest.param("u\u017fer@example.com", "user@example.com", id="long-s"),
    pytest.param("\u212aate@example.com", "kate@example.com", id="kelvin-sign"),
    pytest.param("\uff55ser@example.com", "user@example.com", id="full-width-letter"),
]
# Those Django's EmailField accepts, so they can be typed into sign-up, apply and reset forms.
TYPEABLE_LOOK_ALIKES = LOOK_ALIKES[:3]


# --- the data migrations ---------------------------------------------------------

def migration(app, name):
    return importlib.import_module(f"{app}.migrations.{name}")


def stored_before_this_rule(row, email):
    """A row as an older version of the app may have stored it (factories normalise)."""
    type(row).objects.filter(pk=row.pk).update(email=email)
    row.email = email
    return row


def apps_at(app, name):
    """The models as that migration saw them (applications were still in the careers app)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    return MigrationExecutor(connection).loader.project_state([(app, name)]).apps


def test_migration_normalises_existing_addresses(capsys):
    posting = PostingFactory()
    user = stored_before_this_rule(UserFactory(), "Grace@M\u00fcnchen.DE")
    application = stored_before_this_rule(ApplicationFactory(posting=posting), "Grace@M\u00fcnchen.DE")
    accommodation = AccommodationRequest.objects.create(name="Grace", email="GRACE@m\u00fcnchen.de", description="x")
    look_alike = stored_before_this_rule(UserFactory(), "user@\u0131cloud.com")

    migration("accounts", "0004_exact_email_identity").normalise_user_emails(live_apps, None)
    migration("careers", "0012_exact_email_identity").normalise_candidate_emails(
        apps_at("careers", "0012_exact_email_identity"), None
    )

    for row in (user, application, accommodation):
        row.refresh_from_db()
        assert row.email == "grace@xn--mnchen-3ya.de"
    look_alike.refresh_from_db()
    assert look_alike.email == "user@xn--cloud-m4a.com"
    assert capsys.readouterr().out == ""


def test_migration_keeps_the_older_account_when_two_normalise_alike(capsys):
    older = stored_before_this_rule(UserFactory(), "user@\uff45xample.com")
    newer = stored_before_this_rule(UserFactory(), "User@\uff45xample.com")
    newest_already_normal = UserFactory(email="ada@example.com")
    oldest_ada = stored_before_this_rule(UserFactory(), "ADA@example.com")
    User.objects.filter(pk=oldest_ada.pk).update(date_joined=timezone.now() - timezone.timedelta(days=9))

    migration("accounts", "0004_exact_email_identity").normalise_user_emails(live_apps, None)

    older.refresh_from_db(), newer.refresh_from_db(), newest_already_normal.refresh_from_db(), oldest_ada.refresh_from_db()
    assert older.email == "user@example.com"
    assert newer.email == "User@\uff45xample.com"  # left as it was, and reported
    # An account already holding the normal form keeps it: changing it could lock its owner out.
    assert newest_already_normal.email == "ada@example.com" and oldest_ada.email == "ADA@example.com"
    report = capsys.readouterr().out
    assert f"{newer.pk}" in report and f"{oldest_ada.pk}" in report and "user@" not in report.lower()


def test_migration_leaves_a_second_live_application_to_the_same_posting(capsys):
    posting = PostingFactory()
    first = stored_before_this_rule(ApplicationFactory(posting=posting), "ada@\uff45xample.com")
    second = stored_before_this_rule(ApplicationFactory(posting=posting), "Ada@example.com")
    withdrawn = stored_before_this_rule(
        ApplicationFactory(posting=posting, stage=Application.Stage.WITHDRAWN), "ADA@example.com"
    )

    migration("careers", "0012_exact_email_identity").normalise_candidate_emails(
        apps_at("careers", "0012_exact_email_identity"), None
    )

    first.refresh_from_db(), second.refresh_from_db(), withdrawn.refresh_from_db()
    assert first.email == "ada@example.com" and withdrawn.email == "ada@example.com"
    assert second.email == "Ada@example.com"
    assert second.reference in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_migrations_run_forward_over_existing_look_alikes(capsys):
    """The real migrations on the real schema: rows written before them end up normalised.

    "kate@ｅxample.com" normalises to "kate@example.com", whose LOWER() equals that of
    the existing look-alike account "Kate@example.com" (Kelvin sign): the old LOWER(email)
    index must be gone before the data step, or the migration would fail.
    """
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("accounts", "0003_role_change"), ("careers", "0011_search_document_names")]
    executor = MigrationExecutor(connection)
    everything = executor.loader.graph.leaf_nodes()
    latest = [key for key in everything if key[0] in ("accounts", "careers")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldUser, OldApplication = old.get_model("accounts", "User"), old.get_model("careers", "Application")
    OldUser.objects.create(email="\u212aate@example.com", password="!")
    kate = OldUser.objects.create(email="kate@\uff45xample.com", password="!")
    team = old.get_model("careers", "Team").objects.create(name="T", slug="t")
    posting = old.get_model("careers", "Posting").objects.create(title="P", slug="p", team=team)
    application = OldApplication.objects.create(posting=posting, first_name="A", last_name="B", country="UK",
                                                email="Ada@M\u00fcnchen.de", reference="AAAA-BBBB-CCCC-DDDD")
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    finally:
        MigrationExecutor(connection).migrate(everything)  # leave the schema as the other tests expect it

    assert User.objects.get(pk=kate.pk).email == "kate@example.com"
    assert User.objects.filter(email="\u212aate@example.com").exists()
    assert Application.objects.get(pk=application.pk).email == "ada@xn--mnchen-3ya.de"
    assert "left unchanged" not in capsys.readouterr().out
