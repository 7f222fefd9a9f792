"""Search and filters on /careers/, alone and combined.

These run on SQLite locally and on PostgreSQL in CI (where ``?q=`` uses
full-text search); the index test is PostgreSQL-only.
"""

import pytest
from django.db import connection

from careers.models import Posting
from tests.factories import LocationFactory, PostingFactory, TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def postings():
    research, policy = TeamFactory(name="Research"), TeamFactory(name="Policy")
    london, paris = LocationFactory(city="London"), LocationFactory(city="Paris", country="France")
    return {
        "interp": PostingFactory(title="Interpretability Researcher", team=research, locations=[london],
                                 workplace_type="hybrid", about_role="Study sparse autoencoders."),
        "sre": PostingFactory(title="Site Reliability Engineer", team=research, locations=[paris],
                              workplace_type="remote", about_role="Run Kubernetes clusters."),
        "policy": PostingFactory(title="Policy Lead", team=policy, locations=[london, paris],
                                 workplace_type="onsite", about_role="Engage on the EU AI Act."),
    }


def titles(client, query):
    response = client.get(f"/careers/?{query}")
    assert response.status_code == 200
    return {p.title for p in response.context["page"].object_list}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("q=kubernetes", {"Site Reliability Engineer"}),  # body text
        ("q=interpretability", {"Interpretability Researcher"}),  # title
        ("q=Policy", {"Policy Lead"}),  # team name and title
        ("q=paris", {"Site Reliability Engineer", "Policy Lead"}),  # location
        ("team=research", {"Interpretability Researcher", "Site Reliability Engineer"}),
        ("location=london", {"Interpretability Researcher", "Policy Lead"}),
        ("workplace=remote", {"Site Reliability Engineer"}),
        ("team=research&location=london", {"Interpretability Researcher"}),
        ("team=research&workplace=remote&location=paris", {"Site Reliability Engineer"}),
        ("q=engineer&location=london", set()),
        ("q=ai+act&location=paris&workplace=onsite&team=policy", {"Policy Lead"}),
        ("", {"Interpretability Researcher", "Site Reliability Engineer", "Policy Lead"}),
    ],
)
def test_search_and_filters(client, postings, query, expected):
    assert titles(client, query) == expected


def test_search_never_finds_drafts_or_closed(client, postings):
    from tests.factories import ClosedPostingFactory, DraftPostingFactory

    DraftPostingFactory(title="Kubernetes Draft")
    ClosedPostingFactory(title="Kubernetes Closed")
    assert titles(client, "q=kubernetes") == {"Site Reliability Engineer"}


def test_queryset_search_matches_words_in_any_order(postings):
    found = set(Posting.objects.open().search("clusters kubernetes").values_list("title", flat=True))
    assert found == {"Site Reliability Engineer"}


def test_postgres_uses_full_text_index(require_postgres, postings):
    query = Posting.objects.open().search("kubernetes")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        sql, params = query.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "careers_posting_search_vector" in plan, plan


def test_postgres_full_text_stems_words(require_postgres, postings):
    # "studies" and "study" share a stem: full-text search, not substring matching.
    assert titles_via_queryset("studies") == {"Interpretability Researcher"}


def titles_via_queryset(q):
    return set(Posting.objects.open().search(q).values_list("title", flat=True))
