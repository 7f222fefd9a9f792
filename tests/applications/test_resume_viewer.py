"""The résumé viewer over HTTP: who may see a document inline, what it shows, and that nothing in it is live."""

from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.test import Client

from applications.models import ApplicationAccessLog
from applications.retention import applications_erase
from applications.viewer import previews
from tests.factories import (
    ApplicationFactory,
    PostingFactory,
    SuperuserFactory,
    TeamFactory,
    UserFactory,
    staff_in_role,
)
from tests.helpers import documents
from tests.helpers.documents import stored
from tests.helpers.hostile_documents import (
    entity_odt,
    hostile_docx,
    hostile_odt,
    hostile_pdf,
    hostile_rtf,
    hostile_txt,
    readable_docx,
    readable_odt,
    text_pdf,
)
from tests.helpers.role_clients import signed_in

pytestmark = pytest.mark.django_db

BEACON = "http://127.0.0.1:9/beacon"


def view_url(application, which="resume"):
    return f"/admin/applications/application/{application.pk}/view/{which}/"


@pytest.fixture
def world():
    ours, theirs = TeamFactory(name="Team Ours"), TeamFactory(name="Team Theirs")
    application = ApplicationFactory(
        posting=PostingFactory(team=ours), first_name="Zebediah", last_name="Quixotic",
        resume=stored(text_pdf(["Zebediah Quixotic, engine analyst"]), "pdf"), resume_name="zq-cv.pdf",
        cover_letter_file=stored(b"Dear team, I am Zebediah.\n", "txt"), cover_letter_name="letter.txt",
    )
    manager = staff_in_role("Hiring manager")
    ours.hiring_managers.add(manager)
    other_manager = staff_in_role("Hiring manager")
    theirs.hiring_managers.add(other_manager)
    return {"application": application, "manager": manager, "other_manager": other_manager}


def client_for(role, world):
    if role == "anonymous":
        return Client()
    users = {
        "candidate": lambda: UserFactory(email=world["application"].email),
        "site administrator": lambda: staff_in_role("Site administrator"),
        "coordinator": lambda: staff_in_role("Accommodations coordinator"),
        "manager of the team": lambda: world["manager"],
        "manager of another team": lambda: world["other_manager"],
        "recruiter": lambda: staff_in_role("Recruiter"),
        "superuser": lambda: SuperuserFactory(),
    }
    return signed_in(users[role]())


ROLES = {
    # role: status for the team's application, and for a missing one (never different when refused)
    "anonymous": 302,
    "candidate": 302,
    "site administrator": 403,
    "coordinator": 403,
    "manager of another team": 404,
    "manager of the team": 200,
    "recruiter": 200,
    "superuser": 200,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["resume", "cover-letter"])
def test_every_role_over_http(world, role, which):
    client = client_for(role, world)
    application = world["application"]
    response = client.get(view_url(application, which))
    missing = client.get(f"/admin/applications/application/{application.pk + 999}/view/{which}/")
    expected = ROLES[role]
    assert (response.status_code, missing.status_code) == (expected, 404 if expected == 200 else expected)
    if expected == 302:
        assert response["Location"].startswith("/admin/login/")
    logged = ApplicationAccessLog.objects.filter(application=application).count()
    if expected == 200:
        text = "Zebediah Quixotic, engine analyst" if which == "resume" else "Dear team, I am Zebediah."
        assert text in response.content.decode()
        assert logged == 1
    else:
        assert "Zebediah" not in response.content.decode()
        assert logged == 0


def test_unknown_document_or_no_cover_letter_file_is_not_found(world):
    client = signed_in(staff_in_role("Recruiter"))
    assert client.get(view_url(world["application"], "answers")).status_code == 404
    without_letter = ApplicationFactory()
    assert client.get(view_url(without_letter, "cover-letter")).status_code == 404


