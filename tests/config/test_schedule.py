"""Housekeeping runs on a schedule made for it (APScheduler), enqueuing tasks for the worker."""

import datetime

import pytest
import time_machine
from apscheduler.schedulers.background import BackgroundScheduler
from django.utils import timezone

from careers.management.commands.run_schedule import enqueue, scheduler
from tests.factories import ApplicationFactory, PostingFactory

pytestmark = pytest.mark.django_db


def test_the_schedule_has_each_housekeeping_job_once_with_its_next_run():
    schedule = scheduler(BackgroundScheduler)
    schedule.start(paused=True)
    try:
        jobs = {job.name: job for job in schedule.get_jobs()}
        assert set(jobs) == {"retention purge", "task results prune", "outbox sweep"}
        purge = jobs["retention purge"].next_run_time
        assert (purge.hour, purge.minute) == (3, 15) and purge > timezone.now()
        assert all(job.max_instances == 1 and job.coalesce for job in jobs.values())
    finally:
        schedule.shutdown(wait=False)


def test_the_retention_job_purges_through_the_task_worker(django_capture_on_commit_callbacks):
    from applications.models import Application

    now = timezone.now()
    with time_machine.travel(now - datetime.timedelta(days=400), tick=False):
        posting = PostingFactory()
        ApplicationFactory(posting=posting)
        posting.close()
    enqueue("careers.tasks.purge_expired_data_task")  # the immediate backend runs it at once
    assert not Application.objects.exists()


def test_the_prune_job_runs(django_capture_on_commit_callbacks):
    enqueue("careers.tasks.prune_task_results")
