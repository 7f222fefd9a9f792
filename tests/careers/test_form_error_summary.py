"""The shared error summary (templates/includes/form_errors.html) on every form that uses it."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))


@pytest.mark.parametrize(
    "url, data",
    [
        ("/careers/european-ai-safety-policy-lead-technical/apply/", {}),
        ("/accommodations/", {}),
        ("/accounts/login/", {"username": "x@example.com", "password": "wrong"}),
        ("/accounts/signup/", {"email": "bad", "password": "1"}),
    ],
)
def test_summary_is_first_in_form_titled_and_links_to_controls(client, demo, url, data):
    html = client.post(url, data).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.startswith("Error: ")
    summary = re.search(r'<div class="alert alert-danger error-summary".*?</div>', html, re.S).group(0)
    assert "autofocus" in summary and 'tabindex="-1"' in summary
    assert html.count("autofocus") == 1  # the summary's, not the login email's as well
    # Inside the form, before any field.
    form_start = html.rindex("<form", 0, html.index('id="form-errors"'))
    assert "<input" not in html[form_start:html.index('id="form-errors"')].replace('type="hidden"', "").split(
        "csrfmiddlewaretoken")[-1]
    for target in re.findall(r'<a href="#([^"]*)"', summary):
        assert target and f'id="{target}"' in html, target


def test_radio_questions_link_to_their_first_radio_and_consent_has_a_short_name(client, demo):
    html = client.post("/careers/european-ai-safety-policy-lead-technical/apply/", {}).content.decode()
    assert 'href="#"' not in html
    target = re.search(r'<a href="#(id_question_\d+_0)">Will you need visa sponsorship to work in the UK\?</a>', html)
    assert target and re.search(rf'<input type="radio"[^>]*id="{target.group(1)}"', html)
    assert '<a href="#id_consent">Privacy policy consent</a>' in html
    assert "Submission token" not in html  # a hidden field is not named to the candidate


def test_pages_without_errors_have_no_error_title(client, demo):
    for url in ("/careers/european-ai-safety-policy-lead-technical/apply/", "/accounts/login/", "/careers/?team=nope"):
        html = client.get(url).content.decode()
        assert "<title>Error" not in html, url
