"""The recruiter workspace end to end in Chromium, once per role (issue 15's acceptance journey).

A recruiter opens a posting's pipeline, reads a PDF and a DOCX résumé inline, leaves a note,
moves two candidates, bulk-rejects three with the template email and sees each change in the
timeline; the worker then delivers exactly one email to each rejected candidate. A hiring manager
leaves feedback on their team's candidate and cannot reach another team's. A rejected candidate
sees the rejection in their account.

With ``SCREENSHOTS_DIR`` set (``make screenshots``) the recruiter's journey also saves the
README's screenshots of the pipeline, the application page and a report.
"""

import importlib
import os
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from applications.models import Application, StageChange
from notifications.models import OutgoingEmail
from reviews.models import Feedback, FeedbackCriterion, Note
from tests.factories import (
    ApplicationFactory,
    CompanyProfileFactory,
    PostingFactory,
    TeamFactory,
    UserFactory,
    staff_in_role,
)
from tests.helpers.admin_pages import assert_admin_pages_fit, assert_fits, sign_in_as
from tests.helpers.documents import stored
from tests.helpers.hostile_documents import readable_docx, text_pdf
from tests.helpers.html import assert_valid_html
from tests.helpers.role_clients import signed_in
from tests.notifications.helpers import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("task_worker_backend")]

TITLE = "European AI Safety Policy Lead - Technical"
REJECTED = ("Grace", "Alan", "Katherine")


@pytest.fixture
def world(transactional_db):
    importlib.import_module("candidate_emails.migrations.0002_seed_templates").seed(apps, None)
    CompanyProfileFactory(name="Example Co")
    ours, theirs = TeamFactory(name="Global Affairs"), TeamFactory(name="Research")
    posting = PostingFactory(team=ours, title=TITLE)
    FeedbackCriterion.objects.create(posting=posting, position=1, name="Policy judgement")
    FeedbackCriterion.objects.create(posting=posting, position=2, name="Technical depth")
    people = {
        "Pia": ("Pascal", stored(text_pdf(["Pia Pascal", "Policy analyst, EU AI Act"]), "pdf"), "pia-cv.pdf"),
        "Dov": ("Levi", stored(readable_docx(), "docx"), "dov-cv.docx"),
        "Grace": ("Hopper", None, None),
        "Alan": ("Turing", None, None),
        "Katherine": ("Johnson", None, None),
    }
    candidates = {}
    for first, (last, resume, resume_name) in people.items():
        extra = {"resume": resume, "resume_name": resume_name} if resume else {}
        candidates[first] = ApplicationFactory(
            posting=posting, first_name=first, last_name=last, email=f"{first.lower()}@example.com", **extra
        )
    elsewhere = ApplicationFactory(
        posting=PostingFactory(team=theirs, title="Interpretability Researcher"), first_name="Ptolemy",
        last_name="Xanthos", email="ptolemy@example.com",
    )
    manager = staff_in_role("Hiring manager", email="manager@example.com", first_name="Mia", last_name="Manager")
    ours.hiring_managers.add(manager)
    return {
        "posting": posting, "candidates": candidates, "elsewhere": elsewhere, "manager": manager,
        "recruiter": staff_in_role("Recruiter", email="recruiter@example.com", first_name="Rae", last_name="Cruz"),
    }


def change_url(application):
    return f"/admin/applications/application/{application.pk}/change/"


