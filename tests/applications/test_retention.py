"""Storage limitation: what is due is deleted with its files, what is not due stays."""

import datetime
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from accommodations.models import AccommodationRequest
from accommodations.services import accommodation_request_submit
from applications.models import Answer, Application, ConsentRecord, ErasedApplication
from careers.retention import purge_expired_data
from tests.factories import ApplicationFactory, PostingFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 11, 28, 12, 0))


def days_ago(days):
    return NOW - datetime.timedelta(days=days)


@pytest.fixture
def scenario(django_capture_on_commit_callbacks):
    with time_machine.travel(NOW, tick=False):
        long_closed = PostingFactory(status="closed", closed_at=days_ago(200))
        recently_closed = PostingFactory(status="closed", closed_at=days_ago(100))
        expired_by_date = PostingFactory(closes_on=(NOW - datetime.timedelta(days=190)).date())
        still_open = PostingFactory()
        very_long_closed = PostingFactory(status="closed", closed_at=days_ago(800))
        apps = {
            "due": ApplicationFactory(posting=long_closed),
            "due_by_closing_date": ApplicationFactory(posting=expired_by_date),
            "recent": ApplicationFactory(posting=recently_closed),
            "open": ApplicationFactory(posting=still_open),
            "talent_pool_within": ApplicationFactory(posting=long_closed, consent__talent_pool=True),
            "talent_pool_past": ApplicationFactory(posting=very_long_closed, consent__talent_pool=True),
        }
        Answer.objects.create(application=apps["due"], question_label="Visa?", value="No")
        requests = {
            "due": accommodation_request_submit(name="A", email="a@example.com", posting=long_closed, stage="interview",
                                                description="x", contact_method="email"),
            "recent": accommodation_request_submit(name="B", email="b@example.com", posting=recently_closed,
                                                   stage="interview", description="y", contact_method="email"),
        }
        AccommodationRequest.objects.filter(pk=requests["due"].pk).update(created_at=days_ago(250))
    return apps, requests


def test_dry_run_counts_and_deletes_nothing(scenario, private_files):
    apps, _ = scenario
    before = private_files()
    with time_machine.travel(NOW, tick=False):
        counts = purge_expired_data(dry_run=True)
    assert counts == {"applications": 3, "accommodation_requests": 1}
    assert Application.objects.count() == len(apps) and private_files() == before


def test_purge_deletes_what_is_due_with_files_and_keeps_the_rest(scenario, private_files, django_capture_on_commit_callbacks):
    apps, requests = scenario
    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        call_command("purge_expired_data", stdout=open("/dev/null", "w"))
    remaining = set(Application.objects.values_list("pk", flat=True))
    assert remaining == {apps[k].pk for k in ("recent", "open", "talent_pool_within")}
    assert sorted(private_files()) == sorted(apps[k].resume.name for k in ("recent", "open", "talent_pool_within"))
    assert not Answer.objects.filter(application_id=apps["due"].pk).exists()
    assert not ConsentRecord.objects.filter(application_id__in=[apps["due"].pk, apps["talent_pool_past"].pk]).exists()
    assert set(AccommodationRequest.objects.values_list("pk", flat=True)) == {requests["recent"].pk}
    assert ErasedApplication.objects.count() == 3  # anonymous counts stay


def test_purge_is_idempotent_and_time_moves_things_into_scope(scenario, django_capture_on_commit_callbacks):
    with time_machine.travel(NOW, tick=False):
        assert purge_expired_data()["applications"] == 3
        again = purge_expired_data()
        assert (again["applications"], again["accommodation_requests"]) == (0, 0)
    with time_machine.travel(NOW + datetime.timedelta(days=90), tick=False):
        # The "recent" posting closed 190 days ago by now; the talent pool has longer.
        assert purge_expired_data()["applications"] == 1
    with time_machine.travel(NOW + datetime.timedelta(days=600), tick=False):
        assert purge_expired_data()["applications"] == 1  # talent pool, 2 years after closing
    assert Application.objects.filter(posting__status="published").count() == 1


def test_concurrent_runs_delete_each_item_once(require_postgres, transactional_db):
    with time_machine.travel(NOW, tick=False):
        posting = PostingFactory(status="closed", closed_at=days_ago(400))
        for _ in range(30):
            ApplicationFactory(posting=posting)
    results = []

    def run():
        from django.db import connection

        with time_machine.travel(NOW, tick=False):
            results.append(purge_expired_data(batch_size=5)["applications"])
        connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(results) == 30 and Application.objects.count() == 0
    assert ErasedApplication.objects.count() == 30  # no double counting


def test_purge_leaves_no_name_in_the_admin_history(scenario):
    from django.contrib.admin.models import LogEntry
    from django.test import Client

    from tests.factories import staff_in_role
    from tests.helpers.admin_forms import form_data

    apps, requests = scenario
    due = apps["due"]
    Application.objects.filter(pk=due.pk).update(last_name="Zebrowska")
    recruiter = Client()
    recruiter.force_login(staff_in_role("Recruiter"))
    url = f"/admin/applications/application/{due.pk}/change/"
    assert recruiter.post(url, {**form_data(recruiter.get(url)), "stage": "reviewing"}).status_code == 302
    coordinator = Client()
    coordinator.force_login(staff_in_role("Accommodations coordinator"))
    url = f"/admin/accommodations/accommodationrequest/{requests['due'].pk}/change/"
    assert coordinator.post(url, {**form_data(coordinator.get(url)), "status": "arranged"}).status_code == 302
    assert LogEntry.objects.filter(object_repr__contains="Zebrowska").exists()
    with time_machine.travel(NOW, tick=False):
        purge_expired_data()
    assert LogEntry.objects.count() == 2
    for entry in LogEntry.objects.all():
        assert "Zebrowska" not in entry.object_repr + entry.change_message
        assert requests["due"].reference not in entry.object_repr


def test_housekeeping_sweeps_upload_temp_files_left_by_killed_requests(settings):
    import os
    import time

    temp = settings.FILE_UPLOAD_TEMP_DIR
    stale, fresh = temp / "tmpkilled.upload.pdf", temp / "tmpinflight.upload.pdf"
    stale.write_bytes(b"%PDF-1.4 cut off")
    fresh.write_bytes(b"%PDF-1.4 still arriving")
    old = time.time() - 7 * 3600
    os.utime(stale, (old, old))
    call_command("purge_expired_data", stdout=open("/dev/null", "w"))
    assert sorted(p.name for p in temp.iterdir()) == ["tmpinflight.upload.pdf"]


def test_upload_temp_dir_is_under_var_and_created_at_start(settings, tmp_path):
    from django.apps import apps

    from config import settings as project_settings

    assert project_settings.FILE_UPLOAD_TEMP_DIR == project_settings.VAR_DIR / "uploads"
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "var" / "uploads"
    apps.get_app_config("applications").ready()
    assert settings.FILE_UPLOAD_TEMP_DIR.is_dir()
