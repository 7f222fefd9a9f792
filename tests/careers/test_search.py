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
    # Three rows: the planner would pick any index; the search predicate alone must be able to use GIN.
    query = Posting.objects.search("kubernetes")
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


def test_team_and_location_names_are_searchable_and_follow_renames(client, postings):
    from careers.models import Location, Team

    assert titles(client, "q=research") == {"Interpretability Researcher", "Site Reliability Engineer"}
    team = Team.objects.get(name="Research")
    team.name = "Frontier Science"
    team.save()
    assert titles(client, "q=frontier") == {"Interpretability Researcher", "Site Reliability Engineer"}

    paris = Location.objects.get(city="Paris")
    paris.city = "Lyon"
    paris.save()
    assert titles(client, "q=lyon") == {"Site Reliability Engineer", "Policy Lead"}
    assert titles(client, "q=paris") == set()


def test_location_changes_from_either_side_refresh_the_search(client, postings):
    from careers.models import Location

    berlin = Location.objects.create(city="Berlin", country="Germany", slug="berlin")
    postings["sre"].locations.add(berlin)
    assert titles(client, "q=berlin") == {"Site Reliability Engineer"}
    berlin.postings.add(postings["interp"])
    assert titles(client, "q=berlin") == {"Site Reliability Engineer", "Interpretability Researcher"}
    berlin.postings.remove(postings["sre"])
    assert titles(client, "q=berlin") == {"Interpretability Researcher"}
    berlin.postings.clear()
    assert titles(client, "q=berlin") == set()


def test_saving_a_team_without_renaming_it_leaves_its_postings_alone(postings, django_assert_num_queries):
    from careers.models import Team

    team = Team.objects.get(name="Research")
    team.about = "We study models."
    with django_assert_num_queries(2):  # read the old name, save the team: no rewrite of its postings
        team.save()


@pytest.mark.parametrize("page, expected_number", [("2", 2), ("99", 2), ("abc", 1), ("0", 2), ("", 1)])
@pytest.mark.parametrize("query", ["q=research", "team=research"])
def test_search_results_page_like_any_list(client, postings, monkeypatch, query, page, expected_number):
    # A ranked search counts its matches in the same query as its page; its page numbers behave the same.
    monkeypatch.setattr("careers.views.PAGE_SIZE", 1)
    response = client.get(f"/careers/?{query}&page={page}", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == ([(f"/careers/?{query}", 301)] if page == "" else [])
    assert response.context["page"].number == expected_number
    assert "<strong>2</strong> open roles match your search. Page {} of 2.".format(expected_number) in response.content.decode()
    assert len(response.context["cards"]) == 1
