from django.core.management.base import BaseCommand

from careers.retention import purge_expired_data


class Command(BaseCommand):
    help = (
        "Delete candidates' data past the retention period after their posting stopped being open "
        "(applications with their files, answers and consent records; accommodation requests) and sweep "
        "abandoned uploads. Each app purges its own rows. Idempotent and safe to run concurrently; run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what is due without deleting anything.")

    def handle(self, *args, dry_run, **options):
        verb = "Would delete" if dry_run else "Deleted"
        for kind, count in purge_expired_data(dry_run=dry_run).items():
            self.stdout.write(f"{verb} {count} {kind.replace('_', ' ')}.")
