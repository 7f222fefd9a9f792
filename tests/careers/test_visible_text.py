"""Candidates' forms refuse invisible formatting and control characters; held file names are escaped.

Bidi controls make a name or URL read differently from what it is, in the admin and
in CSV exports; control characters corrupt both. Every text field of the apply,
accommodation and sign-up forms refuses them with one specific message.
"""

import uuid

import pytest
from django.test import Client
from django.utils.html import escape

from accommodations.models import AccommodationRequest
from accounts.models import User
from applications.models import Application
from careers.models import Question
from careers.validators import BIDI_MESSAGE, CONTROL_MESSAGE
from tests.factories import PostingFactory, PrivacyPolicyFactory, QuestionFactory
from tests.helpers import documents as d

pytestmark = pytest.mark.django_db

BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"]
CONTROLS = ["\x01", "\x08", "\x1b", "\x7f", "\x85", "\x9b"]
# Single-line fields take neither; text areas take both (browsers send CRLF line breaks).
LINE_CONTROLS = ["\t", "\n", "\r"]

APPLY_TEXT_FIELDS = ["first_name", "last_name", "email", "phone", "country", "city", "linkedin_url", "website_url",
                     "source", "short_answer"]
APPLY_MULTILINE_FIELDS = ["cover_letter", "long_answer"]


@pytest.fixture
def posting():
    PrivacyPolicyFactory()
    posting = PostingFactory(slug="engineer")
    QuestionFactory(posting=posting, label="Visa?", position=1)
    QuestionFactory(posting=posting, label="A paper", kind=Question.Kind.SHORT_TEXT, required=False, position=2)
    QuestionFactory(posting=posting, label="Why us", kind=Question.Kind.LONG_TEXT, required=False, position=3)
    return posting


def apply_data(posting, **overrides):
    visa, paper, why = posting.questions.all()
    data = {
        "submission_token": str(uuid.uuid4()), "first_name": "Ada", "last_name": "Lovelace",
        "email": "ada@example.com", "phone": "+44 20 7946 0000", "country": "United Kingdom", "city": "London",
        "linkedin_url": "https://www.linkedin.com/in/ada", "website_url": "https://ada.example/",
        "cover_letter": "Dear team,", "source": "A friend", "consent": "on",
        f"question_{visa.pk}": "No", f"question_{paper.pk}": "On engines", f"question_{why.pk}": "Engines.",
        "resume": d.upload("cv.pdf", d.pdf()),
    }
    aliases = {"short_answer": f"question_{paper.pk}", "long_answer": f"question_{why.pk}"}
    data.update({aliases.get(name, name): value for name, value in overrides.items()})
    return data


def insert(value, char):
    """``char`` hidden inside a valid value (for URLs and emails, inside the host or name)."""
    middle = len(value) // 2
    return value[:middle] + char + value[middle:]


def assert_refused(response, message, field_id):
    html = response.content.decode()
    assert response.status_code == 400
    assert escape(message) in html
    assert f'href="#{field_id}"' in html  # the error summary points at the field


@pytest.mark.parametrize("char", BIDI + CONTROLS + LINE_CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("field", APPLY_TEXT_FIELDS)
def test_apply_refuses_invisible_characters_in_single_line_fields(client, posting, field, char):
    value = apply_data(posting)[field if field in apply_data(posting) else "source"]
    if field == "short_answer":
        value = "On engines"
    response = client.post("/careers/engineer/apply/", apply_data(posting, **{field: insert(value, char)}))
    message = BIDI_MESSAGE if char in BIDI else CONTROL_MESSAGE
    question = {"short_answer": posting.questions.all()[1].pk}.get(field)
    assert_refused(response, message, f"id_question_{question}" if question else f"id_{field}")
    assert not Application.objects.exists()


@pytest.mark.parametrize("char", BIDI + CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("field", APPLY_MULTILINE_FIELDS)
def test_apply_refuses_invisible_characters_in_text_areas(client, posting, field, char):
    response = client.post("/careers/engineer/apply/", apply_data(posting, **{field: f"Dear{char} team"}))
    assert_refused(response, BIDI_MESSAGE if char in BIDI else CONTROL_MESSAGE, "id_" + (
        field if field == "cover_letter" else f"question_{posting.questions.all()[2].pk}"))
    assert not Application.objects.exists()


def test_text_areas_keep_line_breaks_and_tabs(client, posting):
    letter = "Dear team,\r\n\r\n\tI would love to help.\r\nAda"
    response = client.post("/careers/engineer/apply/", apply_data(posting, cover_letter=letter, long_answer="a\r\nb"))
    assert response.status_code == 302
    assert Application.objects.get().cover_letter == letter


def test_the_url_gets_one_clear_message_not_two(client, posting):
    response = client.post("/careers/engineer/apply/",
                           apply_data(posting, linkedin_url="https://www.linkedin.com/in/\u202eada"))
    html = response.content.decode()
    assert escape(BIDI_MESSAGE) in html and "Enter a full web address" not in html


def test_held_resume_name_is_escaped(client, posting):
    name = '"><img src=x onerror=alert(1)>.pdf'
    response = client.post("/careers/engineer/apply/",
                           apply_data(posting, first_name="", resume=d.upload(name, d.pdf())))
    html = response.content.decode()
    assert response.status_code == 400
    assert "is kept: you don’t need to choose it again" in html
    assert "<img src=x" not in html and escape('"><img src=x onerror=alert(1)>.pdf') in html


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\x1b", "\x85"], ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("field", ["name", "contact_details", "description"])
def test_accommodation_request_refuses_invisible_characters(client, field, char):
    data = {"name": "Ada Lovelace", "email": "ada@example.com", "stage": "application",
            "description": "A quiet room.", "contact_method": "phone", "contact_details": "+44 20 7946 0000"}
    data[field] = insert(data[field], char)
    response = client.post("/accommodations/", data)
    assert_refused(response, BIDI_MESSAGE if char in BIDI else CONTROL_MESSAGE, f"id_{field}")
    assert not AccommodationRequest.objects.exists()


@pytest.mark.parametrize("field, value", [
    ("email", "ada\u202e@example.com"),
    ("email", "ada@exam\u2067ple.com"),
    ("password", "correct horse\x1bbattery staple"),
    ("password", "correct horse \u202ebattery staple"),
])
def test_signup_refuses_invisible_characters(field, value):
    data = {"email": "ada@example.com", "password": "correct horse battery staple", field: value}
    response = Client().post("/accounts/signup/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert escape(BIDI_MESSAGE if any(c in value for c in BIDI) else CONTROL_MESSAGE) in html
    assert not User.objects.exists()
