"""Faster public lists and searches (PostgreSQL only).

- Team and location names join the stored search document, so a search reads
  one GIN index instead of a union with name lookups. This fills the document
  for every existing posting with the definition of the time, frozen here
  (``search_document``: migrations never import live code); a later change
  to ``careers.querysets.posting_search_vector`` adds its own refresh.
- A partial covering index of published postings in list order: list pages
  read their rows from it in order, and counts (with team or workplace
  filters) are index-only scans. SQLite has no INCLUDE, so it gets none.
"""

from django.db import migrations

OPEN_INDEX = "careers_posting_open"


def search_document(apps):
    """The posting's full-text document as defined when this migration was written."""
    from django.contrib.postgres.search import SearchVector
    from django.db import models
    from django.db.models.functions import Concat

    Posting, Team = apps.get_model("careers", "Posting"), apps.get_model("careers", "Team")
    team_name = models.Subquery(Team.objects.filter(pk=models.OuterRef("team_id")).values("name")[:1])
    places = models.Subquery(
        Posting.locations.through.objects.filter(posting_id=models.OuterRef("pk")).order_by().values("posting_id")
        .annotate(names=models.StringAgg(Concat("location__city", models.Value(" "), "location__country"), models.Value(" ")))
        .values("names")
    )
    return (
        SearchVector("title", weight="A", config="english")
        + SearchVector("intro", "about_role", team_name, places, weight="B", config="english")
        + SearchVector("qualifications", "thrive_if", weight="C", config="english")
    )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return

    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{OPEN_INDEX}" ON "careers_posting" ("published_at" DESC, "id") '
        "INCLUDE (\"closes_on\", \"team_id\", \"workplace_type\") WHERE \"status\" = 'published'"
    )
    apps.get_model("careers", "Posting").objects.update(search_vector=search_document(apps))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{OPEN_INDEX}"')


class Migration(migrations.Migration):
    dependencies = [("careers", "0010_discoverability_logo_and_change_times")]

    operations = [migrations.RunPython(forwards, backwards)]
