"""RSS and Atom feeds of open postings: they parse, list only open postings and take the list's filters."""

import feedparser
import pytest

from careers.models import Posting
from tests.factories import (
    ClosedPostingFactory,
    CompanyProfileFactory,
    DraftPostingFactory,
    ExpiredPostingFactory,
    LocationFactory,
    PostingFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db

FEEDS = ["/careers/feed/rss/", "/careers/feed/atom/"]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content, response_headers={"content-type": response["Content-Type"]})
    assert not feed.bozo, f"{url}: {feed.bozo_exception!r}"
    return feed


@pytest.fixture
def postings():
    CompanyProfileFactory(name="Example Co")
    research, legal = TeamFactory(name="Research"), TeamFactory(name="Legal")
    london, paris = LocationFactory(city="London"), LocationFactory(city="Paris", country="France", country_code="FR")
    return {
        "research-london": PostingFactory(title="Research London", team=research, locations=[london],
                                          intro="We <em>value</em> **care** & rigour."),
        "research-paris": PostingFactory(title="Research Paris", team=research, locations=[paris],
                                         workplace_type=Posting.Workplace.REMOTE),
        "legal-london": PostingFactory(title="Legal London", team=legal, locations=[london]),
        "draft": DraftPostingFactory(title="Secret Draft", team=research, locations=[london]),
        "closed": ClosedPostingFactory(title="Closed Role", team=research, locations=[london]),
        "expired": ExpiredPostingFactory(title="Expired Role", team=research, locations=[london]),
    }


@pytest.mark.parametrize("url", FEEDS)
def test_feed_parses_and_lists_exactly_the_open_postings(client, postings, url):
    feed = parse(client, url)
    assert feed.feed.title == "Open roles at Example Co"
    assert feed.feed.link == "http://testserver/careers/"
    assert sorted(entry.title for entry in feed.entries) == ["Legal London", "Research London", "Research Paris"]
    entry = next(e for e in feed.entries if e.title == "Research London")
    posting = postings["research-london"]
    assert entry.link == f"http://testserver{posting.get_absolute_url()}"
    assert entry.id == entry.link
    assert "<strong>care</strong>" in entry.summary and "London, UK — Research" in entry.summary
    assert {tag.term for tag in entry.tags} == {"Research", "On-site", "London, UK"}
    assert entry.published_parsed is not None


@pytest.mark.parametrize("url", FEEDS)
def test_feed_is_newest_first(client, postings, url):
    import datetime

    from django.utils import timezone

    Posting.objects.filter(pk=postings["legal-london"].pk).update(published_at=timezone.now())
    Posting.objects.filter(pk=postings["research-paris"].pk).update(
        published_at=timezone.now() - datetime.timedelta(days=30)
    )
    assert [e.title for e in parse(client, url).entries] == ["Legal London", "Research London", "Research Paris"]


@pytest.mark.parametrize("url", FEEDS)
def test_feed_takes_the_list_pages_filters(client, postings, url):
    research = parse(client, f"{url}?team=research")
    assert sorted(e.title for e in research.entries) == ["Research London", "Research Paris"]
    assert research.feed.title == "Open roles at Example Co: Research"
    assert research.feed.link == "http://testserver/careers/?team=research"
    both = parse(client, f"{url}?team=research&location=london")
    assert [e.title for e in both.entries] == ["Research London"]
    assert both.feed.title == "Open roles at Example Co: Research, London, UK"
    remote = parse(client, f"{url}?workplace=remote")
    assert [e.title for e in remote.entries] == ["Research Paris"]
    assert [e.title for e in parse(client, f"{url}?location=paris&q=research").entries] == ["Research Paris"]


@pytest.mark.parametrize("url", FEEDS)
def test_feed_of_an_unknown_team_or_location_is_404(client, postings, url):
    assert client.get(f"{url}?team=no-such-team").status_code == 404
    assert client.get(f"{url}?location=atlantis").status_code == 404


def test_drafts_never_reach_a_feed_even_when_searched_for(client, postings):
    for url in FEEDS:
        for query in ("", "?q=secret", "?team=research&q=draft"):
            body = client.get(url + query).content.decode()
            assert "Secret Draft" not in body and "Closed Role" not in body and "Expired Role" not in body


def test_rss_self_link_keeps_the_filter(client, postings):
    body = client.get("/careers/feed/rss/?team=research").content.decode()
    assert '<atom:link href="http://testserver/careers/feed/rss/?team=research" rel="self"/>' in body


def test_list_page_advertises_the_feeds_of_what_it_shows(client, postings):
    from tests.helpers.page import read_head

    links = read_head(client.get("/careers/?team=research&page=1").content.decode()).links["alternate"]
    assert {(link["type"], link["href"]) for link in links} == {
        ("application/rss+xml", "http://testserver/careers/feed/rss/?team=research"),
        ("application/atom+xml", "http://testserver/careers/feed/atom/?team=research"),
    }


@pytest.mark.parametrize("count", [3, 50])
def test_feed_query_count_is_constant(client, django_assert_max_num_queries, count):
    london = LocationFactory(city="London")
    PostingFactory.create_batch(count, locations=[london])
    with django_assert_max_num_queries(6):  # the sixth: when anything shown last changed (Last-Modified)
        assert client.get("/careers/feed/atom/?location=london").status_code == 200
