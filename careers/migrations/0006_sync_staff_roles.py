"""Bring the staff role groups up to date with careers/roles.py (Hiring manager, audit logs)."""

from django.db import migrations


def sync(apps, schema_editor):
    from careers.roles import sync_roles

    sync_roles(apps, strict=False)


class Migration(migrations.Migration):
    dependencies = [("careers", "0005_hiring_managers_access_log_erasure")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
