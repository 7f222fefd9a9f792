"""Access logs follow one rule: written through ``record()``, by reference, and they outlive the record."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from accommodations.models import AccommodationAccessLog, AccommodationRequest
from accommodations.services import accommodation_request_submit, accommodation_requests_erase
from accounts.access_log import AccessLogEntry
from applications.models import ApplicationAccessLog
from careers.retention import purge_expired_data
from tests.factories import ApplicationFactory, PostingFactory, SuperuserFactory, staff_in_role

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _request(posting=None):
    return accommodation_request_submit(
        name="Ada Zebrowska", email="ada@example.com", posting=posting, stage="interview",
        description="Step-free access", contact_method="email",
    )


def _open(client, accommodation):
    response = client.get(f"/admin/accommodations/accommodationrequest/{accommodation.pk}/change/")
    assert response.status_code == 200


def test_a_coordinators_opening_is_recorded_as_an_application_viewing_is():
    coordinator = staff_in_role("Accommodations coordinator")
    recruiter = staff_in_role("Recruiter")
    accommodation, application = _request(), ApplicationFactory()
    _open(_client(coordinator), accommodation)
    assert _client(recruiter).get(f"/admin/applications/application/{application.pk}/change/").status_code == 200

    assert issubclass(AccommodationAccessLog, AccessLogEntry) and issubclass(ApplicationAccessLog, AccessLogEntry)
    opened = AccommodationAccessLog.objects.get()
    viewed = ApplicationAccessLog.objects.get()
    assert (opened.user, opened.action, opened.request_reference, opened.request) == (
        coordinator, "viewed", accommodation.reference, accommodation)
    assert (viewed.user, viewed.action, viewed.application_reference, viewed.application) == (
        recruiter, "viewed", application.reference, application)


def test_erasing_a_request_keeps_its_access_log_by_reference():
    coordinator = staff_in_role("Accommodations coordinator")
    accommodation = _request()
    _open(_client(coordinator), accommodation)
    accommodation_requests_erase([accommodation])
    entry = AccommodationAccessLog.objects.get()
    assert entry.request is None and entry.request_reference == accommodation.reference and entry.user == coordinator


def test_purging_an_expired_request_keeps_its_access_log_and_the_log_page_shows_no_name():
    now = timezone.now()
    coordinator = staff_in_role("Accommodations coordinator")
    posting = PostingFactory()
    accommodation = _request(posting)
    _open(_client(coordinator), accommodation)
    posting.close(when=now)
    with time_machine.travel(now + datetime.timedelta(days=400), tick=False):
        assert purge_expired_data(dry_run=True)["accommodation_requests"] == 1
        assert purge_expired_data()["accommodation_requests"] == 1
    assert not AccommodationRequest.objects.exists()
    entry = AccommodationAccessLog.objects.get()
    assert entry.request is None and entry.request_reference == accommodation.reference

    admin = _client(SuperuserFactory())
    for url in ("/admin/accommodations/accommodationaccesslog/",
                f"/admin/accommodations/accommodationaccesslog/{entry.pk}/change/"):
        page = admin.get(url)
        assert page.status_code == 200 and accommodation.reference in page.content.decode(), url
        assert "Zebrowska" not in page.content.decode()


def test_the_log_pages_show_the_reference_never_the_name_while_the_request_exists():
    coordinator = staff_in_role("Accommodations coordinator")
    accommodation = _request()
    _open(_client(coordinator), accommodation)
    admin = _client(SuperuserFactory())
    entry = AccommodationAccessLog.objects.get()
    for url in ("/admin/accommodations/accommodationaccesslog/",
                f"/admin/accommodations/accommodationaccesslog/{entry.pk}/change/"):
        page = admin.get(url).content.decode()
        assert accommodation.reference in page and "Zebrowska" not in page, url
