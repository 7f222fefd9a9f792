"""Candidate details in Chromium: the reference posting's lists as the seed has them, and a signed-in
candidate's apply form filled in for them."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import UserFactory

REFERENCE = "/careers/european-ai-safety-policy-lead-technical/"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))


def test_reference_posting_shows_six_qualifications_and_ten_thrive_items(page, live_server, demo):
    page.goto(live_server.url + REFERENCE)
    qualifications = page.locator("section[aria-labelledby=qualifications] li")
    thrive = page.locator("section[aria-labelledby=thrive] li")
    expect(qualifications).to_have_count(6)
    expect(thrive).to_have_count(10)
    expect(qualifications.last).to_contain_text("Ability to assess and understand the impact of legislative")
    expect(thrive.first).to_contain_text("Established network and credibility with EU Member States")


def test_signed_in_candidate_finds_name_and_email_filled_in(page, live_server, demo):
    UserFactory(email="ada@example.com", first_name="Ada", last_name="Lovelace", email_verified_at=timezone.now())
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/applications/")
    page.goto(live_server.url + REFERENCE + "apply/")
    expect(page.get_by_label("First name")).to_have_value("Ada")
    expect(page.get_by_label("Last name")).to_have_value("Lovelace")
    expect(page.get_by_label("Email")).to_have_value("ada@example.com")
