from django.core.management.base import BaseCommand

from notifications.services import OVERDUE_AFTER, outbox_health


class Command(BaseCommand):
    help = (
        "Exit 1 when any email failed for good or a pending one is overdue (worker down); 0 otherwise. "
        "For monitoring: alert on a non-zero exit."
    )

    def handle(self, *args, **options):
        health = outbox_health()
        self.stdout.write(
            f"outbox {health['status']}: {health['failed']} failed, {health['overdue']} pending for more than "
            f"{int(OVERDUE_AFTER.total_seconds() // 60)} min"
        )
        if health["status"] != "ok":
            raise SystemExit(1)
