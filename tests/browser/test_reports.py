"""The report pages in Chromium: no sideways scrolling and no axe violations at 1280 and 1024 px; valid HTML."""

from tests.factories import ApplicationFactory
from tests.helpers.admin_pages import assert_admin_pages_fit, sign_in_as
from tests.helpers.html import assert_valid_html
from tests.reports.conftest import RANGE, build_world

REPORT = "/admin/reports/applicationreport/"


def test_report_pages_fit_are_accessible_and_valid(page, live_server, transactional_db):
    world = build_world()
    posting = world["our_posting"]
    # Long and hostile values must neither break the layout nor the markup.
    ApplicationFactory(posting=posting, source="I read about you in a very long newsletter " * 4,
                       referral_source="a-long-campaign-name-from-a-job-board-xy")
    ApplicationFactory(posting=posting, source='<script>alert(1)</script> "quoted" & =SUM(A1)')
    query = f"?start={RANGE['start']}&end={RANGE['end']}"
    # Two years of weeks: labels thinned out, values left to the table.
    paths = [REPORT + query, f"{REPORT}{query}&posting={posting.pk}", REPORT, f"{REPORT}?start=2024-12-01&end=2026-11-29"]
    sign_in_as(page, live_server, world["recruiter"])
    pages = assert_admin_pages_fit(page, live_server, paths)
    assert_valid_html(pages)
    sign_in_as(page, live_server, world["manager"])
    assert_valid_html(assert_admin_pages_fit(page, live_server, [REPORT + query]))
