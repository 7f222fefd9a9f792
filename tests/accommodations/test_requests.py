"""Accommodation requests: a confidential, encrypted channel seen only by coordinators."""

import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from accommodations.models import AccommodationAccessLog, AccommodationRequest
from accommodations.services import accommodation_request_submit
from notifications.models import OutgoingEmail
from tests.factories import PostingFactory, StaffFactory, SuperuserFactory, UserFactory, staff_in_role

pytestmark = pytest.mark.django_db

HEALTH = "I have dyslexia and need 25% extra time for written assessments."


@pytest.fixture(autouse=True)
def _on_commit(django_capture_on_commit_callbacks):
    global run_on_commit
    run_on_commit = django_capture_on_commit_callbacks


in_group = staff_in_role


@pytest.fixture
def coordinator():
    return in_group("Accommodations coordinator", email="coordinator@example.com")


@pytest.fixture
def recruiter():
    return in_group("Recruiter", email="recruiter@example.com")


def submit(client, **overrides):
    data = {
        "submission_token": str(uuid.uuid4()),
        "name": "Ada Lovelace", "email": "ada@example.com", "posting": "", "stage": "assessment",
        "description": HEALTH, "contact_method": "email", "contact_details": "",
    }
    data.update(overrides)
    with run_on_commit(execute=True):
        return client.post("/accommodations/", {k: v for k, v in data.items() if v is not None})


def make_request(**kwargs):
    defaults = {
        "name": "Ada", "email": "ada@example.com", "posting": None, "stage": "interview",
        "description": HEALTH, "contact_method": "phone", "contact_details": "+44 20 7946 0000",
    }
    return accommodation_request_submit(**{**defaults, **kwargs})


def test_form_preselects_posting_and_explains_use(client):
    PostingFactory(slug="policy-lead", title="Policy Lead")
    html = client.get("/accommodations/?posting=policy-lead").content.decode()
    assert '<option value="policy-lead" selected>Policy Lead</option>' in html
    assert "not shared with the people assessing your application" in html


def test_submit_confirms_and_emails_without_health_details(client, coordinator, mailoutbox):
    PostingFactory(slug="policy-lead")
    response = submit(client, posting="policy-lead")
    assert response.status_code == 302 and response["Location"] == "/accommodations/done/"
    accommodation = AccommodationRequest.objects.get()
    assert accommodation.posting.slug == "policy-lead" and accommodation.description == HEALTH
    done = client.get("/accommodations/done/").content.decode()
    assert accommodation.reference in done
    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert set(by_recipient) == {"ada@example.com", "coordinator@example.com"}
    notice = by_recipient["coordinator@example.com"]
    assert f"/admin/accommodations/accommodationrequest/{accommodation.pk}/change/" in notice.body
    for secret in ("dyslexia", "extra time", "Ada", "ada@example.com"):
        assert secret not in notice.body and secret not in notice.subject
    assert accommodation.reference in by_recipient["ada@example.com"].body


def test_double_submit_makes_one_request_and_sends_each_email_once(client, coordinator, mailoutbox):
    token = str(uuid.uuid4())
    form = client.get("/accommodations/").content.decode()
    assert 'type="hidden" name="submission_token"' in form
    first = submit(client, submission_token=token)
    second = submit(client, submission_token=token)  # a double click, or the form sent again
    assert first.status_code == second.status_code == 302 and second["Location"] == "/accommodations/done/"
    accommodation = AccommodationRequest.objects.get()
    assert accommodation.reference in client.get("/accommodations/done/").content.decode()
    assert sorted(m.to[0] for m in mailoutbox) == ["ada@example.com", "coordinator@example.com"]
    assert OutgoingEmail.objects.count() == 2


def test_posting_page_apply_form_and_confirmation_email_link_here(client):
    from django.core.management import call_command as cc

    cc("load_demo", stdout=open("/dev/null", "w"))
    page = client.get("/careers/european-ai-safety-policy-lead-technical/").content.decode()
    assert 'href="/accommodations/"' in page
    form = client.get("/careers/european-ai-safety-policy-lead-technical/apply/").content.decode()
    assert 'href="/accommodations/?posting=european-ai-safety-policy-lead-technical"' in form
    from applications.emails import application_emails_queue
    from tests.factories import ApplicationFactory

    application = ApplicationFactory()
    application_emails_queue(application)
    email = OutgoingEmail.objects.get(key=f"application:{application.pk}:confirmation")
    assert f"/accommodations/?posting={application.posting.slug}" in email.body


def test_description_and_contact_details_are_ciphertext_in_the_database():
    accommodation = make_request()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT description, contact_details, name FROM careers_accommodationrequest WHERE id = %s",
            [accommodation.pk],
        )
        description, contact_details, name = cursor.fetchone()
    assert description.startswith("gAAAA") and "dyslexia" not in description
    assert contact_details.startswith("gAAAA") and "7946" not in contact_details
    assert name == "Ada"  # name and email stay searchable for the coordinators
    assert AccommodationRequest.objects.get().description == HEALTH


def test_key_rotation_keeps_every_request_readable(settings):
    from cryptography.fernet import Fernet

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old]
    requests = [make_request(email=f"p{i}@example.com") for i in range(3)]
    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    call_command("rotate_encryption_keys", stdout=open("/dev/null", "w"))
    settings.FIELD_ENCRYPTION_KEYS = [new]  # the old key is gone
    for accommodation in requests:
        reloaded = AccommodationRequest.objects.get(pk=accommodation.pk)
        assert reloaded.description == HEALTH and reloaded.contact_details == "+44 20 7946 0000"


