"""Brought the staff role groups up to date with the roles (Hiring manager, audit logs).

Groups are now kept in step with accounts/roles.py by a post_migrate handler
(accounts/apps.py) after every migrate, so this migration no longer imports
live code; it stays as a no-op to keep the migration graph intact.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("careers", "0005_hiring_managers_access_log_erasure")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
