"""GIN index for posting full-text search, on PostgreSQL only.

The index expression comes from ``posting_search_vector()``, the same function
the search queryset uses, so the two always match and the planner can use it.
SQLite (development) has no full-text search and gets no index.
"""

from django.db import migrations

INDEX_NAME = "careers_posting_search"


def _index():
    from django.contrib.postgres.indexes import GinIndex

    from careers.querysets import posting_search_vector

    return GinIndex(posting_search_vector(), name=INDEX_NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("careers", "Posting"), _index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("careers", "Posting"), _index())


class Migration(migrations.Migration):
    dependencies = [("careers", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
