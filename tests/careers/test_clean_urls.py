"""Shareable list URLs, the posting's accommodation link, and result-count grammar."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

REFERENCE = "/careers/european-ai-safety-policy-lead-technical/"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))


@pytest.mark.parametrize(
    "query, clean",
    [
        ("?q=&team=global-affairs&location=&workplace=", "/careers/?team=global-affairs"),
        ("?q=policy&team=&location=&workplace=onsite", "/careers/?q=policy&workplace=onsite"),
        ("?q=&team=&location=&workplace=", "/careers/"),
        ("?team=global-affairs&page=", "/careers/?team=global-affairs"),
        ("?q=&team=global-affairs&page=2", "/careers/?team=global-affairs&page=2"),
    ],
)
def test_empty_parameters_redirect_to_the_clean_url(client, demo, query, clean):
    response = client.get("/careers/" + query)
    assert response.status_code in (301, 302)
    assert response["Location"] == clean


def test_clean_urls_are_served_directly(client, demo):
    for url in ("/careers/", "/careers/?team=global-affairs", "/careers/?q=policy&workplace=onsite"):
        assert client.get(url).status_code == 200, url


def test_one_result_matches_and_several_match(client, demo):
    one = client.get("/careers/?q=writer").content.decode()
    assert re.search(r"<strong>1</strong> open role matches your search\.", one)
    many = client.get("/careers/?q=documentation").content.decode()
    assert re.search(r"<strong>\d+</strong> open roles match your search\.", many)
    unfiltered = client.get("/careers/").content.decode()
    assert "match" not in re.search(r'<p class="result-count".*?</p>', unfiltered, re.S).group(0)


def test_posting_page_accommodation_link_carries_the_posting(client, demo):
    html = client.get(REFERENCE).content.decode()
    links = re.findall(r'href="(/accommodations/[^"]*)"', html)
    slug = REFERENCE.split("/")[2]
    main = html[html.index("<main"):html.index("</main>")]
    assert re.findall(r'href="(/accommodations/[^"]*)"', main)
    assert all(link == f"/accommodations/?posting={slug}" for link in re.findall(r'href="(/accommodations/[^"]*)"', main))
    assert links  # the footer's general link stays general
