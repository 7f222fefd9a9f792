"""The API fuzzed from its own OpenAPI document (schemathesis): every check, no failures.

Schemathesis generates valid and invalid requests for each operation of
/api/v1/openapi.json and sends them to the app through WSGI (no server, no
network). Every response must be free of server errors, have a documented
status and content type, and match its documented schema; invalid input must
be refused and valid input accepted.
"""

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import override_settings
from hypothesis import HealthCheck, settings

from tests.factories import (
    ClosedPostingFactory,
    DraftPostingFactory,
    LocationFactory,
    PostingFactory,
    QuestionFactory,
    TeamFactory,
)

# Loaded when the module is collected (schemathesis' lazy from_fixture loader
# does not work with pytest 9): Django is set up by then, and the document needs
# no database. It is the first request of the session, so it also imports the
# URLconf, which reads DEBUG once (config/urls.py serves media only in DEBUG):
# pytest-django turns DEBUG off only later, for the tests, so do it here too.
with override_settings(DEBUG=False):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """Requests through the real WSGI handler must not close the test's database connection.

    After each request Django closes connections that look unusable, and one
    inside the test's transaction looks so (autocommit is off): on PostgreSQL
    the test would lose its data. Django's test client detaches the same
    handler around its requests; schemathesis' WSGI client does not.
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def postings(db, wsgi_keeps_the_test_connection):
    """Something to find (open postings with pay, questions, several locations) and some that must stay hidden."""
    london, paris = LocationFactory(city="London"), LocationFactory(city="Paris", country="France", country_code="FR")
    research = TeamFactory(name="Research")
    posting = PostingFactory(slug="research-engineer", team=research, locations=[london, paris],
                             pay_min=100, pay_max=120, pay_currency="GBP", pay_period="year")
    QuestionFactory(posting=posting)
    QuestionFactory(posting=posting, kind="single_choice", label="Degree?", choices="PhD\nMSc")
    PostingFactory.create_batch(3, team=research, locations=[london], workplace_type="remote")
    DraftPostingFactory(slug="secret-draft", team=TeamFactory(name="Project X"))
    ClosedPostingFactory(slug="closed-role")


@schema.parametrize()
@settings(
    # Derandomized: CI sends the same requests every run, so it cannot flake. For a deeper,
    # random search run e.g. API_FUZZ_EXAMPLES=1000 (about 100 s; 1000 passed when this was written).
    max_examples=int(os.environ.get("API_FUZZ_EXAMPLES", 100)),
    derandomize="API_FUZZ_EXAMPLES" not in os.environ,
    deadline=None,
    # The rows are only read, never written, so every example may share them.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_api_conforms_to_its_openapi_document(case, postings):
    case.call_and_validate()


def test_loading_the_document_left_the_urlconf_as_tests_see_it():
    from django.urls import resolve
    from django.urls.exceptions import Resolver404

    from config.media import public_media

    assert resolve("/media/teams/anything.png").func is public_media  # in every deployment (config/media.py)
    with pytest.raises(Resolver404):
        resolve("/bench/bare")  # the throughput floor has its own URLconf (benchmarks/floor_settings.py)
