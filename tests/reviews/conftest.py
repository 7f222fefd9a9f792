"""Two teams, one application each, and a signed-in client for every kind of visitor."""

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import (
    ApplicationFactory,
    PostingFactory,
    SuperuserFactory,
    TeamFactory,
    UserFactory,
    staff_in_role,
)
from tests.helpers.role_clients import signed_in

# Who may review "ours" (the application of the manager's own team).
REVIEWERS = ("hiring manager of the team", "recruiter", "superuser")
# Everyone else: signed out and candidates are sent to the admin sign-in; staff get 404.
SIGNED_OUT = ("anonymous", "candidate account")
NOT_REVIEWERS = ("site administrator", "coordinator", "hiring manager of another team")
EVERYONE = SIGNED_OUT + NOT_REVIEWERS + REVIEWERS


@pytest.fixture
def world(db):
    ours, theirs = TeamFactory(name="Team Ours"), TeamFactory(name="Team Theirs")
    application = ApplicationFactory(posting=PostingFactory(team=ours, title="Our Role"),
                                     first_name="Zebediah", email="zebediah@example.com")
    other = ApplicationFactory(posting=PostingFactory(team=theirs, title="Their Role"),
                               first_name="Ptolemy", email="ptolemy@example.com")
    manager = staff_in_role("Hiring manager", email="manager@example.com", first_name="Mia", last_name="Manager")
    other_manager = staff_in_role("Hiring manager", email="other-manager@example.com")
    ours.hiring_managers.add(manager)
    theirs.hiring_managers.add(other_manager)
    users = {
        "anonymous": None,
        # The candidate's own verified account: never a way into staff notes.
        "candidate account": UserFactory(email="zebediah@example.com", email_verified_at=timezone.now()),
        "site administrator": staff_in_role("Site administrator"),
        "coordinator": staff_in_role("Accommodations coordinator"),
        "hiring manager of another team": other_manager,
        "hiring manager of the team": manager,
        "recruiter": staff_in_role("Recruiter", email="recruiter@example.com", first_name="Rita", last_name="Recruiter"),
        "superuser": SuperuserFactory(email="root@example.com"),
    }
    return {"application": application, "other": other, "users": users, "manager": manager}


@pytest.fixture
def client_as(world):
    def make(who):
        user = world["users"][who]
        return signed_in(user) if user is not None else Client()

    return make


def application_page(application):
    return f"/admin/applications/application/{application.pk}/change/"
