import os
from datetime import timedelta

from django.apps import AppConfig
from django.conf import settings


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = "Applications"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .emails import render_legacy_emails

        # Uploads stream into this folder; without it every upload would fail.
        os.makedirs(settings.FILE_UPLOAD_TEMP_DIR, mode=0o700, exist_ok=True)
        post_migrate.connect(render_legacy_emails, sender=self, dispatch_uid="applications-legacy-emails")
        _register_email_visibility()
        _forget_document_previews_on_delete()

    def purge_expired(self, *, dry_run=False, batch_size=200) -> dict:
        """Retention (``purge_expired_data``): applications past retention, abandoned, orphan and upload temp files."""
        from .held import purge_held_uploads
        from .retention import purge_expired_applications, purge_orphan_files, purge_upload_temp_files

        counts = {"applications": purge_expired_applications(dry_run=dry_run, batch_size=batch_size)}
        if not dry_run:
            counts["abandoned_held_uploads"] = purge_held_uploads(older_than=timedelta(hours=24))
            counts["orphan_files"] = purge_orphan_files(older_than=timedelta(hours=1))
            counts["upload_temp_files"] = purge_upload_temp_files(older_than=timedelta(hours=6))
        return counts


def _forget_document_previews_on_delete():
    # Erasure and retention delete applications; their files' cached previews go with them.
    from django.db.models.signals import post_delete

    from .models import Application
    from .viewer.previews import forget_previews

    post_delete.connect(forget_previews, sender=Application, dispatch_uid="applications-forget-previews")


def _register_email_visibility():
    from django.db.models import Q

    from notifications.admin import register_visibility

    from .models import Application

    register_visibility(lambda user: Q(application__in=Application.objects.visible_to(user)))
