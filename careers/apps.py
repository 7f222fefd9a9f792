from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, using, **kwargs):
    # After every migrate (and test-database flush), the role groups match careers/roles.py.
    from .roles import sync_roles

    sync_roles(using=using)


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Careers"

    def ready(self):
        from . import signals
        from .caching import connect_invalidation

        connect_invalidation()
        signals.connect()
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="careers-sync-roles")
