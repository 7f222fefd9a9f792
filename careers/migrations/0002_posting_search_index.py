"""GIN index for posting full-text search, on PostgreSQL only.

The expression is the search document as it was then (frozen here); 0009
replaced this index with one on the stored document. SQLite (development) has
no full-text search and gets no index.
"""

from django.db import migrations

INDEX_NAME = "careers_posting_search"


def _index():
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    document = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("intro", "about_role", weight="B", config="english")
        + SearchVector("qualifications", "thrive_if", weight="C", config="english")
    )
    return GinIndex(document, name=INDEX_NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("careers", "Posting"), _index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("careers", "Posting"), _index())


class Migration(migrations.Migration):
    dependencies = [("careers", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
