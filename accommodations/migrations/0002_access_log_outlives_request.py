"""The accommodation access log follows the one rule of access logs (``accounts.access_log``).

Entries keep the request's reference as text and lose only the link when the
request is erased or purged (``SET_NULL``, no longer ``CASCADE``); the reference
is filled for existing entries. Each entry says what was done (``action``:
every entry so far was an opening) and when (``at``, as the applications' log).
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_references(apps, schema_editor):
    Log = apps.get_model("accommodations", "AccommodationAccessLog")
    Request = apps.get_model("accommodations", "AccommodationRequest")
    Log.objects.update(request_reference=Subquery(Request.objects.filter(pk=OuterRef("request_id")).values("reference")[:1]))


class Migration(migrations.Migration):
    dependencies = [("accommodations", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="accommodationaccesslog",
            name="request",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="access_log",
                to="accommodations.accommodationrequest",
            ),
        ),
        migrations.AddField(
            model_name="accommodationaccesslog",
            name="request_reference",
            field=models.CharField(db_index=True, default="", max_length=19),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accommodationaccesslog",
            name="action",
            field=models.CharField(choices=[("viewed", "Opened")], default="viewed", max_length=15),
            preserve_default=False,
        ),
        migrations.RenameField(model_name="accommodationaccesslog", old_name="accessed_at", new_name="at"),
        migrations.AlterModelOptions(name="accommodationaccesslog", options={"ordering": ["-at"]}),
        migrations.RunPython(fill_references, migrations.RunPython.noop, elidable=False),
    ]
