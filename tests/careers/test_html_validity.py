"""Every public page is valid HTML (Nu HTML checker)."""

import uuid

import pytest
from django.core.management import call_command

from tests.helpers.html import assert_valid_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))


def test_public_pages_are_valid_html(client, demo, settings):
    settings.DEBUG = False
    pages = {}
    for url, status in [
        ("/careers/", 200),
        ("/careers/?q=policy&team=global-affairs&workplace=onsite", 200),
        ("/careers/?q=zzzz-nothing", 200),
        ("/careers/european-ai-safety-policy-lead-technical/", 200),
        # Canonical, Open Graph and Twitter tags and JobPosting JSON-LD: remote, closing date and pay range too.
        ("/careers/developer-documentation-writer/", 200),
        ("/careers/research-scientist-interpretability/", 200),
        ("/careers/policy-communications-manager-france/", 410),
        ("/careers/no-such-posting/", 404),
        ("/careers/european-ai-safety-policy-lead-technical/apply/", 200),
        ("/privacy/", 200),
        ("/privacy/2025-01/", 200),
        ("/accommodations/", 200),
        ("/accommodations/?posting=european-ai-safety-policy-lead-technical", 200),
    ]:
        response = client.get(url)
        assert response.status_code == status, url
        pages[url] = response.content.decode()
    assert_valid_html(pages)


def test_the_checker_rejects_invalid_html():
    from tests.helpers.html import html_errors

    errors = html_errors({"bad": "<!doctype html><html lang=en><title>x</title><p><div></p>"})
    assert errors["bad"], "the HTML checker must report errors, or the validity tests prove nothing"


def test_apply_error_and_done_pages_are_valid_html(client, demo, settings):
    from tests.helpers import documents as d

    url = "/careers/european-ai-safety-policy-lead-technical/apply/"
    invalid = client.post(url, {"first_name": "Ada", "resume": d.upload("cv.pdf", d.EXE)})
    assert invalid.status_code == 400
    form = client.get(url).context["form"]
    data = {
        "submission_token": form.initial["submission_token"], "first_name": "Ada", "last_name": "Lovelace",
        "email": "ada@example.com", "country": "UK", "consent": "on", "resume": d.upload("cv.pdf", d.pdf()),
    }
    for question in form.questions:
        data[form.question_field_name(question)] = question.choice_list[0] if question.choice_list else "No"
    done = client.post(url, data, follow=True)
    assert done.status_code == 200 and "We received your application" in done.content.decode()
    assert_valid_html({"apply with errors": invalid.content.decode(), "done": done.content.decode()})


def test_accommodation_error_and_done_pages_are_valid_html(client, demo):
    invalid = client.post("/accommodations/", {"name": "Ada", "email": "nope", "contact_method": "phone"})
    assert invalid.status_code == 400
    done = client.post(
        "/accommodations/",
        {"name": "Ada", "email": "ada@example.com", "stage": "interview", "description": "Step-free access, please.",
         "contact_method": "email", "submission_token": str(uuid.uuid4())},
        follow=True,
    )
    assert done.status_code == 200 and "We received your request" in done.content.decode()
    assert_valid_html({"accommodations with errors": invalid.content.decode(), "done": done.content.decode()})
