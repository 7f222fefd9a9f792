"""Forms and accounts stay out of search results: noindex on the pages, robots.txt keeps crawlers out."""

import pytest
from django.core.management import call_command

from tests.helpers.page import read_head

pytestmark = pytest.mark.django_db

APPLY = "/careers/european-ai-safety-policy-lead-technical/apply/"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))


@pytest.mark.parametrize("url", [
    APPLY, "/accommodations/", "/accommodations/?posting=european-ai-safety-policy-lead-technical",
    "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/accounts/password/reset/sent/",
])
def test_form_and_account_pages_are_noindex(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    assert read_head(response.content.decode()).meta.get("robots") == "noindex"


@pytest.mark.parametrize("url", ["/careers/", "/careers/european-ai-safety-policy-lead-technical/", "/privacy/"])
def test_public_content_pages_stay_indexable(client, demo, url):
    assert "robots" not in read_head(client.get(url).content.decode()).meta


def test_robots_txt_keeps_crawlers_out_of_accounts_and_apply_pages(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    for rule in ("Disallow: /admin/", "Disallow: /accounts/", "Disallow: /careers/*/apply/"):
        assert rule in lines
    assert "Disallow: /careers/" not in lines
    assert any(line.startswith("Sitemap: http") for line in lines)
