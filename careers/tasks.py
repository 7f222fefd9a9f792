"""Housekeeping as tasks (Django's tasks framework): the schedule enqueues them, the worker runs them."""

from django.apps import apps
from django.core.management import call_command
from django.tasks import task

from .retention import purge_expired_data


@task
def purge_expired_data_task() -> dict:
    """Retention: every app purges what is past its period (and abandoned uploads and orphans)."""
    return purge_expired_data()


@task
def prune_task_results() -> None:
    """Finished task rows of the database backend, after two weeks (they hold only ids)."""
    if apps.is_installed("django_tasks_db"):
        call_command("prune_db_task_results", "--min-age-days", "14", verbosity=0)
