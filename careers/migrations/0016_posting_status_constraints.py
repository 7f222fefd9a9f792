from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("careers", "0015_posting_retention_clock_rows")]

    operations = [
        migrations.AddConstraint(
            model_name="posting",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["draft", "published", "closed"])),
                name="careers_posting_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="posting",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("closed_at__isnull", False), ("status", "closed")),
                    models.Q(models.Q(("status", "closed"), _negated=True), ("closed_at__isnull", True)),
                    _connector="OR",
                ),
                name="careers_posting_closed_at_iff_closed",
            ),
        ),
    ]
