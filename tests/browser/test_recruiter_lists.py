"""The recruiter's lists and a posting's pipeline in Chromium: they fit 1280 and 1024 px, pass axe and the Nu checker.

Names, addresses and titles are realistically long (and one address has no break opportunity
at all), the sidebar filters are open and the stage and date columns must be on screen without
scrolling the table sideways, not only the page.
"""

import pytest

from applications.models import Application, StageChange
from tests.factories import ApplicationFactory, PostingFactory, TeamFactory, WithdrawnApplicationFactory, staff_in_role
from tests.helpers.admin_pages import STAFF_WIDTHS, assert_admin_pages_fit, sign_in_as
from tests.helpers.html import assert_valid_html

LONG_TITLE = "Senior Staff Software Engineer, Machine Learning Infrastructure and Developer Productivity (EMEA)"
LONG_TEAM = "Research Engineering, Platform Reliability and Developer Experience"
LONG_FIRST = "Maximiliana Alexandrovna"
LONG_LAST = "Wolfeschlegelsteinhausenberger-Montgomery-Smythe"
LONG_EMAIL = "maximiliana.alexandrovna.wolfeschlegelsteinhausenberger@department-of-computing.example.ac.uk"


@pytest.fixture
def workspace(transactional_db):
    team = TeamFactory(name=LONG_TEAM, slug="research-engineering")
    posting = PostingFactory(title=LONG_TITLE, slug="senior-staff-ml", team=team)
    other = PostingFactory(title="Principal Policy Lead for International Technology Governance", team=team)
    ApplicationFactory(posting=posting, first_name=LONG_FIRST, last_name=LONG_LAST, email=LONG_EMAIL)
    ApplicationFactory(posting=other, first_name=LONG_FIRST, last_name=LONG_LAST, email=LONG_EMAIL)
    for n, stage in enumerate(["reviewing", "interviewing", "interviewing", "interviewing", "offer", "hired", "rejected", "new"]):
        ApplicationFactory(posting=posting, first_name=f"Bartholomew-Augustin {n}", last_name="Featherstonehaugh",
                           stage=stage)
    WithdrawnApplicationFactory(posting=posting, first_name="Wilhelmina", last_name="Withdrawn")
    return {"posting": posting, "recruiter": staff_in_role("Recruiter")}


def assert_columns_visible(page, headers):
    """The table scrolls neither itself nor the page, and each named column is fully on screen."""
    inner, overflow = page.evaluate(
        """() => { const r = document.querySelector('#changelist-form .results');
                   return [window.innerWidth, r.scrollWidth - r.clientWidth]; }"""
    )
    assert overflow <= 0, f"{page.url}: the results table scrolls {overflow} px sideways"
    for header in headers:
        right = page.locator(f"#result_list thead th.column-{header}").evaluate("th => th.getBoundingClientRect().right")
        assert right <= inner, f"{page.url}: column {header} ends at {right} px in a {inner} px window"


def test_changelists_and_pipeline_fit_and_are_accessible(page, live_server, workspace):
    posting = workspace["posting"]
    sign_in_as(page, live_server, workspace["recruiter"])
    lists = ["/admin/applications/application/", "/admin/careers/posting/"]
    pipeline = f"/admin/applications/application/pipeline/{posting.pk}/"
    # The application page carries the pipeline link and previous/next (its object tools).
    middle = Application.objects.filter(posting=posting, stage="interviewing").order_by("submitted_at", "pk")[1]
    change = f"/admin/applications/application/{middle.pk}/change/"
    pages = assert_admin_pages_fit(page, live_server, [*lists, pipeline, change])
    for width in STAFF_WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + lists[0])
        assert page.locator("#changelist-filter").is_visible()
        assert_columns_visible(page, ["stage", "submitted", "reference"])
        page.goto(live_server.url + lists[1])
        assert_columns_visible(page, ["status", "closes_on", "application_count"])
    page.goto(live_server.url + change)
    assert page.get_by_role("link", name="‹ Previous in Interviewing").is_visible()
    assert page.get_by_role("link", name="Next in Interviewing ›").is_visible()
    assert_valid_html(pages)


def test_a_recruiter_moves_a_candidate_in_the_pipeline_without_javascript(browser, live_server, workspace):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1024, "height": 900})
    page = context.new_page()
    posting, recruiter = workspace["posting"], workspace["recruiter"]
    sign_in_as(page, live_server, recruiter)
    page.goto(f"{live_server.url}/admin/applications/application/pipeline/{posting.pk}/")
    card = page.locator(".pipeline-card", has_text=LONG_LAST)
    card.get_by_label(f"Move {LONG_FIRST} {LONG_LAST} to").select_option("interviewing")
    card.get_by_role("button", name="Move").click()
    page.wait_for_load_state()
    assert "/pipeline/" in page.url
    assert "moved to “Interviewing”" in page.locator(".messagelist").inner_text()
    moved = Application.objects.get(posting=posting, email=LONG_EMAIL)
    assert moved.stage == "interviewing"
    assert StageChange.objects.filter(application=moved, to_stage="interviewing", by=recruiter).count() == 1
    assert page.locator("#stage-interviewing .pipeline-card", has_text=LONG_LAST).count() == 1
    # A withdrawn candidate is shown but offers no move.
    withdrawn = page.locator(".pipeline-card", has_text="Wilhelmina")
    assert withdrawn.count() == 1 and withdrawn.get_by_role("button").count() == 0
    context.close()
