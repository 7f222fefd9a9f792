"""Posting admin extras: the list actions leave history, and who may edit a team's About text.

A team's About shows on its postings; only roles that read every application may change where its
candidates' names are mailed and which managers read them.
"""

import pytest
from django.test import Client

from tests.factories import PostingFactory, SuperuserFactory
from tests.helpers.admin_forms import change_url, form_data
from tests.helpers.role_clients import ROLE_NAMES, client_as, signed_in

pytestmark = pytest.mark.django_db


def test_the_publish_and_close_actions_leave_history(recruiter_client):
    from django.contrib.admin.models import LogEntry

    posting = PostingFactory()
    recruiter_client.post("/admin/careers/posting/", {"action": "close", "_selected_action": [posting.pk]})
    assert LogEntry.objects.get(object_id=str(posting.pk)).get_change_message() == "Closed with the list action."


TEAM_ABOUT_STATUS = {"Site administrator": 302, "Recruiter": 302, "superuser": 302,
                     "Accommodations coordinator": 403, "Hiring manager (own team)": 403,
                     "Hiring manager (other team)": 403}


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_team_about_by_role(role):
    from tests.factories import TeamFactory, UserFactory

    team = TeamFactory(name="Global Affairs", about="Old about.", notification_email="inbox@example.com")
    manager = UserFactory(is_staff=True)
    team.hiring_managers.add(manager)
    posting = PostingFactory(team=team)
    client = client_as(role, team)
    admin = signed_in(SuperuserFactory())
    url = change_url(team)
    data = {**form_data(admin.get(url)), "about": "We shape **AI policy**.",
            "notification_email": "attacker@example.com", "hiring_managers": []}
    response = client.post(url, data)
    team.refresh_from_db()
    if role in ("anonymous", "candidate"):
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
        assert team.about == "Old about."
        return
    assert response.status_code == TEAM_ABOUT_STATUS[role]
    if response.status_code == 403:
        assert team.about == "Old about."
        return
    assert team.about == "We shape **AI policy**."
    assert "We shape <strong>AI policy</strong>." in Client().get(posting.get_absolute_url()).content.decode()
    # Where candidates' names are mailed and which managers read them is decided only by roles that read
    # every application (careers.admin.TeamAdmin, README "Staff roles"): recruiters yes, site administrators no.
    if role in ("Recruiter", "superuser"):
        assert team.notification_email == "attacker@example.com"
    else:
        assert team.notification_email == "inbox@example.com" and list(team.hiring_managers.all()) == [manager]
