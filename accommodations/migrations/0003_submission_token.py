import uuid

from django.db import migrations, models


def give_each_request_its_own_token(apps, schema_editor):
    AccommodationRequest = apps.get_model("accommodations", "AccommodationRequest")
    for request in AccommodationRequest.objects.filter(submission_token__isnull=True).only("pk").iterator():
        AccommodationRequest.objects.filter(pk=request.pk).update(submission_token=uuid.uuid4())


class Migration(migrations.Migration):
    """A unique token per request: added empty, filled one by one (a default would repeat one value), then required."""

    dependencies = [("accommodations", "0002_access_log_outlives_request")]

    operations = [
        migrations.AddField(
            model_name="accommodationrequest", name="submission_token", field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_each_request_its_own_token, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="accommodationrequest",
            name="submission_token",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
