"""The same apply form sent twice: one application, and a changed address is never dropped silently."""

import pytest

from applications.models import Application
from tests.applications.test_apply import form_data, post
from tests.helpers import documents as d

# The apply tests' fixtures: their posting and policy, and after-commit work run per request.

pytestmark = pytest.mark.django_db


def test_resubmitted_form_with_a_corrected_email_says_which_address_was_used(client, posting, mailoutbox):
    data = form_data(posting, email="ada@exmaple.com")  # a typo
    assert post(client, "/careers/policy-lead/apply/", data).status_code == 302
    data.update(email="ada@example.com", resume=d.upload("Ada CV.pdf", d.pdf()))  # corrected, same form
    response = post(client, "/careers/policy-lead/apply/", data)

    assert response.status_code == 400
    errors = response.context["form"].errors["email"]
    assert len(errors) == 1
    assert "already sent with the address ada@exmaple.com" in errors[0]
    assert "reply to the confirmation email" in errors[0] or "contact" in errors[0]
    assert "ada@exmaple.com" in response.content.decode()
    application = Application.objects.get()
    assert application.email == "ada@exmaple.com"
    assert sorted(m.to[0] for m in mailoutbox) == ["ada@exmaple.com", "global-affairs-hiring@example.com"]


def test_resubmitted_form_with_the_same_email_shows_the_same_application(client, posting):
    data = form_data(posting)
    post(client, "/careers/policy-lead/apply/", data)
    data.update(email="ADA@example.com ", resume=d.upload("Ada CV.pdf", d.pdf()))  # the same address, as typed
    response = post(client, "/careers/policy-lead/apply/", data)
    assert response.status_code == 302 and response["Location"] == "/careers/policy-lead/apply/done/"
    assert Application.objects.count() == 1
