"""Shared by the outbox tests: the real worker, and the requests a user makes."""

import os
import sys
import time
from pathlib import Path

from django.core.management import call_command
from django.db import connection

from careers.models import Question
from tests.applications.test_apply import form_data
from tests.factories import PostingFactory, PrivacyPolicyFactory, QuestionFactory, TeamFactory

ROOT = Path(__file__).resolve().parents[2]


def run_worker():
    """Django-tasks-db's own worker, in this process, until no task is ready."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


def sweep():
    call_command("send_pending_emails", stdout=open(os.devnull, "w"))


def open_posting():
    PrivacyPolicyFactory(version="2026-06", effective_on="2026-06-01")
    posting = PostingFactory(
        title="Policy Lead", slug="policy-lead",
        team=TeamFactory(name="Global Affairs", notification_email="hiring@example.com"),
    )
    QuestionFactory(posting=posting, label="Will you need visa sponsorship?", position=1)
    QuestionFactory(posting=posting, label="Highest degree?", kind=Question.Kind.SINGLE_CHOICE,
                    choices="PhD\nOther", required=True, position=2)
    QuestionFactory(posting=posting, label="A paper", kind=Question.Kind.SHORT_TEXT, required=False, position=3)
    return posting


def apply(client, posting, email="ada@example.com"):
    return client.post(f"/careers/{posting.slug}/apply/", form_data(posting, email=email))


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def worker_env(tmp_path, mail_server, **extra):
    """Environment for a ``manage.py`` subprocess on the test database, mailing the test server."""
    s = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_ENV": "development", "DEBUG": "false", "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(mail_server.port),
        **extra,
    }


def manage(*args):
    return [sys.executable, str(ROOT / "manage.py"), *args]