def screenshot(page, name):
    """Saved only when asked (``make screenshots``): the README's pictures come from this journey."""
    folder = os.environ.get("SCREENSHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def move_in_pipeline(page, candidate, stage_label):
    card = page.locator(".pipeline-card", has_text=candidate.last_name)
    card.get_by_label(f"Move {candidate.full_name} to").select_option(label=stage_label)
    card.get_by_role("button", name="Move").click()
    expect(page.locator(".messagelist")).to_contain_text(f"moved to \u201c{stage_label}\u201d")


def test_a_recruiter_works_through_a_postings_pipeline(page, live_server, world, mail_server):
    candidates = world["candidates"]
    pia, dov = candidates["Pia"], candidates["Dov"]
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_as(page, live_server, world["recruiter"])

    # From the postings list to the posting's pipeline: every candidate under New.
    page.goto(live_server.url + "/admin/careers/posting/")
    page.locator("tr", has_text=TITLE).get_by_role("link", name="pipeline").click()
    expect(page.locator("#stage-new h2")).to_contain_text("New 5")
    assert_fits(page)

    # Pia's PDF résumé, read in the page: its pages are images with their text beside them.
    page.locator(".pipeline-card", has_text="Pascal").get_by_role("link", name="Pia Pascal").click()
    pdf = page.frame_locator('iframe[title="Résumé of Pia Pascal: pia-cv.pdf"]')
    expect(pdf.get_by_role("img", name="Page 1 (its text follows)")).to_be_visible(timeout=30_000)
    expect(pdf.locator("main")).to_contain_text("Policy analyst, EU AI Act")

    # A note on her application, shown with its author.
    page.get_by_label("New note").fill("Strong on the AI Act; ask about standards bodies.")
    # On the application page, by keyboard: it holds the résumé in a sandboxed (out-of-process) frame, and
    # a synthetic click right after Playwright's own scroll can be hit-tested against the frame's old place.
    page.get_by_role("button", name="Add note").press("Enter")
    expect(page.locator("#notes")).to_contain_text("Strong on the AI Act; ask about standards bodies.")
    assert Note.objects.get(application=pia).author == world["recruiter"]

    # Dov's DOCX résumé, converted on the server and shown inline.
    page.goto(live_server.url + change_url(dov))
    docx = page.frame_locator('iframe[title="Résumé of Dov Levi: dov-cv.docx"]')
    expect(docx.get_by_text("Analyst of engines (DOCX)")).to_be_visible(timeout=30_000)

    # Two moves on the pipeline board, each recorded once with who made it.
    page.goto(live_server.url + f"/admin/applications/application/pipeline/{world['posting'].pk}/")
    move_in_pipeline(page, pia, "Interviewing")
    move_in_pipeline(page, dov, "Reviewing")
    expect(page.locator("#stage-interviewing h2")).to_contain_text("Interviewing 1")
    expect(page.locator("#stage-reviewing h2")).to_contain_text("Reviewing 1")
    screenshot(page, "pipeline")
    assert list(StageChange.objects.filter(application=pia).values_list("to_stage", "by")) == [
        ("interviewing", world["recruiter"].pk)
    ]

    # Three rejected at once from the list, with the rejection template, previewed first.
    page.goto(live_server.url + "/admin/applications/application/")
    for name in REJECTED:
        page.locator(f'input[name="_selected_action"][value="{candidates[name].pk}"]').check()
    page.get_by_label("Action:").select_option("reject_and_email")
    page.get_by_role("button", name="Run").click()
    page.get_by_label("Now").check()
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".email-preview-body")).to_contain_text("Dear")
    page.get_by_role("button", name="Reject 3 and send").click()
    expect(page.locator(".messagelist")).to_contain_text("Moved 3 application(s)")
    assert mail_server.messages == []  # nothing is sent inside a request

    # Each change is in its application's timeline.
    page.goto(live_server.url + change_url(pia))
    expect(page.locator("#timeline")).to_contain_text("New \u2192 Interviewing")
    screenshot(page, "application")
    for name in REJECTED:
        page.goto(live_server.url + change_url(candidates[name]))
        timeline = page.locator("#timeline")
        expect(timeline).to_contain_text("New \u2192 Rejected")
        expect(timeline).to_contain_text(f"Rejection email: Your application for {TITLE}")

    # The worker delivers one email to each rejected candidate, and only once.
    run_worker()
    run_worker()
    delivered = sorted(message["To"] for message in mail_server.messages)
    assert delivered == sorted(f"{name.lower()}@example.com" for name in REJECTED)
    assert OutgoingEmail.objects.filter(kind="message:rejection", status="sent").count() == 3

    # The posting's report counts them.
    page.goto(live_server.url + f"/admin/reports/applicationreport/?posting={world['posting'].pk}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main, #content").first).to_contain_text("Rejected")
    screenshot(page, "report")

    # With every panel filled (document, note, moves, emails), the workspace pages still fit 1280
    # and 1024 px, have no axe violations and are valid HTML.
    posting = world["posting"].pk
    assert_valid_html(assert_admin_pages_fit(page, live_server, [
        change_url(pia), change_url(candidates["Grace"]), f"/admin/applications/application/pipeline/{posting}/",
        f"/admin/reports/applicationreport/?posting={posting}", "/admin/applications/application/",
        f"/admin/careers/posting/{posting}/change/",
    ]))


