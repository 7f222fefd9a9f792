"""Faster public lists and searches (PostgreSQL only).

- Team and location names join the stored search document, so a search reads
  one GIN index instead of a union with name lookups. This fills the document
  for every existing posting with the current definition
  (``posting_search_vector``); a later change to it adds its own refresh.
- A partial covering index of published postings in list order: list pages
  read their rows from it in order, and counts (with team or workplace
  filters) are index-only scans. SQLite has no INCLUDE, so it gets none.
"""

from django.db import migrations

OPEN_INDEX = "careers_posting_open"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from careers.querysets import posting_search_vector

    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{OPEN_INDEX}" ON "careers_posting" ("published_at" DESC, "id") '
        "INCLUDE (\"closes_on\", \"team_id\", \"workplace_type\") WHERE \"status\" = 'published'"
    )
    apps.get_model("careers", "Posting").objects.update(search_vector=posting_search_vector())


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{OPEN_INDEX}"')


class Migration(migrations.Migration):
    dependencies = [("careers", "0010_discoverability_logo_and_change_times")]

    operations = [migrations.RunPython(forwards, backwards)]
