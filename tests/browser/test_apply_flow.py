"""Applying in real Chromium: with the mouse, by keyboard alone, and with JavaScript off."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from applications.models import Application, ConsentRecord
from careers.models import PrivacyPolicy
from tests.helpers import documents as d
from tests.helpers.a11y import assert_no_axe_violations

REFERENCE = "/careers/european-ai-safety-policy-lead-technical/"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))


@pytest.fixture
def resume(browser, tmp_path):
    """A real PDF, printed by Chromium itself."""
    context = browser.new_context()
    printer = context.new_page()
    printer.set_content("<h1>Ada Lovelace</h1><p>Analyst. Notes on the Analytical Engine (1843).</p>")
    path = tmp_path / "Ada Lovelace CV.pdf"
    path.write_bytes(printer.pdf())
    context.close()
    assert path.read_bytes().startswith(b"%PDF-")
    return path


def fill_details(page, email="ada@example.com"):
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Lovelace")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Current country").fill("United Kingdom")
    page.get_by_label("Current city").fill("London")


def answer_questions(page):
    page.get_by_role("group", name=re.compile("visa sponsorship")).get_by_label("No").check()
    page.get_by_role("group", name=re.compile("highest degree")).get_by_label("PhD").check()


def assert_stored(resume, email="ada@example.com"):
    application = Application.objects.get(email=email)
    with application.resume.open("rb") as stored:
        assert stored.read() == resume.read_bytes()
    consent = ConsentRecord.objects.get(application=application)
    assert consent.policy_version == PrivacyPolicy.objects.current().version == "2026-06"
    assert {a.question_label: a.value for a in application.answers.all()}[
        "Will you need visa sponsorship to work in the UK?"
    ] == "No"
    return application


def test_apply_to_reference_posting(page, live_server, demo, resume, mailoutbox):
    page.goto(live_server.url + REFERENCE)
    page.get_by_role("link", name=re.compile("^Apply now")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Apply: European AI Safety Policy Lead")
    assert_no_axe_violations(page)
    fill_details(page)
    page.get_by_label("Résumé / CV").set_input_files(str(resume))
    answer_questions(page)
    page.get_by_label(re.compile("I have read the applicant privacy policy")).check()
    page.get_by_role("button", name="Submit application").click()
    page.wait_for_url("**/apply/done/")
    reference = page.locator(".application-reference").inner_text()
    expect(page.get_by_role("heading", level=1)).to_contain_text("We received your application")
    assert_no_axe_violations(page)
    application = assert_stored(resume)
    assert application.reference == reference
    assert sorted(m.to[0] for m in mailoutbox) == ["ada@example.com", "global-affairs-hiring@example.com"]


def test_client_side_check_refuses_wrong_type_before_upload(page, live_server, demo, tmp_path):
    bad = tmp_path / "photo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    page.goto(live_server.url + REFERENCE + "apply/")
    page.get_by_label("Résumé / CV").set_input_files(str(bad))
    expect(page.locator("#id_resume-client-error")).to_contain_text("is not a PDF, DOC, DOCX, ODT, RTF or TXT file")
    page.get_by_role("button", name="Submit application").click()
    expect(page.get_by_label("Résumé / CV")).to_be_focused()
    assert Application.objects.count() == 0


def test_progress_bar_shows_for_uploads(page, live_server, demo, tmp_path):
    big = tmp_path / "big.pdf"
    big.write_bytes(d.pdf(8 * 1024 * 1024))
    page.goto(live_server.url + REFERENCE + "apply/")
    fill_details(page, email="big@example.com")
    page.get_by_label("Résumé / CV").set_input_files(str(big))
    answer_questions(page)
    page.get_by_label(re.compile("I have read the applicant privacy policy")).check()
    page.get_by_role("button", name="Submit application").click()
    expect(page.locator("#upload-progress")).to_be_visible()
    page.wait_for_url("**/apply/done/", timeout=30_000)
    assert_stored(big, email="big@example.com")


def test_apply_by_keyboard_alone(page, live_server, demo, resume):
    page.goto(live_server.url + REFERENCE + "apply/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Enter")
    values = {
        "id_first_name": "Ada", "id_last_name": "Lovelace", "id_email": "kb@example.com",
        "id_country": "United Kingdom",
    }
    visited = []
    for _ in range(60):
        page.keyboard.press("Tab")
        active = page.evaluate(
            "() => ({id: document.activeElement.id, type: document.activeElement.type, "
            "label: document.activeElement.labels && document.activeElement.labels[0] ? document.activeElement.labels[0].innerText : '',"
            "text: document.activeElement.innerText})"
        )
        visited.append(active["id"] or active["text"])
        if active["id"] in values:
            page.keyboard.type(values[active["id"]])
        elif active["id"] == "id_resume":
            # The file input is reached by Tab. Enter opens the operating system's file
            # chooser, which is outside the page; Playwright answers it as a person would.
            # (Headless Chromium sometimes withholds the chooser event after an earlier
            # context closed; then the focused input is given the file directly.)
            try:
                with page.expect_file_chooser(timeout=3000) as chooser:
                    page.keyboard.press("Enter")
                chooser.value.set_files(str(resume))
            except PlaywrightTimeout:
                page.locator(":focus").set_input_files(str(resume))
        elif active["type"] == "radio" and active["label"] in ("No", "PhD"):
            page.keyboard.press("Space")
        elif active["type"] == "radio" and active["label"] == "Yes":
            page.keyboard.press("ArrowDown")  # moves to and selects "No"
        elif active["id"] == "id_consent":
            page.keyboard.press("Space")
        elif active["text"] == "Submit application":
            page.keyboard.press("Enter")
            break
    page.wait_for_url("**/apply/done/", timeout=15_000)
    assert "id_contact_me_by_fax" not in visited  # the honeypot is out of the tab order
    assert_stored(resume, email="kb@example.com")


def test_apply_with_javascript_disabled(browser, live_server, demo, resume):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + REFERENCE + "apply/")
    # First attempt forgets the consent: the form comes back with the résumé held.
    fill_details(page, email="nojs@example.com")
    page.get_by_label("Résumé / CV").set_input_files(str(resume))
    answer_questions(page)
    page.get_by_role("button", name="Submit application").click()
    expect(page.locator("#form-errors")).to_contain_text("Please tick the box to confirm")
    expect(page.locator("#id_resume_helptext")).to_contain_text("is kept: you don’t need to choose it again")
    page.get_by_label(re.compile("I have read the applicant privacy policy")).check()
    page.get_by_role("button", name="Submit application").click()
    page.wait_for_url("**/apply/done/")
    expect(page.locator(".application-reference")).to_have_text(re.compile(r"^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$"))
    assert_stored(resume, email="nojs@example.com")
    context.close()


def test_invalid_form_and_privacy_pages_are_axe_clean(page, live_server, demo):
    page.goto(live_server.url + REFERENCE + "apply/")
    page.get_by_role("button", name="Submit application").click()  # JS lets it through: no file chosen
    expect(page.locator("#form-errors")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(live_server.url + "/privacy/")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_rate_limit_refusal_shows_above_the_filled_in_form(browser, live_server, demo, resume, settings, javascript):
    """A refused application keeps everything typed, with JavaScript (the upload's XHR) and without."""
    settings.APPLY_RATE_LIMIT = "1/h"
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    for attempt in ("accepted", "refused"):
        page.goto(live_server.url + REFERENCE + "apply/")
        fill_details(page, email="busy@example.com")
        page.get_by_label("Résumé / CV").set_input_files(str(resume))
        answer_questions(page)
        page.get_by_label(re.compile("I have read the applicant privacy policy")).check()
        if attempt == "refused":
            # The same person again within the hour (to another role, say): refused, nothing lost.
            Application.objects.filter(email="busy@example.com").update(stage="withdrawn")
        page.get_by_role("button", name="Submit application").click()
        if attempt == "accepted":
            page.wait_for_url("**/apply/done/")
    expect(page.locator("#form-errors")).to_contain_text("Too many applications from you in a short time")
    expect(page.get_by_label("First name")).to_have_value("Ada")
    expect(page.get_by_label("Email")).to_have_value("busy@example.com")
    expect(page.locator("#id_resume_helptext")).to_contain_text("is kept: you don’t need to choose it again")
    assert Application.objects.filter(email="busy@example.com").count() == 1
    context.close()
