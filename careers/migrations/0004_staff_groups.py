"""Create the staff role groups (see careers/roles.py)."""

from django.db import migrations


def create_groups(apps, schema_editor):
    from careers.roles import sync_roles

    sync_roles(apps, strict=False)


def remove_groups(apps, schema_editor):
    from careers.roles import ROLES

    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0003_accommodations"),
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
