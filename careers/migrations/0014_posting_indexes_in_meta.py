"""The two PostgreSQL indexes 0009 and 0011 created by hand, now declared in ``Posting.Meta``.

State only: the indexes exist already on PostgreSQL under these names, so
nothing is dropped or rebuilt. SQLite never had them (no GIN, no INCLUDE) and
gets none now either; development there searches by substring.
"""

import django.contrib.postgres.indexes
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("careers", "0013_move_out_applications_accommodations_outbox")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="posting",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["search_vector"], name="careers_posting_search_vector"
                    ),
                ),
                migrations.AddIndex(
                    model_name="posting",
                    index=models.Index(
                        condition=models.Q(("status", "published")),
                        fields=["-published_at", "id"],
                        include=("closes_on", "team_id", "workplace_type"),
                        name="careers_posting_open",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