def test_coordinator_sees_plaintext_in_admin_and_each_view_is_logged(client, coordinator):
    accommodation = make_request()
    client.force_login(coordinator)
    listing = client.get("/admin/accommodations/accommodationrequest/")
    assert listing.status_code == 200 and accommodation.reference in listing.content.decode()
    assert "dyslexia" not in listing.content.decode()  # lists show no health details
    for _ in range(2):
        detail = client.get(f"/admin/accommodations/accommodationrequest/{accommodation.pk}/change/")
        assert detail.status_code == 200 and HEALTH.replace("%", "") in detail.content.decode().replace("%", "")
    log = AccommodationAccessLog.objects.filter(request=accommodation)
    assert log.count() == 2 and {entry.user for entry in log} == {coordinator}
    assert "Accommodation requests" in client.get("/admin/").content.decode()


def test_coordinator_can_change_status(client, coordinator):
    accommodation = make_request()
    client.force_login(coordinator)
    response = client.post(f"/admin/accommodations/accommodationrequest/{accommodation.pk}/change/", {"status": "arranged"})
    assert response.status_code == 302
    accommodation.refresh_from_db()
    assert accommodation.status == "arranged" and accommodation.description == HEALTH


ACCOMMODATION_URLS = [
    "/admin/accommodations/accommodationrequest/",
    "/admin/accommodations/accommodationrequest/{pk}/change/",
    "/admin/accommodations/accommodationrequest/{pk}/history/",
    "/admin/accommodations/accommodationrequest/{pk}/delete/",
    "/admin/accommodations/accommodationrequest/add/",
]


@pytest.mark.parametrize("role", ["Recruiter", "Site administrator", None])
def test_other_staff_cannot_see_requests_exist(client, role):
    accommodation = make_request()
    user = in_group(role) if role else StaffFactory()
    client.force_login(user)
    index = client.get("/admin/").content.decode()
    assert "ccommodation request" not in index
    for url in ACCOMMODATION_URLS:
        assert client.get(url.format(pk=accommodation.pk)).status_code == 404, url
    assert client.post(ACCOMMODATION_URLS[1].format(pk=accommodation.pk), {"status": "closed"}).status_code == 404
    accommodation.refresh_from_db()
    assert accommodation.status == "new"
    assert not AccommodationAccessLog.objects.exists()


@pytest.mark.parametrize("user_factory", [None, UserFactory])
def test_anonymous_and_candidates_get_404(user_factory):
    accommodation = make_request()
    client = Client()
    if user_factory:
        client.force_login(user_factory(email="ada@example.com"))
    for url in ACCOMMODATION_URLS:
        assert client.get(url.format(pk=accommodation.pk)).status_code == 404, url


def test_site_administrators_read_the_access_log(client, coordinator):
    accommodation = make_request()
    coordinator_client = Client()
    coordinator_client.force_login(coordinator)
    coordinator_client.get(f"/admin/accommodations/accommodationrequest/{accommodation.pk}/change/")
    client.force_login(in_group("Site administrator"))
    response = client.get("/admin/accommodations/accommodationaccesslog/")
    assert response.status_code == 200 and "coordinator@example.com" in response.content.decode()
    assert "dyslexia" not in response.content.decode()
    recruiter_client = Client()
    recruiter_client.force_login(in_group("Recruiter"))
    assert recruiter_client.get("/admin/accommodations/accommodationaccesslog/").status_code == 403


BAD = [
    ("missing description", {"description": ""}, "This field is required."),
    ("over-long description", {"description": "x" * 5001}, "at most 5000 characters"),
    ("invalid email", {"email": "not-an-email"}, "Enter a valid email address."),
    ("missing name", {"name": ""}, "This field is required."),
    ("unknown posting", {"posting": "no-such-posting"}, "Select a valid choice."),
    ("phone without number", {"contact_method": "phone"}, "Please tell us the number or details"),
    ("unknown stage", {"stage": "lunch"}, "Select a valid choice."),
    ("honeypot", {"contact_me_by_fax": "555"}, "It looked automated"),
]


@pytest.mark.parametrize("case, overrides, message", BAD, ids=[b[0] for b in BAD])
def test_bad_input_gets_a_clear_message_and_no_row(client, case, overrides, message):
    response = submit(client, **overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AccommodationRequest.objects.exists()


def test_script_payloads_are_escaped(client, coordinator):
    payload = "<script>alert(1)</script>"
    submit(client, name=payload, description=payload, contact_method="other", contact_details=payload)
    accommodation = AccommodationRequest.objects.get()
    client.force_login(coordinator)
    html = client.get(f"/admin/accommodations/accommodationrequest/{accommodation.pk}/change/").content.decode()
    assert payload not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_rate_limited_with_429_above_the_filled_in_form(client, settings):
    settings.ACCOMMODATION_CLIENT_RATE_LIMIT = "2/h"
    for _ in range(5):  # mistakes never count
        assert submit(client, email="not an address").status_code == 400
    assert submit(client, email="a@example.com").status_code == 302
    assert submit(client, email="b@example.com").status_code == 302
    response = submit(client, email="c@example.com")
    html = response.content.decode()
    assert response.status_code == 429 and "Too many requests from you in a short time" in html
    assert 'value="c@example.com"' in html and HEALTH in html  # what was typed stays
    assert AccommodationRequest.objects.count() == 2


def test_one_person_is_limited_without_blocking_their_network(client, settings):
    settings.ACCOMMODATION_RATE_LIMIT = "1/h"
    assert submit(client, email="a@example.com").status_code == 302
    assert submit(client, email="a@example.com").status_code == 429
    assert submit(Client(), email="b@example.com").status_code == 302


def test_superuser_is_a_coordinator_too():
    assert SuperuserFactory().has_perm("accommodations.coordinate_accommodations")
