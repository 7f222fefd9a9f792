"""The résumé viewer in Chromium: documents readable in the application page, hostile ones inert."""

import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from tests.conftest import free_port
from tests.factories import ApplicationFactory, PostingFactory, staff_in_role
from tests.helpers.admin_pages import assert_admin_pages_fit, sign_in_as
from tests.helpers.documents import stored
from tests.helpers.hostile_documents import (
    entity_odt,
    hostile_docx,
    hostile_odt,
    hostile_pdf,
    hostile_rtf,
    hostile_txt,
    readable_docx,
    text_pdf,
)
from tests.helpers.html import assert_valid_html

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def change_page(application):
    return f"/admin/applications/application/{application.pk}/change/"


@pytest.fixture
def recruiter():
    return staff_in_role("Recruiter", email="recruiter@example.com")


@pytest.fixture
def beacon():
    """A server a hostile document would call: it records every request that reaches it."""
    hits = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.hits = hits
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    urllib.request.urlopen(server.url + "/self-check").close()  # it does record what reaches it
    assert hits == ["/self-check"]
    hits.clear()
    yield server
    server.shutdown()
    server.server_close()


def test_pdf_and_docx_resumes_are_readable_in_the_application_page(page, live_server, recruiter):
    posting = PostingFactory(title="Analyst")
    pdf = ApplicationFactory(posting=posting, first_name="Pia", resume_name="pia-cv.pdf",
                             resume=stored(text_pdf(["Pia Pascal, PDF analyst", "Second page"]), "pdf"))
    docx = ApplicationFactory(posting=posting, first_name="Dov", resume_name="dov-cv.docx",
                              resume=stored(readable_docx(), "docx"),
                              cover_letter_file=stored(b"Dear team,\nI would like to join.\n", "txt"),
                              cover_letter_name="letter.txt")
    sign_in_as(page, live_server, recruiter)
    # A page's load waits for its frames; a first conversion on a busy two-core runner takes seconds.
    page.set_default_navigation_timeout(30_000)
    pages = assert_admin_pages_fit(page, live_server, [change_page(pdf), change_page(docx)])

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + change_page(pdf))
    frame = page.frame_locator('iframe[title="Résumé of Pia Lovelace: pia-cv.pdf"]')
    images = frame.get_by_role("img", name="Page 1 (its text follows)")
    expect(images).to_be_visible()
    box = images.bounding_box()
    assert box["width"] > 300 and box["height"] > 300  # a page one can read, not a thumbnail
    expect(frame.get_by_role("img", name="Page 2 (its text follows)")).to_be_attached()
    expect(frame.locator("main")).to_contain_text("Pia Pascal, PDF analyst")  # the text, for screen readers
    # The frame's own stylesheet applies (its CSP allows it): that text is for screen readers only.
    expect(frame.locator(".viewer-text-alternative").first).to_have_css("width", "1px")
    expect(page.locator(".resume-viewer").get_by_role("link", name="Download pia-cv.pdf")).to_be_visible()

    page.goto(live_server.url + change_page(docx))
    frame = page.frame_locator('iframe[title="Résumé of Dov Lovelace: dov-cv.docx"]')
    expect(frame.get_by_role("heading", name="Ada Lovelace")).to_be_visible()
    expect(frame.get_by_text("Analyst of engines (DOCX)")).to_be_visible()
    page.locator('iframe[title="Cover letter of Dov Lovelace: letter.txt"]').scroll_into_view_if_needed()
    letter = page.frame_locator('iframe[title="Cover letter of Dov Lovelace: letter.txt"]')
    expect(letter.locator("pre")).to_contain_text("I would like to join.")

    # The framed documents are valid HTML too.
    for application in (pdf, docx):
        for which in ("resume", "cover-letter") if application is docx else ("resume",):
            response = page.goto(f"{live_server.url}/admin/applications/application/{application.pk}/view/{which}/")
            pages[f"{application.pk}/{which}"] = response.text()
    assert_valid_html(pages)


def test_the_viewer_works_without_javascript(browser, live_server, recruiter):
    application = ApplicationFactory(resume=stored(readable_docx(), "docx"), resume_name="cv.docx")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(30_000)
    sign_in_as(page, live_server, recruiter)
    page.goto(live_server.url + change_page(application))
    frame = page.frame_locator('iframe[title="Résumé of Ada Lovelace: cv.docx"]')
    expect(frame.get_by_text("Analyst of engines (DOCX)")).to_be_visible()
    context.close()


HOSTILE = [
    ("pdf", hostile_pdf, "Page 1 (its text follows)"),
    ("docx", hostile_docx, "Ada Lovelace (DOCX)"),
    ("odt", hostile_odt, "Ada Lovelace (ODT)"),
    ("rtf", hostile_rtf, "Ada Lovelace (RTF)"),
    ("txt", hostile_txt, "Ada Lovelace (TXT)"),
    ("odt", entity_odt, "could not be read for display"),
]


def test_hostile_documents_run_nothing_and_fetch_nothing(page, live_server, recruiter, beacon):
    dialogs, requests = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    page.context.on("page", lambda popup: requests.append(f"pop-up {popup.url}"))
    page.set_default_navigation_timeout(30_000)
    sign_in_as(page, live_server, recruiter)
    for extension, build, visible in HOSTILE:
        application = ApplicationFactory(resume=stored(build(beacon.url), extension), resume_name=f"cv.{extension}")
        page.goto(live_server.url + change_page(application))
        frame = page.frame_locator("iframe.resume-viewer-frame")
        if extension == "pdf":
            expect(frame.get_by_role("img", name=visible)).to_be_visible()
        else:
            expect(frame.locator("main")).to_contain_text(visible)
        # Nothing in the frame could act: no link, script, form, embedded object or remote image.
        # (No clicks: a synthetic click into a script-less frame makes Chromium log "Blocked script
        # execution" for the test tool's own hooks, which the page fixture counts as an error.)
        assert frame.locator("a, script, iframe, object, embed, form, base, link:not([rel=stylesheet])").count() == 0
        images = frame.locator("img")
        for index in range(images.count()):
            assert images.nth(index).get_attribute("src").startswith("data:image/png;base64,")
        page.wait_for_load_state("networkidle")
        assert page.url == live_server.url + change_page(application)
    page.wait_for_timeout(500)
    assert beacon.hits == [], f"a document reached the outside: {beacon.hits}"
    assert dialogs == []
    assert [url for url in requests if not url.startswith(live_server.url) and not url.startswith("data:")] == []
