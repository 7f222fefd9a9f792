"""Drafts (and closed, expired or scheduled postings) never leak through any public channel.

One place that asks every channel at once: the list page and its search, the
sitemap, both feeds, the API (list, search, detail, teams, locations) and the
JSON-LD of open postings' pages. A draft's title, slug, team and location are
all unique words, so any trace of it would show.
"""

import pytest

from tests.factories import (
    ClosedPostingFactory,
    CompanyProfileFactory,
    DraftPostingFactory,
    ExpiredPostingFactory,
    LocationFactory,
    PostingFactory,
    ScheduledPostingFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN = {
    DraftPostingFactory: ("Zanzibarquest", "Project Xylophone", "Atlantisville"),
    ClosedPostingFactory: ("Quokkaclosed", "Team Walrus", "Closedborough"),
    ExpiredPostingFactory: ("Yesterdaywork", "Team Narwhal", "Expiredton"),
    ScheduledPostingFactory: ("Tomorrowgig", "Team Okapi", "Scheduledham"),
}


@pytest.fixture
def hidden_postings():
    CompanyProfileFactory()
    PostingFactory(title="Visible Role", slug="visible-role")  # so channels are not trivially empty
    hidden = []
    for factory, (word, team, city) in HIDDEN.items():
        posting = factory(title=f"{word} Lead", slug=f"hidden-{len(hidden)}-slug", intro=f"{word} intro.",
                          team=TeamFactory(name=team), locations=[LocationFactory(city=city)])
        hidden.append(posting)
    return hidden


def public_urls(words):
    """(url, searched word or None, whether the visible posting must be in it), for every channel."""
    for url in ("/careers/", "/sitemap.xml", "/careers/feed/rss/", "/careers/feed/atom/",
                "/api/v1/postings/?page_size=100"):
        yield url, None, True
    yield "/careers/visible-role/", None, True  # its JSON-LD
    for url in ("/robots.txt", "/api/v1/teams/", "/api/v1/locations/"):
        yield url, None, False
    for word in words:
        for url in ("/careers/", "/careers/feed/rss/", "/careers/feed/atom/", "/api/v1/postings/"):
            yield f"{url}?q={word}", word, False


def test_no_public_channel_mentions_a_draft_closed_or_expired_posting(client, hidden_postings):
    traces = [w for names in HIDDEN.values() for w in names] + [p.slug for p in hidden_postings]
    for url, searched, lists_visible in public_urls([names[0] for names in HIDDEN.values()]):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode().lower()
        assert not lists_visible or "visible-role" in body, f"{url} does not list the open posting: a vacuous check"
        # A search page may echo the searcher's own word back; everything else about the posting must be absent.
        for trace in traces:
            if trace != searched:
                assert trace.lower() not in body, f"{trace!r} leaked through {url}"


def test_hidden_postings_have_no_api_record_and_no_job_posting(client, hidden_postings):
    for posting in hidden_postings:
        assert client.get(f"/api/v1/postings/{posting.slug}/").status_code == 404
        page = client.get(posting.get_absolute_url())
        assert page.status_code in (404, 410)
        assert "application/ld+json" not in page.content.decode()
    # Nor through the filters: a team or office that has only hidden postings is not public yet.
    for posting in hidden_postings:
        location = posting.locations.get()
        for feed in ("/careers/feed/rss/", "/careers/feed/atom/"):
            assert client.get(f"{feed}?team={posting.team.slug}").status_code == 404
            assert client.get(f"{feed}?location={location.slug}").status_code == 404
        listed = client.get(f"/careers/?team={posting.team.slug}&location={location.slug}").content.decode()
        assert "Some filters were not recognised" in listed and posting.team.name not in listed
