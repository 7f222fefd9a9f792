from django.apps import AppConfig


class AccommodationsConfig(AppConfig):
    name = "accommodations"
    verbose_name = "Accommodations"

    def purge_expired(self, *, dry_run=False, batch_size=200) -> dict:
        """Retention (``purge_expired_data``): accommodation requests past retention."""
        from .services import purge_expired_accommodation_requests

        return {"accommodation_requests": purge_expired_accommodation_requests(dry_run=dry_run, batch_size=batch_size)}
