"""Sending one message from the application page: preview first, queued once, logged, placeholders filled safely."""

import uuid

import pytest
from django.core import mail

from applications.models import Application
from candidate_emails.models import CandidateEmail, EmailTemplate
from candidate_emails.placeholders import fill
from candidate_emails.services import candidate_email_send
from notifications.models import OutgoingEmail
from tests.factories import ApplicationFactory

from .conftest import client_for

pytestmark = pytest.mark.django_db


def compose_url(application):
    return f"/admin/applications/application/{application.pk}/email/"


def preview(client, application, subject, body, template=None):
    page = client.get(compose_url(application), {"template": template.pk} if template else {})
    form = page.context["form"]
    data = {"subject": subject, "body": body, "token": str(form["token"].value()), "step": "preview",
            "template": template.pk if template else ""}
    return client.post(compose_url(application), data), data


def send_after_preview(client, application, subject, body, template=None):
    response, data = preview(client, application, subject, body, template)
    assert response.status_code == 200
    return client.post(compose_url(application), {**data, "step": "send", "previewed": response.context["signature"]})


def test_a_template_is_picked_edited_previewed_then_sent_once(world, admin_client, admin_user):
    application = world["ours"]
    invitation = EmailTemplate.objects.get(kind="invitation")
    page = admin_client.get(compose_url(application), {"template": invitation.pk}).content.decode()
    assert "talk about {posting_title}" in page  # the template's text, to edit
    response, data = preview(admin_client, application, "Let's talk, {first_name}", "Dear {first_name},\n\n"
                             "we loved your application for {posting_title} at {company}.", invitation)
    html = response.content.decode()
    assert "Let&#x27;s talk, Zebediah" in html and "Data Engineer at Example Co" in html
    assert not OutgoingEmail.objects.filter(kind__startswith="message:").exists()  # previewing sends nothing

    sent = admin_client.post(compose_url(application), {**data, "step": "send", "previewed": response.context["signature"]})
    assert sent.status_code == 302
    again = admin_client.post(compose_url(application), {**data, "step": "send", "previewed": response.context["signature"]})
    assert again.status_code == 302  # a double click: the same token, nothing more queued
    message = CandidateEmail.objects.get()
    assert (message.application, message.sent_by, message.kind, message.template) == (
        application, admin_user, "invitation", invitation)
    email = OutgoingEmail.objects.get(kind__startswith="message:")
    assert email == message.outgoing and email.to == ["zebediah@example.com"]
    assert email.subject == "Let's talk, Zebediah"
    assert [m.subject for m in mail.outbox if m.to == ["zebediah@example.com"]] == ["Let's talk, Zebediah"]


def test_send_without_preview_or_after_an_edit_shows_the_preview_instead(world, admin_client):
    application = world["ours"]
    response, data = preview(admin_client, application, "Hello {first_name}", "Body")
    tampered = admin_client.post(compose_url(application), {**data, "body": "Changed after the preview", "step": "send",
                                                            "previewed": response.context["signature"]})
    assert tampered.status_code == 200 and "Changed after the preview" in tampered.content.decode()
    unsigned = admin_client.post(compose_url(application), {**data, "step": "send"})
    assert unsigned.status_code == 200
    assert not CandidateEmail.objects.exists()


def test_unknown_placeholders_and_template_code_are_refused_or_sent_as_text(world, admin_client):
    application = world["ours"]
    response, _ = preview(admin_client, application, "Hi {first_name.__class__}", "{first_name.__init__.__globals__}")
    assert response.status_code == 400
    assert "Unknown placeholder" in response.content.decode()
    # Django template syntax is just text: nothing is evaluated.
    response = send_after_preview(admin_client, application, "{{ settings.SECRET_KEY }} {% debug %}",
                                  "{% load log %}{{ 7|add:7 }} {first_name}")
    assert response.status_code == 302
    email = OutgoingEmail.objects.get(kind__startswith="message:")
    assert email.subject == "{{ settings.SECRET_KEY }} {% debug %}"
    assert email.body == "{% load log %}{{ 7|add:7 }} Zebediah"


def test_a_candidates_hostile_name_is_text_everywhere(world, admin_client):
    hostile = ApplicationFactory(posting=world["ours"].posting, first_name="<script>alert(1)</script>{company}",
                                 email="hostile@example.com")
    response, _ = preview(admin_client, hostile, "Hello {first_name}", "Dear {first_name}")
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;{company}" in html
    assert "Example Co" not in html.split("email-preview")[1]  # the value is never scanned again
    send_after_preview(admin_client, hostile, "Hello {first_name}", "Dear {first_name}")
    assert OutgoingEmail.objects.get(kind__startswith="message:").body == "Dear <script>alert(1)</script>{company}"
    timeline = admin_client.get(f"/admin/applications/application/{hostile.pk}/change/").content.decode()
    assert "<script>alert(1)</script>" not in timeline


def test_fill_is_one_pass_and_subjects_stay_on_one_line():
    values = {"first_name": "Ada\r\nBcc: evil@example.com", "posting_title": "{company}", "company": "Example Co"}
    assert fill("Hi {first_name} for {posting_title}", values, single_line=True) == (
        "Hi Ada Bcc: evil@example.com for {company}")
    assert fill("{first_name.__class__} {unknown} {company}", values) == "{first_name.__class__} {unknown} Example Co"


def test_saving_a_template_with_an_unknown_placeholder_is_refused(admin_client):
    response = admin_client.post("/admin/candidate_emails/emailtemplate/add/", {
        "name": "Broken", "kind": "message", "subject": "Hi {firstname}", "body": "{first_name.__class__}"})
    assert response.status_code == 200 and not EmailTemplate.objects.filter(name="Broken").exists()
    assert "Unknown placeholder(s): {firstname}" in response.content.decode()


def test_the_seeded_templates_cover_the_four_kinds():
    assert sorted(EmailTemplate.objects.values_list("kind", flat=True)) == ["call", "invitation", "message", "rejection"]


def test_many_messages_to_one_application_each_once(world, admin_user):
    application = world["ours"]
    tokens = [uuid.uuid4(), uuid.uuid4()]
    for token in tokens + tokens:
        candidate_email_send(application=application, subject="S", body="B", token=token, by=admin_user)
    assert CandidateEmail.objects.count() == 2 == OutgoingEmail.objects.filter(kind="message:message").count()


def test_erasing_the_application_erases_its_messages(world, admin_user):
    application = world["ours"]
    candidate_email_send(application=application, subject="S", body="B", token=uuid.uuid4(), by=admin_user)
    Application.objects.filter(pk=application.pk).delete()
    assert not CandidateEmail.objects.exists() and not OutgoingEmail.objects.filter(kind__startswith="message:").exists()


def test_another_teams_manager_cannot_send_even_by_hand(world):
    client = client_for(world["manager"])
    theirs = world["theirs"]
    response = client.post(compose_url(theirs), {"subject": "x", "body": "y", "token": str(uuid.uuid4()), "step": "send"})
    assert response.status_code == 404 and not CandidateEmail.objects.exists()
