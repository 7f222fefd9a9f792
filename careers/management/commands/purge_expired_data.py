from datetime import timedelta

from django.core.management.base import BaseCommand

from careers.services import purge_expired_data, purge_held_uploads, purge_orphan_files


class Command(BaseCommand):
    help = (
        "Delete applications (with their files, answers and consent records) and accommodation requests "
        "past the retention period after their posting closed; also sweeps abandoned uploads. "
        "Idempotent and safe to run concurrently; run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what is due without deleting anything.")

    def handle(self, *args, dry_run, **options):
        counts = purge_expired_data(dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {counts['applications']} application(s) and "
            f"{counts['accommodation_requests']} accommodation request(s) past retention."
        )
        if not dry_run:
            held = purge_held_uploads(older_than=timedelta(hours=24))
            orphans = purge_orphan_files(older_than=timedelta(hours=1))
            self.stdout.write(f"Deleted {held} abandoned held upload(s) and {orphans} orphan file(s).")