def test_the_application_page_frames_each_document_beside_its_download(world):
    application = world["application"]
    html = signed_in(world["manager"]).get(f"/admin/applications/application/{application.pk}/change/").content.decode()
    for which, name in (("resume", "zq-cv.pdf"), ("cover-letter", "letter.txt")):
        assert f'<iframe class="resume-viewer-frame" src="{view_url(application, which)}" sandbox=""' in html
        assert f'href="/admin/applications/application/{application.pk}/file/{which}/">Download {name}</a>' in html
    assert 'title="Résumé of Zebediah Quixotic: zq-cv.pdf"' in html
    # The page itself converts nothing and logs only its own opening; each frame logs its view.
    assert list(ApplicationAccessLog.objects.values_list("action", flat=True)) == ["viewed"]


def test_viewing_and_downloading_are_logged_as_what_they_are(world):
    client = signed_in(world["manager"])
    application = world["application"]
    client.get(view_url(application))
    client.get(view_url(application, "cover-letter"))
    download = client.get(f"/admin/applications/application/{application.pk}/file/resume/")
    assert download["Content-Disposition"].startswith("attachment")
    assert sorted(ApplicationAccessLog.objects.filter(user=world["manager"]).values_list("action", flat=True)) == [
        "resume", "viewed_letter", "viewed_resume",
    ]


def test_the_document_page_locks_itself_down(world):
    response = signed_in(world["manager"]).get(view_url(world["application"]))
    csp = response["Content-Security-Policy"]
    assert csp.startswith("sandbox;") and "default-src 'none'" in csp and "img-src data:" in csp
    assert "frame-ancestors 'self'" in csp and "script-src" not in csp
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_a_pdf_is_shown_as_page_images_with_its_text(world):
    html = signed_in(world["manager"]).get(view_url(world["application"])).content.decode()
    assert html.count('<img src="data:image/png;base64,') == 1
    assert 'alt="Page 1 (its text follows)"' in html
    assert "Zebediah Quixotic, engine analyst" in html
    assert "1 page." in html


@pytest.mark.parametrize("extension, content, shown", [
    ("docx", readable_docx(), ["<h1>Ada Lovelace</h1>", "<p>Analyst of engines (DOCX)</p>"]),
    ("odt", readable_odt(), ["<h1>Ada Lovelace</h1>", "<li><p>Notes on the engine</p></li>"]),
    ("rtf", documents.rtf(), ["Ada Lovelace \nAnalyst"]),
    ("txt", documents.txt(), ["Ada Lovelace\nAnalytical engines, 1843 – present"]),
])
def test_text_documents_are_shown_as_clean_html_or_text(extension, content, shown):
    application = ApplicationFactory(resume=stored(content, extension), resume_name=f"cv.{extension}")
    html = signed_in(staff_in_role("Recruiter")).get(view_url(application)).content.decode()
    for fragment in shown:
        assert fragment in html


class Markup(HTMLParser):
    """Every element and attribute of a page."""

    def __init__(self, html):
        super().__init__()
        self.elements = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


# What the document page's own template may contain; anything else came from the file.
ALLOWED_ATTRIBUTES = {
    "html": {"lang"}, "meta": {"charset", "name", "content"}, "link": {"rel", "href"},
    "section": {"class", "aria-label"}, "img": {"src", "width", "height", "alt"},
    "p": {"class"}, "div": {"class"}, "pre": {"class"},
}


def assert_inert(html):
    for tag, attrs in Markup(html).elements:
        assert tag not in {"script", "iframe", "object", "embed", "a", "form", "base", "style", "svg", "math", "frame"}
        assert set(attrs) <= ALLOWED_ATTRIBUTES.get(tag, set()), (tag, attrs)
        if tag == "img":
            assert attrs["src"].startswith("data:image/png;base64,")
        if tag == "link":
            assert attrs["href"].startswith("/static/")


@pytest.mark.parametrize("extension, build, visible", [
    ("pdf", hostile_pdf, "Ada Lovelace, analyst (PDF)"),
    ("docx", hostile_docx, "Ada Lovelace (DOCX)"),
    ("odt", hostile_odt, "Ada Lovelace (ODT)"),
    ("rtf", hostile_rtf, "Ada Lovelace (RTF)"),
    ("txt", hostile_txt, "Ada Lovelace (TXT)"),
    ("odt", entity_odt, "could not be read for display"),
])
def test_hostile_documents_are_shown_inert(extension, build, visible):
    application = ApplicationFactory(resume=stored(build(BEACON), extension), resume_name=f"cv.{extension}")
    response = signed_in(staff_in_role("Recruiter")).get(view_url(application))
    html = response.content.decode()
    assert response.status_code == 200 and visible in html
    assert_inert(html)
    if extension != "pdf" and build is not entity_odt:
        assert "<script>" not in html and "&lt;script&gt;" in html  # shown as the text it is


