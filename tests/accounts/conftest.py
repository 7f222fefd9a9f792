import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def commit_each_request(django_capture_on_commit_callbacks, monkeypatch):
    """Run each request's after-commit work (enqueueing its emails) as its transaction would commit.

    Tests run inside one transaction that never commits; in production the
    request's commit hands the outbox rows to the task queue. With the immediate
    backend the email is then in ``mailoutbox``. Running a callback twice (a
    test that captures on its own too) is harmless: delivery is idempotent.
    """
    original = Client.request

    def request(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return original(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)
