from django.core.management.base import BaseCommand

from notifications.services import deliver_pending_emails


class Command(BaseCommand):
    help = "Send application emails that could not be sent earlier (run every minute; safe to run concurrently)."

    def handle(self, *args, **options):
        sent, failed = deliver_pending_emails()
        self.stdout.write(f"Sent {sent} email(s); {failed} still failing.")
