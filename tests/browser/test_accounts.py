"""A candidate's whole account life in Chromium: sign up, verify, follow, withdraw, export, delete."""

import io
import json
import re
import zipfile

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accommodations.models import AccommodationRequest
from accounts.models import User
from applications.models import Application, ConsentRecord
from tests.factories import UserFactory
from tests.helpers import documents as d
from tests.helpers.a11y import assert_no_axe_violations

EMAIL = "ada@example.com"
PASSWORD = "analytical engine 1843"


@pytest.fixture
def guest_application(transactional_db, client):
    """An application made earlier as a guest, through the real apply form."""
    call_command("load_demo", stdout=open("/dev/null", "w"))
    url = "/careers/european-ai-safety-policy-lead-technical/apply/"
    form = client.get(url).context["form"]
    data = {"submission_token": form.initial["submission_token"], "first_name": "Ada", "last_name": "Lovelace",
            "email": EMAIL, "country": "UK", "consent": "on", "resume": d.upload("cv.pdf", d.pdf())}
    for question in form.questions:
        data[form.question_field_name(question)] = question.choice_list[0] if question.choice_list else "No"
    assert client.post(url, data).status_code == 302
    return Application.objects.get(email=EMAIL)


def link_from(message, live_server):
    url = re.search(r"https?://\S+", message.body).group(0)
    return live_server.url + "/" + url.split("/", 3)[3]


def test_candidate_account_lifecycle(page, live_server, guest_application, mailoutbox, private_files):
    page.goto(live_server.url + "/accounts/signup/")
    assert_no_axe_violations(page)
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    # The link's first use confirms the address and signs the person in.
    page.goto(link_from(mailoutbox[-1], live_server))
    page.wait_for_url("**/accounts/applications/")
    expect(page.locator(".alert-success")).to_contain_text("your email address is confirmed and you are signed in")
    row = page.get_by_role("row", name=re.compile("European AI Safety Policy Lead"))
    expect(row).to_contain_text(guest_application.reference)
    expect(row).to_contain_text("Received")
    assert_no_axe_violations(page)

    row.get_by_role("link", name=re.compile("^Withdraw")).click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Withdraw application").click()
    expect(page.locator(".alert-success")).to_contain_text("was withdrawn")
    expect(page.get_by_role("row", name=re.compile("European AI Safety"))).to_contain_text("Withdrawn by you")

    page.get_by_role("link", name="My data").click()
    assert_no_axe_violations(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my data").click()
    archive = zipfile.ZipFile(io.BytesIO(open(download_info.value.path(), "rb").read()))
    document = json.loads(archive.read("data.json"))
    assert document["applications"][0]["reference"] == guest_application.reference
    assert document["applications"][0]["consent"]["privacy_policy_version"] == "2026-06"

    page.get_by_role("link", name=re.compile("Delete my account")).click()
    assert_no_axe_violations(page)
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label(re.compile("I understand")).check()
    page.get_by_role("button", name="Delete everything").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account and data were deleted")

    assert not User.objects.filter(email__iexact=EMAIL).exists()
    assert not Application.objects.filter(email__iexact=EMAIL).exists()
    assert not AccommodationRequest.objects.filter(email__iexact=EMAIL).exists()
    assert not ConsentRecord.objects.exists()
    assert private_files() == []


def test_sign_in_by_keyboard_alone(page, live_server, transactional_db):
    from django.utils import timezone

    UserFactory(email="kb@example.com", email_verified_at=timezone.now())
    page.goto(live_server.url + "/accounts/login/")
    assert_no_axe_violations(page)
    expect(page.get_by_label("Email")).to_be_focused()  # autofocus
    page.keyboard.type("kb@example.com")
    page.keyboard.press("Tab")
    page.keyboard.type("correct horse battery staple")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/applications/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")
    for _ in range(8):
        if page.evaluate("document.activeElement.innerText") == "My data":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/data/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My data")
