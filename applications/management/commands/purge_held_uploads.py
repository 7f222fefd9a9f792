from datetime import timedelta

from django.core.management.base import BaseCommand

from applications.held import purge_held_uploads


class Command(BaseCommand):
    help = "Delete résumés held for apply forms that were never completed (default: older than 24 hours)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24)

    def handle(self, *args, hours, **options):
        deleted = purge_held_uploads(older_than=timedelta(hours=hours))
        self.stdout.write(f"Deleted {deleted} abandoned held upload(s).")
