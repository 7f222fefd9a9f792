"""Who sees which email in the admin, and the Resend action."""

import pytest
from django.utils import timezone

from accommodations.services import accommodation_request_submit
from notifications.models import OutgoingEmail
from notifications.services import email_queue
from tests.factories import ApplicationFactory, PostingFactory, SuperuserFactory, TeamFactory, staff_in_role

pytestmark = pytest.mark.django_db

HEALTH = "I have dyslexia and need extra time."
LIST = "/admin/notifications/outgoingemail/"


@pytest.fixture
def emails(coordinator):
    own_team = TeamFactory(name="Own")
    ours = ApplicationFactory(posting=PostingFactory(team=own_team), email="ours@example.com")
    theirs = ApplicationFactory(email="theirs@example.com")
    for application in (ours, theirs):
        email_queue(key=f"application:{application.pk}:confirmation", to=[application.email], about=application,
                    subject=f"Confirmation for {application.email}", body="Thanks", kind="candidate_confirmation")
    request = accommodation_request_submit(name="Ada", email="ada@example.com", posting=None, stage="interview",
                                           description=HEALTH, contact_method="email")
    email_queue(key="account:reset:1", to=["x@example.com"], subject="Reset link for x", body="secret-link",
                kind="password_reset")
    return {"own_team": own_team, "ours": ours, "theirs": theirs, "request": request}


@pytest.fixture
def coordinator():
    return staff_in_role("Accommodations coordinator", email="coordinator@example.com")


def listing(client, user):
    client.force_login(user)
    return client.get(LIST)


def test_recruiters_see_application_emails_only(client, emails):
    html = listing(client, staff_in_role("Recruiter", email="r@example.com")).content.decode()
    assert "Confirmation for ours@example.com" in html and "Confirmation for theirs@example.com" in html
    assert "accommodation request" not in html and "Reset link" not in html


def test_hiring_managers_see_their_teams_emails_only(client, emails):
    manager = staff_in_role("Hiring manager", email="m@example.com")
    from django.contrib.auth.models import Permission

    manager.user_permissions.add(Permission.objects.get(codename="view_outgoingemail"))
    emails["own_team"].hiring_managers.add(manager)
    html = listing(client, manager).content.decode()
    assert "Confirmation for ours@example.com" in html and "theirs@example.com" not in html
    assert "accommodation request" not in html and "Reset link" not in html


def test_coordinators_see_accommodation_emails_only_and_no_health_details(client, emails, coordinator):
    html = listing(client, coordinator).content.decode()
    assert "We received your accommodation request" in html and "New accommodation request" in html
    assert "Confirmation for" not in html and "Reset link" not in html
    notice = OutgoingEmail.objects.get(kind="accommodation_notification")
    page = client.get(f"{LIST}{notice.pk}/change/").content.decode()
    assert emails["request"].reference in page and "dyslexia" not in page


def test_others_get_no_email_pages(client, emails):
    response = listing(client, staff_in_role("Site administrator", email="s@example.com"))
    assert response.status_code == 403
    email = OutgoingEmail.objects.get(kind="accommodation_notification")
    recruiter = staff_in_role("Recruiter", email="r@example.com")
    client.force_login(recruiter)
    assert client.get(f"{LIST}{email.pk}/change/").status_code in (302, 404)


def test_only_superusers_see_account_emails(client, emails):
    html = listing(client, SuperuserFactory()).content.decode()
    assert "Reset link for x" in html


def test_resend_only_touches_failed_emails(client, emails, mailoutbox, django_capture_on_commit_callbacks):
    OutgoingEmail.objects.filter(application=emails["ours"]).update(status="failed", attempts=11, last_error="550")
    OutgoingEmail.objects.filter(application=emails["theirs"]).update(status="sent", sent_at=timezone.now())
    client.force_login(staff_in_role("Recruiter", email="r@example.com"))
    ids = list(OutgoingEmail.objects.filter(application__isnull=False).values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(LIST, {"action": "resend", "_selected_action": ids})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["ours@example.com"]]
    assert set(OutgoingEmail.objects.filter(application__isnull=False).values_list("status", flat=True)) == {"sent"}
