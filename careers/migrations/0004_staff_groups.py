"""Created the staff role groups (see accounts/roles.py).

Groups are now kept in step with accounts/roles.py by a post_migrate handler
(accounts/apps.py) after every migrate, so this migration no longer imports
live code; it stays as a no-op to keep the migration graph intact.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0003_accommodations"),
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
