"""The posting editor in Chromium: Preview works without JavaScript, and the editor and its preview
fit 1280 and 1024 px with no axe violations and valid HTML."""

import pytest
from playwright.sync_api import expect

from careers.models import Posting, PostingSection
from tests.factories import PostingFactory, QuestionFactory, staff_in_role
from tests.helpers.a11y import assert_no_axe_violations
from tests.helpers.admin_pages import STAFF_WIDTHS, assert_admin_pages_fit, assert_fits, sign_in_as
from tests.helpers.html import assert_valid_html

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def posting():
    posting = PostingFactory(title="Data Engineer", about_role="Own the **pipelines**.", qualifications="SQL\nPython")
    PostingSection.objects.create(posting=posting, heading="Benefits", kind="list", body="Pension\nCycle scheme", position=4)
    QuestionFactory(posting=posting)
    return posting


def change_path(posting):
    return f"/admin/careers/posting/{posting.pk}/change/"


def preview(page):
    """Press Preview; the page as the server sent it (the DOM gains attributes from the admin's scripts)."""
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview: ", exact=False)).to_be_visible()
    return posted.value.text()


def test_preview_works_without_javascript_and_keeps_the_edits_unsaved(browser, live_server, posting):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in_as(page, live_server, staff_in_role("Recruiter"))
    page.goto(live_server.url + change_path(posting))
    page.locator("#id_about_role").fill("Run the **warehouse** <script>alert(1)</script>")
    page.locator("#id_qualifications_heading").fill("What you bring")
    preview(page)
    shown = page.locator(".posting-preview")
    expect(shown.locator("strong")).to_have_text("warehouse")
    expect(shown.get_by_role("heading", name="What you bring")).to_be_visible()
    expect(shown.get_by_role("heading", name="Benefits")).to_be_visible()
    expect(page.locator("#id_about_role")).to_have_value("Run the **warehouse** <script>alert(1)</script>")
    posting.refresh_from_db()
    assert posting.about_role == "Own the **pipelines**." and posting.qualifications_heading != "What you bring"
    # Saving the previewed form keeps what was previewed.
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    posting.refresh_from_db()
    assert posting.qualifications_heading == "What you bring" and "warehouse" in posting.about_role
    context.close()


def test_the_editor_and_its_preview_fit_and_are_accessible_and_valid(page, live_server, posting):
    sign_in_as(page, live_server, staff_in_role("Recruiter"))
    pages = assert_admin_pages_fit(page, live_server, [change_path(posting), "/admin/careers/posting/add/"])
    for width in STAFF_WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + change_path(posting))
        pages["preview"] = preview(page)
        assert_fits(page)
        assert_no_axe_violations(page)
    assert_valid_html(pages)
    assert Posting.objects.get(pk=posting.pk).title == "Data Engineer"
