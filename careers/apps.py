from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Careers"

    def ready(self):
        from . import signals
        from .versioning import connect_invalidation

        connect_invalidation()
        signals.connect()
