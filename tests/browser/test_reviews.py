"""Notes and feedback in real Chromium: a hiring manager reviews their team's candidate, and only theirs."""

import pytest

from reviews.models import Feedback, FeedbackCriterion, Note
from tests.factories import ApplicationFactory, PostingFactory, TeamFactory, staff_in_role
from tests.helpers.admin_pages import assert_admin_pages_fit, sign_in_as
from tests.helpers.html import assert_valid_html


@pytest.fixture
def teams(transactional_db):
    ours, theirs = TeamFactory(name="Platform"), TeamFactory(name="Research")
    posting = PostingFactory(team=ours, title="Platform Engineer")
    FeedbackCriterion.objects.create(posting=posting, position=1, name="Systems design",
                                     hint="Trade-offs they named, and what they chose.")
    FeedbackCriterion.objects.create(posting=posting, position=2, name="Communication")
    application = ApplicationFactory(posting=posting, first_name="Grace", last_name="Hopper")
    other = ApplicationFactory(posting=PostingFactory(team=theirs, title="Researcher"), first_name="Alan")
    manager = staff_in_role("Hiring manager", email="manager@example.com", first_name="Mia", last_name="Manager")
    ours.hiring_managers.add(manager)
    return {"application": application, "other": other, "manager": manager}


def test_a_hiring_manager_leaves_feedback_and_a_note_on_their_teams_candidate(page, live_server, teams):
    application, manager = teams["application"], teams["manager"]
    change_page = f"/admin/applications/application/{application.pk}/change/"
    feedback_page = f"/admin/reviews/application/{application.pk}/feedback/"
    sign_in_as(page, live_server, manager)

    page.goto(live_server.url + change_page)
    # On the application page, by keyboard: it holds the résumé in a sandboxed (out-of-process) frame, and
    # a synthetic click right after Playwright's own scroll can be hit-tested against the frame's old place.
    page.get_by_role("link", name="Leave feedback").press("Enter")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Systems design").fill("Chose a queue over polling <and said why>.")
    page.get_by_label("Overall notes").fill("Would hire.\nTeam fit is strong.")
    page.get_by_role("button", name="Save feedback").click()
    page.wait_for_url(f"**{change_page}#feedback")
    feedback = page.locator("#feedback")
    assert "Your feedback was saved." in page.content()
    assert "Mia Manager (Hiring manager)" in feedback.inner_text() and "Yes" in feedback.inner_text()
    assert ", changed" not in feedback.inner_text()  # written once, never changed
    assert "Chose a queue over polling <and said why>." in feedback.inner_text()

    page.get_by_label("New note").fill("Ask about on-call at the next interview.")
    page.get_by_role("button", name="Add note").press("Enter")
    page.wait_for_url(f"**{change_page}#notes")
    assert "Ask about on-call at the next interview." in page.locator("#notes").inner_text()
    assert Note.objects.get().author == manager
    assert Feedback.objects.get().criterion_notes.get().criterion_name == "Systems design"

    # Another team's candidate does not exist for this manager.
    response = page.goto(live_server.url + f"/admin/reviews/application/{teams['other'].pk}/feedback/")
    assert response.status == 404 and "Alan" not in page.content()

    pages = assert_admin_pages_fit(page, live_server, [change_page, feedback_page])
    assert "Change your feedback" in pages[change_page]
    assert_valid_html(pages)


def test_criteria_pages_and_an_empty_panel_fit_and_are_accessible(page, live_server, teams):
    recruiter = staff_in_role("Recruiter")
    sign_in_as(page, live_server, recruiter)
    posting = teams["application"].posting
    criterion = posting.feedback_criteria.first()
    paths = [
        f"/admin/applications/application/{teams['other'].pk}/change/",  # no notes, no feedback, no criteria
        f"/admin/reviews/application/{teams['other'].pk}/feedback/",
        f"/admin/reviews/feedbackcriterion/?posting__id__exact={posting.pk}",
        "/admin/reviews/feedbackcriterion/add/",
        f"/admin/reviews/feedbackcriterion/{criterion.pk}/change/",
    ]
    assert_valid_html(assert_admin_pages_fit(page, live_server, paths))
