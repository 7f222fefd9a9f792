import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from config.schedule import SCHEDULE

logger = logging.getLogger(__name__)


def enqueue(path):
    """What a trigger does: hand the task to the worker (never run it here)."""
    import_string(path).enqueue()
    logger.info("Enqueued %s", path)


def scheduler(cls=BlockingScheduler):
    schedule = cls(timezone=settings.TIME_ZONE)
    for name, trigger, path in SCHEDULE:
        # coalesce: after downtime, one run rather than a burst; max_instances 1: never overlapping.
        schedule.add_job(enqueue, trigger, args=[path], id=name, name=name, coalesce=True, max_instances=1,
                         misfire_grace_time=3600)
    return schedule


class Command(BaseCommand):
    help = "Run the housekeeping schedule (config/schedule.py): enqueue each task when it is due. One process."

    def handle(self, *args, **options):
        schedule = scheduler()
        for job in schedule.get_jobs():
            self.stdout.write(f"{job.name}: {job.trigger}")
        schedule.start()
