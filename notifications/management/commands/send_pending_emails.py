from django.core.management.base import BaseCommand

from notifications.tasks import outbox_sweep, sweep_schedule_next


class Command(BaseCommand):
    help = (
        "Enqueue every due pending email for the task worker, and make sure the worker sweeps the outbox "
        "every minute from now on (the compose worker runs this on start; safe to run any time)."
    )

    def handle(self, *args, **options):
        count = outbox_sweep()
        scheduled = sweep_schedule_next()
        self.stdout.write(f"Enqueued {count} due email(s)." + (" Scheduled the periodic sweep." if scheduled else ""))
