"""Candidate emails in Chromium: a recruiter writes, previews and sends; bulk-rejects with the template; the
candidate reads both in their account. Every page fits 1280 and 1024 px (320 px for the candidate's), has no axe
violations and is valid HTML (Nu)."""

import importlib
import re
import uuid

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from applications.models import Application
from candidate_emails.models import CandidateEmail, EmailTemplate
from notifications.models import OutgoingEmail
from tests.factories import (
    ApplicationFactory,
    CompanyProfileFactory,
    PostingFactory,
    TeamFactory,
    UserFactory,
    staff_in_role,
)
from tests.helpers.admin_pages import STAFF_WIDTHS, assert_admin_pages_fit, assert_fits_and_passes_axe, sign_in_as
from tests.helpers.html import assert_valid_html
from tests.helpers.role_clients import signed_in

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3


@pytest.fixture
def world(transactional_db):
    importlib.import_module("candidate_emails.migrations.0002_seed_templates").seed(apps, None)
    CompanyProfileFactory(name="Example Co")
    posting = PostingFactory(team=TeamFactory(name="Data"), title="Data Engineer")
    candidates = [
        ApplicationFactory(posting=posting, first_name="Zebediah", last_name="Quixotic", email="zebediah@example.com"),
        ApplicationFactory(posting=posting, first_name="Grace", last_name="Hopper", email="grace@example.com"),
        ApplicationFactory(posting=posting, first_name="Alan", last_name="Turing", email="alan@example.com"),
    ]
    return {"posting": posting, "candidates": candidates,
            "recruiter": staff_in_role("Recruiter", email="recruiter@example.com")}


def check_here(page):
    """The page the browser is on (reached by a form) fits each staff width and has no axe violations."""
    for width in STAFF_WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_fits_and_passes_axe(page)


@pytest.mark.browser
def test_recruiter_previews_and_sends_then_bulk_rejects_and_the_candidate_reads_both(page, live_server, world):
    zebediah, grace, alan = world["candidates"]
    sign_in_as(page, live_server, world["recruiter"])
    change = f"/admin/applications/application/{zebediah.pk}/change/"
    compose = f"/admin/applications/application/{zebediah.pk}/email/"
    invitation = EmailTemplate.objects.get(kind="invitation")
    assert_admin_pages_fit(page, live_server, [change, f"{compose}?template={invitation.pk}", "/admin/candidate_emails/emailtemplate/",
                                               f"/admin/candidate_emails/emailtemplate/{invitation.pk}/change/"])

    # Write from a template, edit, preview (server-rendered), then send.
    page.goto(live_server.url + change)
    page.get_by_label("Start from").select_option(label="Invitation to talk (Invitation to talk)")
    # On the application page, by keyboard: it holds the résumé in a sandboxed (out-of-process) frame, and
    # a synthetic click right after Playwright's own scroll can be hit-tested against the frame's old place.
    page.get_by_role("button", name="Write email").press("Enter")
    page.wait_for_url(re.compile(r".*/email/\?template=\d+"))
    page.get_by_label("Subject").fill("A conversation about {posting_title}, {first_name}?")
    page.get_by_label("Body").fill(f"Dear {{first_name}},\n\nShall we talk? {LONG_WORD}\n\nThe {{company}} team")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#preview-subject")).to_have_text("A conversation about Data Engineer, Zebediah?")
    expect(page.locator(".email-preview-body")).to_contain_text("The Example Co team")
    check_here(page)
    assert not OutgoingEmail.objects.filter(kind__startswith="message:").exists()
    page.get_by_role("button", name="Send email").click()
    page.wait_for_url(re.compile(r".*/change/#timeline$"))
    expect(page.locator(".messagelist")).to_contain_text("queued for zebediah@example.com")
    expect(page.locator("#timeline")).to_contain_text("Invitation to talk email: A conversation about Data Engineer")
    assert CandidateEmail.objects.filter(application=zebediah).count() == 1

    # Bulk: reject all three with the rejection template, preview first.
    page.goto(live_server.url + "/admin/applications/application/")
    for candidate in (zebediah, grace, alan):
        page.locator(f'input[name="_selected_action"][value="{candidate.pk}"]').check()
    page.get_by_label("Action:").select_option("reject_and_email")
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reject and email")
    check_here(page)
    page.get_by_label("Now").check()
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".email-preview-body")).to_contain_text("Dear Zebediah")
    check_here(page)
    page.get_by_role("button", name="Reject 3 and send").click()
    expect(page.locator(".messagelist")).to_contain_text("Moved 3 application(s)")
    assert set(Application.objects.values_list("stage", flat=True)) == {"rejected"}
    assert OutgoingEmail.objects.filter(kind="message:rejection").count() == 3
    page.goto(live_server.url + change)
    expect(page.locator("#timeline")).to_contain_text("New \u2192 Rejected")
    expect(page.locator("#timeline")).to_contain_text("Rejection email: Your application for Data Engineer")

    # The candidate sees both messages in their account, at a phone's width too.
    candidate = UserFactory(email="zebediah@example.com", email_verified_at=timezone.now())
    sign_in_as(page, live_server, candidate)
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(live_server.url + "/accounts/applications/")
        expect(page.get_by_role("heading", name="Messages")).to_be_visible()
        expect(page.locator(".candidate-messages")).to_contain_text("Your application for Data Engineer")
        expect(page.locator(".candidate-messages")).to_contain_text("A conversation about Data Engineer, Zebediah?")
        assert_fits_and_passes_axe(page)


def test_every_candidate_email_page_is_valid_html(world):
    zebediah = world["candidates"][0]
    staff = signed_in(world["recruiter"])
    compose = f"/admin/applications/application/{zebediah.pk}/email/"
    token = str(uuid.uuid4())
    preview = staff.post(compose, {"subject": "Hi {first_name}", "body": "Dear {first_name}", "token": token,
                                   "step": "preview"})
    invalid = staff.post(compose, {"subject": "Hi {nope}", "body": "", "token": token, "step": "preview"})
    staff.post(compose, {"subject": "Hi {first_name}", "body": "Dear {first_name}", "token": token, "step": "send",
                         "previewed": preview.context["signature"]})
    selection = {"action": "reject_and_email", "_selected_action": [a.pk for a in world["candidates"]]}
    rejection = EmailTemplate.objects.get(kind="rejection")
    bulk = {**selection, "template": rejection.pk, "delay": "1d", "token": token}
    pages = {
        "application page": staff.get(f"/admin/applications/application/{zebediah.pk}/change/"),
        "compose": staff.get(compose),
        "preview": preview,
        "compose with errors": invalid,
        "bulk choose": staff.post("/admin/applications/application/", selection),
        "bulk preview": staff.post("/admin/applications/application/", {**bulk, "step": "preview"}),
        "templates": staff.get("/admin/candidate_emails/emailtemplate/"),
        "template": staff.get(f"/admin/candidate_emails/emailtemplate/{rejection.pk}/change/"),
        "posting with auto-rejection": staff.get(f"/admin/careers/posting/{world['posting'].pk}/change/"),
    }
    candidate = signed_in(UserFactory(email="zebediah@example.com", email_verified_at=timezone.now()))
    pages["candidate's messages"] = candidate.get("/accounts/applications/")
    assert invalid.status_code == 400
    assert all(response.status_code in (200, 400) for response in pages.values())
    assert "Dear Zebediah" in pages["candidate's messages"].content.decode()
    assert_valid_html({name: response.content.decode() for name, response in pages.items()})
