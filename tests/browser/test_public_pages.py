"""Public pages in real Chromium: accessibility, keyboard use, and the admin round trip."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.factories import SuperuserFactory
from tests.helpers.a11y import assert_no_axe_violations

REFERENCE = "/careers/european-ai-safety-policy-lead-technical/"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))


@pytest.mark.parametrize(
    "path",
    [
        "/careers/",
        "/careers/?q=zzzz-nothing",
        REFERENCE,
        "/careers/policy-communications-manager-france/",
        "/careers/no-such-posting/",
        "/privacy/",
        "/privacy/2025-01/",
    ],
)
def test_public_page_has_no_axe_violations(page, live_server, demo, path, settings):
    settings.DEBUG = False
    response = page.goto(live_server.url + path)
    assert response.status in (200, 404, 410)
    assert_no_axe_violations(page)


def test_search_and_filter_by_keyboard_alone(page, live_server, demo):
    page.goto(live_server.url + "/careers/")
    # Tab from the top of the page: the skip link comes first.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    search = page.get_by_label("Search", exact=True)
    for _ in range(10):
        page.keyboard.press("Tab")
        if search.evaluate("el => el === document.activeElement"):
            break
    expect(search).to_be_focused()
    page.keyboard.type("policy")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Team")).to_be_focused()
    page.keyboard.press("Tab")  # location
    page.keyboard.press("Tab")  # workplace
    expect(page.get_by_label("Workplace")).to_be_focused()
    page.keyboard.press("ArrowDown")  # "Any workplace" -> "On-site"
    expect(page.get_by_label("Workplace")).to_have_value("onsite")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Search")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=policy.*workplace=onsite"))
    expect(page.locator(".result-count")).to_contain_text(re.compile(r"\bmatch(es)? your search"))
    results = page.locator(".posting-card h2 a")
    expect(results.first).to_be_visible()
    titles = results.all_inner_texts()
    assert "European AI Safety Policy Lead - Technical" in titles
    assert all("Remote" not in card for card in page.locator(".posting-card").all_inner_texts())
    # Open the result with the keyboard.
    link = page.get_by_role("link", name="European AI Safety Policy Lead - Technical")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**" + REFERENCE)
    expect(page.get_by_role("heading", level=1)).to_have_text("European AI Safety Policy Lead - Technical")


def test_staff_edit_in_admin_shows_on_public_page(page, live_server, demo):
    SuperuserFactory(email="admin@example.com")
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Email address").fill("admin@example.com")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Postings").click()
    page.get_by_role("link", name="European AI Safety Policy Lead - Technical").click()
    page.get_by_label("Title").fill("European AI Safety Policy Lead (Technical)")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto(live_server.url + REFERENCE)
    expect(page.get_by_role("heading", level=1)).to_have_text("European AI Safety Policy Lead (Technical)")


def test_pages_work_without_javascript(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/careers/?team=global-affairs")
    expect(page.locator(".posting-card").first).to_be_visible()
    page.get_by_label("Workplace").select_option("onsite")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"team=global-affairs.*workplace=onsite"))
    expect(page.locator(".posting-card").first).to_be_visible()
    context.close()


@pytest.mark.parametrize("path", ["/careers/", REFERENCE])
def test_a_page_cache_hit_renders_without_csp_errors(page, live_server, demo, path):
    """Hits come from the cache middleware, before the CSP nonce is made: the page must need none.

    The ``page`` fixture fails the test on any console error, CSP violations included.
    """
    from careers.caching import _pages

    first = page.goto(live_server.url + path)
    assert first.status == 200 and first.headers["cache-control"] == "public, no-cache"
    assert any(key.endswith(f"{path}?") for key in _pages.pages)  # what the next visit is served from
    for _ in range(2):
        hit = page.goto(live_server.url + path)
        assert hit.status in (200, 304)
        assert "nonce" not in hit.headers["content-security-policy"]
        expect(page.locator("h1")).to_be_visible()
        # The stylesheet applied: the page is laid out by our CSS, not the browser's defaults.
        assert page.evaluate("getComputedStyle(document.body).margin") == "0px"
