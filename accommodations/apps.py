from django.apps import AppConfig


class AccommodationsConfig(AppConfig):
    name = "accommodations"
    verbose_name = "Accommodations"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .emails import render_legacy_emails

        post_migrate.connect(render_legacy_emails, sender=self, dispatch_uid="accommodations-legacy-emails")
        _register_email_visibility()

    def purge_expired(self, *, dry_run=False, batch_size=200) -> dict:
        """Retention (``purge_expired_data``): accommodation requests past retention."""
        from .services import purge_expired_accommodation_requests

        return {"accommodation_requests": purge_expired_accommodation_requests(dry_run=dry_run, batch_size=batch_size)}


def _register_email_visibility():
    from django.db.models import Q

    from notifications.admin import register_visibility

    from .access import is_coordinator

    # Coordinators only (superusers too only once they take the role): emails name a request.
    register_visibility(lambda user: Q(accommodation_request__isnull=False) if is_coordinator(user) else Q(pk__in=[]))