def test_a_hiring_manager_leaves_feedback_on_their_teams_candidate_only(page, live_server, world):
    pia = world["candidates"]["Pia"]
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_as(page, live_server, world["manager"])

    page.goto(live_server.url + "/admin/applications/application/")
    expect(page.locator("#result_list")).to_contain_text("Pia Pascal")
    expect(page.locator("#result_list")).not_to_contain_text("Ptolemy")
    page.get_by_role("link", name="Pia Pascal").click()
    page.get_by_role("link", name="Leave feedback").press("Enter")  # by keyboard: see above
    page.get_by_label("Strong yes", exact=True).check()
    page.get_by_label("Policy judgement").fill("Knows the Code of Practice drafting from the inside.")
    page.get_by_label("Overall notes").fill("Hire.")
    page.get_by_role("button", name="Save feedback").click()
    expect(page.locator("#feedback")).to_contain_text("Knows the Code of Practice drafting from the inside.")
    assert Feedback.objects.get(application=pia, reviewer=world["manager"]).recommendation == "strong_yes"

    # Another team's candidate: every page about them answers as if they did not exist (a 404, or the
    # admin's own "doesn't exist" redirect to its index for the change page).
    elsewhere = world["elsewhere"]
    for path in (change_url(elsewhere), f"/admin/reviews/application/{elsewhere.pk}/feedback/",
                 f"/admin/applications/application/{elsewhere.pk}/view/resume/",
                 f"/admin/applications/application/pipeline/{elsewhere.posting_id}/"):
        response = page.goto(live_server.url + path)
        assert response.status == 404 or response.request.redirected_from is not None, path
        assert "Ptolemy" not in page.content(), path


def test_a_rejected_candidate_sees_it_in_their_account_and_gets_one_email(page, live_server, world, mail_server):
    grace = world["candidates"]["Grace"]
    recruiter = signed_in(world["recruiter"])
    selection = {"action": "reject_and_email", "_selected_action": [grace.pk]}
    token = str(recruiter.post("/admin/applications/application/", selection).context["form"]["token"].value())
    rejection = apps.get_model("candidate_emails", "EmailTemplate").objects.get(kind="rejection")
    confirm = {**selection, "template": rejection.pk, "delay": "0", "token": token, "step": "confirm"}
    assert recruiter.post("/admin/applications/application/", confirm).status_code == 302
    assert recruiter.post("/admin/applications/application/", confirm).status_code in (200, 302)  # a double click
    run_worker()

    assert [message["To"] for message in mail_server.messages] == ["grace@example.com"]
    assert Application.objects.get(pk=grace.pk).stage == "rejected"

    sign_in_as(page, live_server, UserFactory(email="grace@example.com", email_verified_at=timezone.now()))
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(live_server.url + "/accounts/applications/")
        expect(page.locator("main")).to_contain_text(TITLE)
        expect(page.locator(".candidate-messages")).to_contain_text(f"Your application for {TITLE}")
        assert_fits(page)
        assert re.search(r"Closed", page.locator("main").inner_text())