def test_long_documents_are_cut_to_a_bounded_preview():
    many_pages = ApplicationFactory(resume=stored(text_pdf([f"Page {n}" for n in range(1, 13)]), "pdf"))
    long_text = ApplicationFactory(resume=stored(("word " * 60_000).encode(), "txt"), resume_name="cv.txt")
    client = signed_in(staff_in_role("Recruiter"))
    pages = client.get(view_url(many_pages)).content.decode()
    assert pages.count("<img ") == 10
    assert "12 pages; the first 10 are shown here, download the file to read the rest." in pages
    text = client.get(view_url(long_text)).content.decode()
    assert "the beginning is shown here, download the file to read it all" in text
    assert text.count("word") == 200_000 // 5


def test_a_document_too_slow_to_convert_gets_a_message_not_a_stuck_page(monkeypatch):
    monkeypatch.setattr(previews, "TIMEOUT_SECONDS", 0.01)
    application = ApplicationFactory(resume=stored(readable_docx(), "docx"), resume_name="cv.docx")
    html = signed_in(staff_in_role("Recruiter")).get(view_url(application)).content.decode()
    assert "This file took too long to prepare for display." in html
    assert f"/admin/applications/application/{application.pk}/file/resume/" not in html  # the frame's parent has it


def test_a_file_missing_from_storage_gets_a_message():
    application = ApplicationFactory(resume=stored(readable_docx(), "docx"), resume_name="cv.docx")
    application.resume.storage.delete(application.resume.name)
    response = signed_in(staff_in_role("Recruiter")).get(view_url(application))
    assert response.status_code == 200
    assert "This file could not be fetched from storage just now." in response.content.decode()


def test_unsupported_kinds_say_so(monkeypatch):
    application = ApplicationFactory(resume=stored(documents.doc(), "doc"), resume_name="cv.doc")
    monkeypatch.setattr(previews, "convert_in_child", lambda kind, data: pytest.fail("no converter to run"))
    html = signed_in(staff_in_role("Recruiter")).get(view_url(application)).content.decode()
    assert "This kind of file cannot be shown in the page." in html


def test_a_preview_is_converted_once_and_forgotten_when_the_application_is_erased(monkeypatch):
    application = ApplicationFactory(resume=stored(readable_docx(), "docx"), resume_name="cv.docx")
    conversions = []
    convert = previews.convert_in_child
    monkeypatch.setattr(previews, "convert_in_child", lambda kind, data: conversions.append(kind) or convert(kind, data))
    client = signed_in(staff_in_role("Recruiter"))
    for _ in range(3):
        assert "Analyst of engines (DOCX)" in client.get(view_url(application)).content.decode()
    assert conversions == ["docx"]
    assert ApplicationAccessLog.objects.filter(action="viewed_resume").count() == 3
    key = previews._cache_key(application.resume.name)
    assert cache.get(key) is not None
    applications_erase([application])
    assert cache.get(key) is None


def test_the_converter_child_gets_no_secrets(monkeypatch):
    """The child process sees PATH and its own folder only: no database, storage or Django secrets."""
    import subprocess

    seen = {}
    run = subprocess.run

    def spy(*args, **kwargs):
        seen.update(kwargs["env"])
        return run(*args, **kwargs)

    monkeypatch.setenv("DJANGO_SECRET_KEY", "do-not-leak")
    monkeypatch.setattr(previews.subprocess, "run", spy)
    assert previews.convert_in_child("txt", b"hello")["text"] == "hello"
    assert set(seen) == {"PATH", "PYTHONPATH", "HOME", "TMPDIR", "PYTHONDONTWRITEBYTECODE"}


def test_the_pdf_engine_cannot_run_a_pdfs_javascript():
    """The safety of PDF previews rests on PDFium built without V8 and XFA: an upgrade must keep it so."""
    import pypdfium2

    assert not {"V8", "XFA"} & set(pypdfium2.PDFIUM_INFO.flags)
