"""Feeds answer conditional requests, and the list page advertises exactly the feeds' own self links."""

import re
from html import unescape

import pytest
from django.utils import timezone

from careers.models import Posting
from tests.factories import CompanyProfileFactory, LocationFactory, PostingFactory, TeamFactory
from tests.helpers.page import read_head

pytestmark = pytest.mark.django_db

FEEDS = ["/careers/feed/rss/", "/careers/feed/atom/"]


@pytest.fixture
def postings():
    CompanyProfileFactory(name="Example Co")
    research = TeamFactory(name="Research")
    london = LocationFactory(city="London")
    return [PostingFactory(title="Research London", team=research, locations=[london],
                           workplace_type=Posting.Workplace.ONSITE)]


@pytest.mark.parametrize("url", FEEDS)
def test_feed_has_validators_and_answers_304(client, postings, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": first["Last-Modified"]}).status_code == 304
    assert client.head(url, headers={"If-None-Match": first["ETag"]}).status_code == 304


@pytest.mark.parametrize("url", FEEDS)
def test_an_edit_or_a_closed_posting_changes_the_validators(client, postings, url):
    first = client.get(url)
    posting = postings[0]
    posting.updated_at = timezone.now() + timezone.timedelta(seconds=5)
    Posting.objects.filter(pk=posting.pk).update(title="Research London (renamed)", updated_at=posting.updated_at)
    again = client.get(url, headers={"If-None-Match": first["ETag"], "If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 200 and "renamed" in again.content.decode()
    assert client.get(url, headers={"If-Modified-Since": first["Last-Modified"]}).status_code == 200


@pytest.mark.parametrize("query", [
    "?workplace=onsite&team=research&q=london",
    "?q=london&team=research&workplace=onsite",
    "?team=research&location=&q=london&workplace=onsite",
])
def test_advertised_feed_url_is_the_feeds_self_link(client, postings, query):
    response = client.get("/careers/" + query, follow=True)
    links = {link["type"]: link["href"] for link in read_head(response.content.decode()).links["alternate"]}
    rss, atom = links["application/rss+xml"], links["application/atom+xml"]
    assert rss == "http://testserver/careers/feed/rss/?q=london&team=research&workplace=onsite"
    body = client.get(rss.removeprefix("http://testserver")).content.decode()
    assert unescape(re.search(r'<atom:link href="([^"]+)" rel="self"/>', body).group(1)) == rss
    body = client.get(atom.removeprefix("http://testserver")).content.decode()
    assert unescape(re.search(r'<link href="([^"]+)" rel="self"/>', body).group(1)) == atom


def test_feed_refuses_other_methods(client, postings):
    assert client.post(FEEDS[0]).status_code == 405
