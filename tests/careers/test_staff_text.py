"""Text staff type in the admin reaches pages, feeds and the API escaped, or through the one sanitizer.

Every staff-editable text field that a public page shows is filled with a hostile string; no page may
contain the raw tag, and the plain-text fields must show it as escaped text.
"""

import json
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from careers.models import Question
from tests.factories import (
    ApplicationFactory,
    ClosedPostingFactory,
    CompanyProfileFactory,
    LocationFactory,
    PostingFactory,
    PrivacyPolicyFactory,
    QuestionFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '<meta http-equiv="refresh" content="3;url=https://evil.example/">',
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
]
# What must never reach a page as markup.
RAW = ["<meta http-equiv", "<script>alert", "<img src=x", "onerror=alert(1)>"]


def assert_no_raw_markup(text, where):
    for raw in RAW:
        assert raw not in text, f"{where}: raw {raw!r} in the response"


@pytest.fixture(params=PAYLOADS, ids=["meta-refresh", "script", "attribute-breakout"])
def hostile(request):
    payload = request.param
    policy = PrivacyPolicyFactory(body=f"### Policy\n\n{payload}")
    CompanyProfileFactory(
        name=f"Co {payload}", about=payload, equal_opportunity=payload, fair_chance=payload,
        accommodations_text=payload, privacy_link_text=f"Privacy {payload}", closing=payload,
    )
    team = TeamFactory(name=f"Team {payload}", slug="hostile-team", about=payload)
    location = LocationFactory(city=f"City {payload}", country=f"Country {payload}", slug="hostile-city")
    fields = {
        "title": f"Title {payload}", "team": team, "locations": [location], "intro": payload, "about_role": payload,
        "qualifications": f"Qualification {payload}", "thrive_if": f"Thrive {payload}",
        "travel_note": f"Travel {payload}", "relocation_note": f"Relocation {payload}",
    }
    posting = PostingFactory(slug="hostile", **fields)
    ClosedPostingFactory(slug="hostile-closed", **fields)
    QuestionFactory(posting=posting, label=f"Label {payload}", help_text=f"Help {payload}", kind=Question.Kind.YES_NO)
    QuestionFactory(
        posting=posting, label=f"Choose {payload}", help_text=payload, kind=Question.Kind.SINGLE_CHOICE,
        choices=f"Choice {payload}\nOther", position=2,
    )
    QuestionFactory(posting=posting, label=f"Text {payload}", kind=Question.Kind.LONG_TEXT, required=False, position=3)
    return {"payload": payload, "posting": posting, "policy": policy}


PAGES = [
    "/careers/",
    "/careers/?team=hostile-team&location=hostile-city",
    "/careers/hostile/",
    "/careers/hostile-closed/",
    "/careers/hostile/apply/",
    "/privacy/",
    "/privacy/2026-06/",
    "/accommodations/",
    "/accommodations/?posting=hostile",
]


@pytest.mark.parametrize("url", PAGES)
def test_public_pages_escape_every_staff_typed_text(hostile, url):
    response = Client().get(url)
    assert response.status_code in (200, 410), url
    assert_no_raw_markup(response.content.decode(), url)


def test_apply_page_shows_question_label_help_text_and_choices_as_text(hostile):
    html = Client().get("/careers/hostile/apply/").content.decode()
    escaped = escape(hostile["payload"])
    for text in ("Label ", "Help ", "Choose ", "Choice ", "Text "):
        assert escape(text) + escaped in html, f"{text!r} not shown as escaped text"
    assert_no_raw_markup(html, "apply page")


def test_apply_page_with_errors_escapes_labels_in_the_error_summary(hostile):
    response = Client().post("/careers/hostile/apply/", {"submission_token": "not-a-uuid"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Please check" in html and escape("Label ") + escape(hostile["payload"]) in html
    assert_no_raw_markup(html, "apply page with errors")


def test_posting_page_shows_plain_fields_as_escaped_text(hostile):
    html = Client().get("/careers/hostile/").content.decode()
    escaped = escape(hostile["payload"])
    for text in ("Title ", "Team ", "City ", "Qualification ", "Thrive ", "Travel ", "Relocation ", "Co ", "Privacy "):
        assert escape(text) + escaped in html, f"{text!r} not shown as escaped text"


def test_json_ld_cannot_close_its_script_element(hostile):
    html = Client().get("/careers/hostile/").content.decode()
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    body = html[start : html.index("</script>", start)]
    data = json.loads(body)
    assert data["title"] == f"Title {hostile['payload']}"  # the text itself, as JSON data
    assert_no_raw_markup(body, "JSON-LD")
    assert_no_raw_markup(data["description"], "JSON-LD description (HTML)")


def test_account_pages_escape_posting_titles(hostile):
    user = UserFactory(email="ada@example.com", email_verified_at=timezone.now())
    ApplicationFactory(posting=hostile["posting"], email="ada@example.com")
    client = Client()
    client.force_login(user)
    html = client.get("/accounts/applications/").content.decode()
    assert escape(f"Title {hostile['payload']}") in html
    assert_no_raw_markup(html, "account applications")


@pytest.mark.parametrize("url", ["/careers/feed/rss/", "/careers/feed/atom/"])
def test_feed_entries_carry_no_markup_from_staff_text(hostile, url):
    response = Client().get(url)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    html_parts = [
        element.text or ""
        for element in root.iter()
        if element.tag.rsplit("}", 1)[-1] in ("description", "summary", "content")
    ]
    assert html_parts
    for part in html_parts:  # feed readers render these as HTML
        assert_no_raw_markup(part, url)


def test_sitemap_holds_no_staff_text(hostile):
    xml = Client().get("/sitemap.xml").content.decode()
    assert "/careers/hostile/" in xml
    assert_no_raw_markup(xml, "sitemap")


def test_api_gives_html_only_from_the_sanitizer_and_questions_as_plain_text(hostile):
    client = Client()
    posting = client.get("/api/v1/postings/hostile/").json()
    for field in ("intro_html", "about_role_html"):
        assert_no_raw_markup(posting[field], field)
    labels = [question["label"] for question in posting["questions"]]
    assert f"Label {hostile['payload']}" in labels  # data, verbatim: the consumer escapes it
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["Question"]["properties"]
    for field in ("label", "help_text", "choices"):
        described = json.dumps(schema[field]).lower()
        assert "plain text" in described and "not html" in described, field
    listing = client.get("/api/v1/postings/").json()["results"]
    assert_no_raw_markup(listing[0]["intro_html"], "list intro_html")
