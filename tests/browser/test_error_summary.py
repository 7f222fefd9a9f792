"""The form error summary in Chromium: focused, announced by the title, each link lands on its control."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.helpers.a11y import assert_no_axe_violations

APPLY = "/careers/european-ai-safety-policy-lead-technical/apply/"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))


def check_summary(page):
    summary = page.locator("#form-errors")
    expect(summary).to_be_focused()
    assert page.title().startswith("Error: Apply:")
    # First in the form, so a screen reader in forms mode meets it before any field.
    assert page.evaluate("document.querySelector('#apply-form fieldset, #apply-form .mb-3').compareDocumentPosition("
                         "document.getElementById('form-errors')) & Node.DOCUMENT_POSITION_PRECEDING")
    assert page.evaluate("document.getElementById('form-errors').closest('form').id") == "apply-form"
    links = summary.get_by_role("link")
    names = links.all_inner_texts()
    assert "Privacy policy consent" in names
    assert not any(name.startswith("I have read") for name in names)
    hrefs = [link.get_attribute("href") for link in links.all()]
    assert "#" not in hrefs
    for link in links.all():
        target = link.get_attribute("href")
        assert page.locator(target).count() == 1, target
    # Following the link to a required radio question lands on its first radio, not the page top.
    question = summary.get_by_role("link", name="Will you need visa sponsorship to work in the UK?")
    target = question.get_attribute("href")
    assert page.locator(target).get_attribute("type") == "radio"
    return question, target


def test_error_summary_with_javascript(page, live_server, demo):
    page.goto(live_server.url + APPLY)
    page.get_by_role("button", name="Submit application").click()
    question, target = check_summary(page)
    question.click()
    expect(page.locator(target)).to_be_focused()
    assert_no_axe_violations(page)


def test_error_summary_without_javascript(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + APPLY)
    page.get_by_role("button", name="Submit application").click()
    question, target = check_summary(page)
    question.focus()
    page.keyboard.press("Enter")
    assert page.url.endswith(target)
    expect(page.locator(target)).to_be_focused()
    context.close()
