"""/sitemap.xml and /robots.txt."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests.factories import (
    ClosedPostingFactory,
    DraftPostingFactory,
    ExpiredPostingFactory,
    PostingFactory,
    PrivacyPolicyFactory,
)

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # fails the test if it is not well-formed XML
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return {url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS) for url in root}


def test_sitemap_lists_the_list_page_the_privacy_page_and_exactly_the_open_postings(client):
    PrivacyPolicyFactory()
    open_postings = PostingFactory.create_batch(3)
    DraftPostingFactory(slug="secret-draft")
    ClosedPostingFactory(slug="closed-role")
    ExpiredPostingFactory(slug="expired-role")
    entries = sitemap_entries(client)
    postings = {f"http://testserver{p.get_absolute_url()}" for p in open_postings}
    assert set(entries) == {"http://testserver/careers/", "http://testserver/privacy/", *postings}
    for posting in open_postings:
        lastmod = timezone.localtime(posting.content_updated_at).date().isoformat()  # the page's own time zone
        assert entries[f"http://testserver{posting.get_absolute_url()}"] == lastmod


def test_sitemap_leaves_out_the_privacy_page_until_a_policy_is_in_effect(client):
    assert set(sitemap_entries(client)) == {"http://testserver/careers/"}
    assert client.get("/privacy/").status_code == 404


@pytest.mark.parametrize("count", [3, 50])
def test_sitemap_query_count_is_constant(client, django_assert_max_num_queries, count):
    PostingFactory.create_batch(count)
    with django_assert_max_num_queries(5):
        assert client.get("/sitemap.xml").status_code == 200


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "User-agent: *" in lines and "Disallow: /admin/" in lines
    assert "Disallow: /" not in lines  # the public site stays crawlable
