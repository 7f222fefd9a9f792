"""When housekeeping runs: one list, read by ``manage.py run_schedule`` (APScheduler, cron-style).

The scheduler only enqueues tasks; the task worker (``db_worker``) runs them, so a
slow purge never delays the next trigger and every run is recorded like any task.
Times are in the site's time zone (``TIME_ZONE``).
"""

from apscheduler.triggers.cron import CronTrigger

SCHEDULE = [
    # (name, trigger, "module.task"): cron fields as in crontab.
    ("retention purge", CronTrigger(hour=3, minute=15), "careers.tasks.purge_expired_data_task"),
    ("task results prune", CronTrigger(hour=4, minute=0), "careers.tasks.prune_task_results"),
    # The outbox sweeps itself every minute; this keeps its chain alive after any restart.
    ("outbox sweep", CronTrigger(minute="*/5"), "notifications.tasks.sweep_outbox"),
]
