"""Index the stored search document (PostgreSQL only); 0011 fills it for existing postings.

Replaces 0002's expression index: ranking needs the stored vector anyway, and
searching the column avoids recomputing the document per row.
"""

from django.db import migrations

OLD_INDEX = "careers_posting_search"
NEW_INDEX = "careers_posting_search_vector"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.contrib.postgres.indexes import GinIndex

    schema_editor.execute(f'DROP INDEX IF EXISTS "{OLD_INDEX}"')
    Posting = apps.get_model("careers", "Posting")
    schema_editor.add_index(Posting, GinIndex(fields=["search_vector"], name=NEW_INDEX))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{NEW_INDEX}"')


class Migration(migrations.Migration):
    dependencies = [("careers", "0008_posting_search_vector")]

    operations = [migrations.RunPython(forwards, backwards)]
