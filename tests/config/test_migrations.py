"""Models and migrations agree: a model change without its migration fails here (and in CI)."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_no_pending_migrations():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"Models changed without a migration:\n{out.getvalue()}")
