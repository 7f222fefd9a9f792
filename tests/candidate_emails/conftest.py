import importlib

import pytest
from django.test import Client

from candidate_emails.models import EmailTemplate
from tests.factories import (
    ApplicationFactory,
    CompanyProfileFactory,
    PostingFactory,
    SuperuserFactory,
    TeamFactory,
    UserFactory,
    staff_in_role,
)


@pytest.fixture(autouse=True)
def commit_each_request(django_capture_on_commit_callbacks, monkeypatch):
    """Each request's after-commit work (enqueueing its emails) runs as its commit would (see tests/accounts)."""
    original = Client.request

    def request(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return original(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)


@pytest.fixture
def world(db):
    """Two teams, a candidate on each, a hiring manager of the first; the company is "Example Co"."""
    CompanyProfileFactory(name="Example Co")
    ours, theirs = TeamFactory(name="Team Ours"), TeamFactory(name="Team Theirs")
    manager = staff_in_role("Hiring manager", email="manager@example.com")
    ours.hiring_managers.add(manager)
    other_manager = staff_in_role("Hiring manager", email="other-manager@example.com")
    theirs.hiring_managers.add(other_manager)
    return {
        "ours": ApplicationFactory(posting=PostingFactory(team=ours, title="Data Engineer"), first_name="Zebediah",
                                   last_name="Quixotic", email="zebediah@example.com"),
        "theirs": ApplicationFactory(posting=PostingFactory(team=theirs, title="Their Role"), first_name="Ptolemy",
                                     email="ptolemy@example.com"),
        "manager": manager, "other_manager": other_manager,
    }


@pytest.fixture(autouse=True)
def seeded_templates(request):
    """The four templates of candidate_emails 0002, written by its own function.

    A transactional test elsewhere in the suite flushes the database, migration data included.
    """
    request.getfixturevalue("transactional_db" if "transactional_db" in request.fixturenames else "db")
    from django.apps import apps

    importlib.import_module("candidate_emails.migrations.0002_seed_templates").seed(apps, None)


@pytest.fixture
def rejection():
    return EmailTemplate.objects.get(name="Rejection")


def staff(role_or_kind, world):
    """A user for each role the brief names (None: anonymous)."""
    if role_or_kind == "anonymous":
        return None
    if role_or_kind == "candidate":
        return UserFactory(email="zebediah@example.com")
    if role_or_kind == "manager":
        return world["manager"]
    if role_or_kind == "other manager":
        return world["other_manager"]
    if role_or_kind == "superuser":
        return SuperuserFactory()
    return staff_in_role(role_or_kind)


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
