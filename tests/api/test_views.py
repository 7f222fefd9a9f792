"""The public postings API: what it shows, filters, pages, conditional GET, CORS and query counts."""

import datetime
import json

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django.utils.http import http_date

from careers.models import Posting
from tests.factories import (
    ApplicationFactory,
    ClosedPostingFactory,
    DraftPostingFactory,
    ExpiredPostingFactory,
    LocationFactory,
    PostingFactory,
    QuestionFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db

POSTING_FIELDS = {
    "slug", "title", "url", "api_url", "team", "locations", "workplace_type", "employment_type",
    "intro_html", "pay", "published_at", "closes_on", "updated_at",
}


def slugs(response):
    assert response.status_code == 200, response.content
    return [posting["slug"] for posting in response.json()["results"]]


def test_list_shows_only_open_postings_and_public_fields(client):
    live = PostingFactory(slug="live", intro="Build **things**.")
    ApplicationFactory(posting=live, email="candidate@example.com", first_name="Ada")
    DraftPostingFactory(slug="draft")
    ClosedPostingFactory(slug="closed")
    ExpiredPostingFactory(slug="expired")
    response = client.get("/api/v1/postings/")
    assert slugs(response) == ["live"]
    body = response.json()
    assert body["count"] == 1 and body["next"] is None and body["previous"] is None
    posting = body["results"][0]
    assert set(posting) == POSTING_FIELDS
    assert posting["url"] == "http://testserver/careers/live/"
    assert posting["api_url"] == "http://testserver/api/v1/postings/live/"
    assert posting["intro_html"] == "<p>Build <strong>things</strong>.</p>"
    assert posting["locations"] == [{"slug": "london", "city": "London", "country": "UK", "country_code": "GB"}]
    assert posting["pay"] is None
    # Nothing about applications or candidates, anywhere.
    text = response.content.decode()
    assert "candidate@example.com" not in text and "Ada" not in text and "application" not in text.lower()


def test_pay_range_is_numbers_with_currency_and_period(client):
    PostingFactory(pay_min=120000, pay_max=160000, pay_currency="GBP", pay_period="year")
    pay = client.get("/api/v1/postings/").json()["results"][0]["pay"]
    assert pay == {"min": 120000.0, "max": 160000.0, "currency": "GBP", "period": "year",
                   "display": "GBP 120,000\u2013160,000 per year"}


def test_list_takes_the_html_lists_filters_and_search(client):
    research, legal = TeamFactory(name="Research"), TeamFactory(name="Legal")
    london, paris = LocationFactory(city="London"), LocationFactory(city="Paris", country="France", country_code="FR")
    PostingFactory(slug="research-london", title="Research Scientist", team=research, locations=[london])
    PostingFactory(slug="research-paris", title="Research Engineer", team=research, locations=[paris],
                   workplace_type=Posting.Workplace.REMOTE)
    PostingFactory(slug="counsel-london", title="Counsel", team=legal, locations=[london])

    def found(query):
        return sorted(slugs(client.get(f"/api/v1/postings/?{query}")))

    assert found("team=research") == ["research-london", "research-paris"]
    assert found("location=london") == ["counsel-london", "research-london"]
    assert found("team=research&location=london") == ["research-london"]
    assert found("workplace=remote") == ["research-paris"]
    assert found("q=scientist") == ["research-london"]
    assert found("q=paris") == ["research-paris"]  # location names are searched too, as on the site
    assert found("team=&location=&workplace=&q=") == ["counsel-london", "research-london", "research-paris"]
    assert found("team=no-such-team") == []  # an unknown slug matches nothing, like any filter


@pytest.mark.parametrize("query, parameter", [
    ("workplace=moon", "workplace"), ("team=not%20a%20slug", "team"), ("location=%09", "location"),
    (f"q={'x' * 201}", "q"), ("q=a%00b", "q"), ("page=0", "page"), ("page=two", "page"), ("page=%D9%A2", "page"),
    ("page_size=0", "page_size"), ("page_size=101", "page_size"),
])
def test_malformed_parameters_are_400_naming_the_parameter(client, query, parameter):
    response = client.get(f"/api/v1/postings/?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [parameter]


def test_pages_are_stable_and_never_repeat_or_skip_a_posting(client):
    # Same publication time and title: only the tie-breaker orders them.
    published = timezone.now() - datetime.timedelta(days=1)
    created = {PostingFactory(title="Engineer", published_at=published).slug for _ in range(23)}
    seen, url = [], "/api/v1/postings/?page_size=5"
    while url:
        body = client.get(url).json()
        seen += [posting["slug"] for posting in body["results"]]
        url = body["next"]
        assert url is None or url.startswith("http://testserver/api/v1/postings/?")
    assert len(seen) == 23 and set(seen) == created
    again = [p["slug"] for n in range(1, 6) for p in client.get(f"/api/v1/postings/?page_size=5&page={n}").json()["results"]]
    assert again == seen
    past = client.get("/api/v1/postings/?page=99")
    assert past.status_code == 404 and past.json() == {"detail": "Invalid page."}
    assert client.get(f"/api/v1/postings/?page={'9' * 5000}").status_code == 404


def test_detail_is_the_full_posting_with_its_questions(client):
    posting = PostingFactory(slug="data-engineer", about_role="Own the **pipelines**.", qualifications="SQL\nPython",
                             thrive_if="You like data", travel_note="Some travel.", closes_on=datetime.date(2099, 1, 31))
    QuestionFactory(posting=posting, label="Notice period?", kind="short_text", required=False, position=2)
    QuestionFactory(posting=posting, label="Degree?", kind="single_choice", choices="PhD\nMSc", position=1)
    ApplicationFactory(posting=posting, email="candidate@example.com")
    response = client.get("/api/v1/postings/data-engineer/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == POSTING_FIELDS | {"apply_url", "about_role_html", "qualifications", "thrive_if",
                                          "travel_note", "relocation_note", "questions", "sections"}
    assert body["apply_url"] == "http://testserver/careers/data-engineer/apply/"
    assert body["about_role_html"] == "<p>Own the <strong>pipelines</strong>.</p>"
    assert body["qualifications"] == ["SQL", "Python"] and body["thrive_if"] == ["You like data"]
    assert body["closes_on"] == "2099-01-31"
    assert body["questions"] == [
        {"label": "Degree?", "help_text": "", "kind": "single_choice", "choices": ["PhD", "MSc"], "required": True},
        {"label": "Notice period?", "help_text": "", "kind": "short_text", "choices": [], "required": False},
    ]
    assert "candidate@example.com" not in response.content.decode()
    assert response["Last-Modified"] == http_date(posting.content_updated_at.timestamp())


@pytest.mark.parametrize("factory", [DraftPostingFactory, ClosedPostingFactory, ExpiredPostingFactory])
def test_detail_of_a_posting_that_is_not_open_is_a_json_404(client, factory):
    posting = factory()
    response = client.get(f"/api/v1/postings/{posting.slug}/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert posting.title not in response.content.decode()


def test_teams_and_locations_list_only_those_with_open_postings(client):
    research = TeamFactory(name="Research")
    london = LocationFactory(city="London")
    PostingFactory.create_batch(2, team=research, locations=[london])
    DraftPostingFactory(team=TeamFactory(name="Project X"), locations=[LocationFactory(city="Atlantis")])
    ClosedPostingFactory(team=TeamFactory(name="Old Team"), locations=[LocationFactory(city="Old Town")])
    assert client.get("/api/v1/teams/").json() == [{"slug": "research", "name": "Research", "open_postings": 2}]
    assert client.get("/api/v1/locations/").json() == [
        {"slug": "london", "city": "London", "country": "UK", "country_code": "GB", "open_postings": 2}
    ]


@pytest.mark.parametrize("url", ["/api/v1/postings/", "/api/v1/postings/p/", "/api/v1/teams/", "/api/v1/locations/",
                                 "/api/v1/openapi.json"])
def test_conditional_get_with_the_etag_is_304(client, url):
    PostingFactory(slug="p")
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"].startswith('"')
    assert first["Cache-Control"] == "public, max-age=60"
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_ORIGIN="https://jobs.example.org")
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Access-Control-Allow-Origin"] == "*"  # a cross-origin script may read the 304 too
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    assert client.head(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_etag_changes_with_anything_the_response_shows(client):
    team = TeamFactory(name="Research")
    posting = PostingFactory(slug="p", team=team)
    etags = {url: client.get(url)["ETag"] for url in ("/api/v1/postings/", "/api/v1/postings/p/", "/api/v1/teams/")}
    team.name = "Research and Science"
    team.save()
    for url, etag in etags.items():
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200, url
    listed = client.get("/api/v1/postings/")["ETag"]
    posting.close()  # leaves the list without any open posting being saved
    assert client.get("/api/v1/postings/", HTTP_IF_NONE_MATCH=listed).status_code == 200


def test_detail_answers_if_modified_since_and_notices_a_team_rename(client):
    team = TeamFactory(name="Research")
    posting = PostingFactory(slug="p", team=team)
    last_modified = client.get("/api/v1/postings/p/")["Last-Modified"]
    assert client.get("/api/v1/postings/p/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    with time_machine.travel(posting.updated_at + datetime.timedelta(minutes=5)):
        team.name = "Science"
        team.save()
    response = client.get("/api/v1/postings/p/", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == 200 and response.json()["team"]["name"] == "Science"
    # A list's change time cannot be known (a posting closing saves nothing that stays on it): ETag only.
    assert "Last-Modified" not in client.get("/api/v1/postings/")


def test_cors_lets_any_origin_read_and_nobody_write(client):
    PostingFactory()
    response = client.get("/api/v1/postings/", HTTP_ORIGIN="https://jobs.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Expose-Headers"] == "ETag"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options("/api/v1/postings/", HTTP_ORIGIN="https://jobs.example.org",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
                               HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match")
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    for method in (client.post, client.put, client.patch, client.delete):
        refused = method("/api/v1/postings/", HTTP_ORIGIN="https://jobs.example.org")
        assert refused.status_code == 405 and refused["Allow"] == "GET, HEAD, OPTIONS"
        assert "Access-Control-Allow-Origin" not in refused
    # The rest of the site is not opened up.
    assert "Access-Control-Allow-Origin" not in client.get("/careers/", HTTP_ORIGIN="https://jobs.example.org")


def test_api_needs_no_session_or_csrf(client):
    PostingFactory()
    response = client.get("/api/v1/teams/")
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies


def test_unknown_api_paths_are_json_404s_and_missing_slashes_still_redirect(client):
    for url in ("/api/v1/", "/api/v1/nothing/", "/api/v1/postings/a/b/", "/api/v1/postings/a%0Ab/"):
        response = client.get(url)
        assert response.status_code == 404 and response.json() == {"detail": "Not found."}, url
    redirect = client.get("/api/v1/postings")
    assert redirect.status_code == 301 and redirect["Location"] == "/api/v1/postings/"


def _make_postings(count):
    teams = [TeamFactory(name=f"Team {i}") for i in range(3)]
    locations = [LocationFactory(city="London"), LocationFactory(city="Paris")]
    for i in range(count):
        posting = PostingFactory(team=teams[i % 3], locations=locations)
        QuestionFactory(posting=posting)
    DraftPostingFactory.create_batch(3, team=teams[0], locations=locations)


@pytest.mark.parametrize("count", [3, 50])
@pytest.mark.parametrize("url, queries", [
    ("/api/v1/postings/?page_size=100", 3),  # count, page (with team), its locations
    ("/api/v1/postings/?location=london&q=engineer", 3),
    ("/api/v1/teams/", 1),
    ("/api/v1/locations/", 1),
])
def test_list_endpoints_run_a_constant_number_of_queries(client, django_assert_max_num_queries, count, url, queries):
    _make_postings(count)
    with django_assert_max_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 50])
def test_detail_runs_a_constant_number_of_queries(client, django_assert_max_num_queries, count):
    _make_postings(count)
    posting = Posting.objects.open().first()
    with django_assert_max_num_queries(4):  # posting with team, its locations, its questions, its added sections
        assert client.get(f"/api/v1/postings/{posting.slug}/").status_code == 200


def test_openapi_document_is_valid_and_describes_the_four_endpoints(client, capsys):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")  # raises on an invalid document
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {"/api/v1/postings/", "/api/v1/postings/{slug}/", "/api/v1/teams/",
                                      "/api/v1/locations/"}
    assert all(set(operations) == {"get"} for operations in document["paths"].values())


def test_demo_reference_posting_through_the_api(client):
    import io

    call_command("load_demo", stdout=io.StringIO())
    body = client.get("/api/v1/postings/european-ai-safety-policy-lead-technical/").json()
    assert body["title"] == "European AI Safety Policy Lead - Technical"
    assert len(body["questions"]) == 3
    assert "trust-and-safety-operations-analyst" not in slugs(client.get("/api/v1/postings/?page_size=100"))  # a draft
