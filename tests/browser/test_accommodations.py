"""The accommodations channel in Chromium: from the reference posting to the confirmation."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accommodations.models import AccommodationRequest
from tests.factories import staff_in_role
from tests.helpers.a11y import assert_no_axe_violations

REFERENCE = "/careers/european-ai-safety-policy-lead-technical/"
DESCRIPTION = "I use a screen reader; please send assessment material as accessible documents."


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    staff_in_role("Accommodations coordinator", email="coordinator@example.com")


def test_request_from_reference_posting(page, live_server, demo, mailoutbox):
    page.goto(live_server.url + REFERENCE)
    page.get_by_role("link", name="this link").click()
    # The link carries the posting, which the form has chosen already.
    page.wait_for_url("**/accommodations/?posting=european-ai-safety-policy-lead-technical")
    expect(page.get_by_label("Role you are applying for")).to_have_value("european-ai-safety-policy-lead-technical")
    assert_no_axe_violations(page)
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_role("textbox", name="Email").fill("ada@example.com")
    page.get_by_label("Role you are applying for").select_option(label="European AI Safety Policy Lead - Technical")
    page.get_by_label("An assessment or test").check()
    page.get_by_label("What accommodation would help you?").fill(DESCRIPTION)
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url("**/accommodations/done/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you. We received your request.")
    assert_no_axe_violations(page)
    accommodation = AccommodationRequest.objects.get()
    assert accommodation.description == DESCRIPTION and accommodation.posting.slug in REFERENCE
    expect(page.locator(".accommodation-reference")).to_have_text(accommodation.reference)
    notice = next(m for m in mailoutbox if m.to == ["coordinator@example.com"])
    assert "screen reader" not in notice.body and "accessible documents" not in notice.body


def test_request_by_keyboard_with_javascript_off(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/accommodations/?posting=european-ai-safety-policy-lead-technical")
    page.get_by_label("Your name").focus()
    page.keyboard.type("Grace Hopper")
    page.keyboard.press("Tab")
    page.keyboard.type("grace@example.com")
    page.keyboard.press("Tab")  # role select, preselected
    expect(page.get_by_label("Role you are applying for")).to_have_value("european-ai-safety-policy-lead-technical")
    page.keyboard.press("Tab")  # stage radios: "Applying" is preselected
    page.keyboard.press("ArrowDown")  # -> "An assessment or test"
    expect(page.get_by_label("An assessment or test")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_label("What accommodation would help you?")).to_be_focused()
    page.keyboard.type(DESCRIPTION)
    page.keyboard.press("Tab")  # contact radios, "Email" preselected
    page.keyboard.press("ArrowDown")  # -> Phone
    page.keyboard.press("Tab")
    expect(page.get_by_label("Phone number or other contact details")).to_be_focused()
    # Forgetting the number is caught with a clear message.
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send request")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#form-errors")).to_contain_text("Please tell us the number")
    page.get_by_label("Phone number or other contact details").focus()
    page.keyboard.type("+44 20 7946 0000")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/accommodations/done/$"))
    assert AccommodationRequest.objects.get().contact_details == "+44 20 7946 0000"
    context.close()
