"""Delivery tasks (Django's tasks framework): run by ``manage.py db_worker`` in production.

Tasks take ids, never objects: the row is the truth, read under a lock when the task runs.
"""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from . import services

SWEEP_EVERY = timedelta(minutes=1)


@task
def deliver_email(email_id: int) -> str:
    return services.email_deliver(email_id)


@task
def sweep_outbox() -> int:
    """Enqueue due pending emails, and schedule the next sweep (when the backend can defer).

    The next sweep is scheduled first: a sweep that fails (the database gone for a
    moment) must not end the chain.
    """
    sweep_schedule_next()
    return outbox_sweep()


def outbox_sweep() -> int:
    return services.outbox_sweep(already_queued=_waiting_deliveries())


def _waiting_deliveries() -> set[int]:
    """Emails whose delivery task waits in django-tasks-db's table (ready now or deferred)."""
    from django.apps import apps

    backend = deliver_email.get_backend()
    if not apps.is_installed("django_tasks_db") or not backend.supports_defer:
        return set()
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=deliver_email.module_path, status="READY", backend_name=backend.alias
    ).values_list("args_kwargs", flat=True)
    return {entry["args"][0] for entry in waiting if entry.get("args")}


def sweep_schedule_next() -> bool:
    """Keep exactly one future sweep scheduled on a deferring backend (the database worker).

    Called by every sweep and by ``send_pending_emails`` (the worker service runs
    it on start), so the periodic sweep survives restarts without a second loop.
    """
    backend = sweep_outbox.get_backend()
    if not backend.supports_defer:
        return False
    from django.apps import apps

    if apps.is_installed("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.filter(
            task_path=sweep_outbox.module_path, status="READY", backend_name=backend.alias
        )
        if waiting.exists():
            return False
    sweep_outbox.using(run_after=timezone.now() + SWEEP_EVERY).enqueue()
    return True
