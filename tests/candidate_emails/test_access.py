"""Every new URL as every role, over HTTP: the same answer for missing and forbidden, nothing queued by those refused."""

import uuid

import pytest

from candidate_emails.models import CandidateEmail
from notifications.models import OutgoingEmail

from .conftest import client_for, staff

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "candidate", "Site administrator", "Accommodations coordinator", "manager", "other manager",
         "Recruiter", "superuser"]
# What each role gets for the compose page of the first team's application: to sign-in, refused, or the page.
EXPECTED = {
    "anonymous": 302, "candidate": 302, "Site administrator": 403, "Accommodations coordinator": 403,
    "manager": 200, "other manager": 404, "Recruiter": 200, "superuser": 200,
}


def compose_url(pk):
    return f"/admin/applications/application/{pk}/email/"


def send_data(step, **extra):
    return {"subject": "Hello {first_name}", "body": "About {posting_title}", "token": str(uuid.uuid4()),
            "step": step, **extra}


@pytest.mark.parametrize("role", ROLES)
def test_compose_preview_and_send_as_every_role(world, role):
    client = client_for(staff(role, world))
    application = world["ours"]
    expected = EXPECTED[role]

    page = client.get(compose_url(application.pk))
    assert page.status_code == expected
    preview = client.post(compose_url(application.pk), send_data("preview"))
    assert preview.status_code == expected
    if expected == 200:
        assert "Hello Zebediah" in preview.content.decode()  # the preview, filled in
        data = {**send_data("send"), "token": preview.context["form"]["token"].value(),
                "previewed": preview.context["signature"]}
        sent = client.post(compose_url(application.pk), data)
        assert sent.status_code == 302 and sent["Location"].endswith(f"/{application.pk}/change/#timeline")
        assert OutgoingEmail.objects.filter(application=application, kind="message:message").count() == 1
    else:
        forged = client.post(compose_url(application.pk), {**send_data("send"), "previewed": "x"})
        assert forged.status_code == expected
        assert not CandidateEmail.objects.exists()
        assert not OutgoingEmail.objects.filter(kind__startswith="message:").exists()
        assert "Zebediah" not in page.content.decode() + preview.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_missing_and_forbidden_look_the_same(world, role):
    """For whoever may not reach the first team's application, it answers exactly as a missing one does."""
    client = client_for(staff(role, world))
    ours = client.get(compose_url(world["ours"].pk)).status_code
    missing = client.get(compose_url(999999)).status_code
    if EXPECTED[role] == 200:
        assert (ours, missing) == (200, 404)
    else:
        assert ours == missing == EXPECTED[role]


@pytest.mark.parametrize("role,expected", [
    ("anonymous", 302), ("candidate", 302), ("Site administrator", 403), ("Accommodations coordinator", 403),
    ("manager", 403), ("Recruiter", 200), ("superuser", 200),
])
def test_only_recruiters_manage_templates(world, role, expected):
    client = client_for(staff(role, world))
    assert client.get("/admin/candidate_emails/emailtemplate/").status_code == expected
    response = client.post("/admin/candidate_emails/emailtemplate/add/", {
        "name": "New one", "kind": "message", "subject": "Hi {first_name}", "body": "Hello",
    })
    assert response.status_code == (302 if expected == 200 else expected)


def test_the_application_page_shows_the_panels_only_to_those_who_may_send(world, admin_client):
    change = f"/admin/applications/application/{world['ours'].pk}/change/"
    html = admin_client.get(change).content.decode()
    assert "Email the candidate" in html and "Timeline" in html
    manager = client_for(world["manager"]).get(change).content.decode()
    assert "Email the candidate" in manager
    assert client_for(world["other_manager"]).get(change).status_code in (302, 404)


@pytest.mark.parametrize("role", ROLES)
def test_bulk_reject_and_email_as_every_role(world, role, rejection):
    """Only those who may read the first team's application can reject and email it; nobody else learns its name."""
    from applications.models import Application

    client = client_for(staff(role, world))
    application = world["ours"]
    form = {"action": "reject_and_email", "_selected_action": [application.pk], "template": rejection.pk,
            "delay": "0", "token": str(uuid.uuid4())}
    choose = client.post("/admin/applications/application/", {k: form[k] for k in ("action", "_selected_action")})
    confirm = client.post("/admin/applications/application/", {**form, "step": "confirm"})
    reached = EXPECTED[role] == 200
    assert choose.status_code == {302: 302, 403: 403}.get(EXPECTED[role], 200)
    assert confirm.status_code == ({302: 302, 403: 403}.get(EXPECTED[role], 302))
    assert ("Zebediah" in choose.content.decode()) == reached
    assert Application.objects.get(pk=application.pk).stage == ("rejected" if reached else "new")
    assert CandidateEmail.objects.count() == (1 if reached else 0)
