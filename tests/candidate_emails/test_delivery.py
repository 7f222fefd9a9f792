"""Delivery by the real worker (django-tasks-db's ``db_worker``) to a real SMTP server: exactly one email."""

import pytest
from django.test import Client

from applications.models import Application
from notifications.models import OutgoingEmail
from tests.factories import staff_in_role
from tests.notifications.helpers import run_worker

pytestmark = pytest.mark.usefixtures("task_worker_backend")


def test_the_worker_delivers_a_bulk_rejection_once(transactional_db, world, mail_server, rejection):
    recruiter = Client()
    recruiter.force_login(staff_in_role("Recruiter", email="recruiter@example.com"))
    application = world["ours"]
    form = {"action": "reject_and_email", "_selected_action": [application.pk]}
    first = recruiter.post("/admin/applications/application/", form)
    token = str(first.context["form"]["token"].value())
    data = {**form, "template": rejection.pk, "delay": "0", "token": token}
    assert recruiter.post("/admin/applications/application/", {**data, "step": "preview"}).status_code == 200
    assert mail_server.messages == []  # nothing sent inside a request
    assert recruiter.post("/admin/applications/application/", {**data, "step": "confirm"}).status_code == 302
    assert mail_server.messages == []

    run_worker()
    run_worker()  # a second run finds nothing more to send
    [message] = mail_server.messages
    assert message["To"] == "zebediah@example.com"
    assert message["Subject"] == "Your application for Data Engineer"
    assert "Dear Zebediah" in message.get_content() and "Example Co recruiting team" in message.get_content()
    assert OutgoingEmail.objects.get(kind="message:rejection").status == "sent"
    assert Application.objects.get(pk=application.pk).stage == "rejected"
