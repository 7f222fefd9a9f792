from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, using, **kwargs):
    # After every migrate (and test-database flush), the role groups match accounts/roles.py.
    from .roles import sync_roles

    sync_roles(using=using)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import audit

        audit.connect()
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="accounts-sync-roles")
