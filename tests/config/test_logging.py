"""Log records about a request name its URL pattern, never its path or query.

Paths carry application references and sign-in tokens; queries carry what people
typed. Django's own loggers (django.request, django.security) print the path, and so
does gunicorn's error log: what reaches the log output must not.
"""

import logging
import sys

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client, override_settings
from django.urls import path

from config import urls as project_urls
from tests.config.test_settings import ROOT
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRET = "SECRET-REF-7Q2M"


def boom(request, reference):
    raise RuntimeError("the view failed")


def suspicious(request, reference):
    raise SuspiciousOperation("something odd")


urlpatterns = [
    path("boom/<str:reference>/", boom),
    path("suspicious/<str:reference>/", suspicious),
    *project_urls.urlpatterns,
]
handler400, handler500 = project_urls.handler400, project_urls.handler500


@pytest.fixture
def output():
    """What the configured console handler writes (root logger), formatted as in production."""
    from io import StringIO

    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream, handler.stream = handler.stream, StringIO()
    yield handler.stream
    handler.stream = stream


def written(caplog, output):
    records = "\n".join(
        f"{record.getMessage()} {getattr(record, 'exc_text', '') or ''}" for record in caplog.records
    )
    return records + "\n" + output.getvalue()


@pytest.fixture
def all_request_logs(caplog):
    caplog.set_level(logging.INFO)
    for name in ("django.request", "django.security"):
        logging.getLogger(name).setLevel(logging.INFO)
    yield caplog
    logging.getLogger("django.request").setLevel(logging.ERROR)
    logging.getLogger("django.security").setLevel(logging.NOTSET)


def test_a_404_logs_the_route_not_the_reference(all_request_logs, output):
    client = Client()
    client.force_login(UserFactory())
    response = client.get(f"/accounts/applications/{SECRET}/resume/?email=ada@example.com")
    assert response.status_code == 404
    text = written(all_request_logs, output)
    assert "Not Found: /accounts/applications/<str:reference>/resume/" in text
    assert SECRET not in text and "ada@example.com" not in text


def test_an_unmatched_404_logs_unmatched(all_request_logs, output):
    Client().get(f"/nothing/{SECRET}/here?q={SECRET}")
    text = written(all_request_logs, output)
    assert "Not Found: <unmatched>" in text and SECRET not in text


@override_settings(ROOT_URLCONF=__name__)
def test_a_500_logs_the_route_not_the_reference(all_request_logs, output):
    response = Client(raise_request_exception=False).get(f"/boom/{SECRET}/?q={SECRET}")
    assert response.status_code == 500
    text = written(all_request_logs, output)
    assert "Internal Server Error: /boom/<str:reference>/" in text
    assert "RuntimeError: the view failed" in text  # the traceback is kept
    assert SECRET not in text


@override_settings(ROOT_URLCONF=__name__)
def test_security_and_400_records_name_the_route(all_request_logs, output):
    response = Client(raise_request_exception=False).get(f"/suspicious/{SECRET}/")
    assert response.status_code == 400
    text = written(all_request_logs, output)
    assert "something odd" in text and SECRET not in text
    assert any(r.name.startswith("django.security") for r in all_request_logs.records)


def test_the_access_log_still_names_the_route(caplog, output):
    caplog.set_level(logging.INFO, logger="careers.access")
    Client().get(f"/accounts/applications/{SECRET}/resume/")
    assert "route=/accounts/applications/<str:reference>/resume/" in output.getvalue()
    assert SECRET not in output.getvalue()


def test_gunicorn_error_log_names_the_route(capsys):
    from gunicorn.config import Config

    assert "--logger-class config.gunicorn_logging.GunicornLogger" in (ROOT / "docker" / "entrypoint.sh").read_text()
    config = Config()
    config.set("logger_class", "config.gunicorn_logging.GunicornLogger")
    config.set("errorlog", "-")
    logger = config.logger_class(config)
    try:
        raise ValueError(f"bad {SECRET}")
    except ValueError:
        logger.exception("Error handling request %s %s", "GET", f"/accounts/applications/{SECRET}/resume/?a=b")
    logger.warning(f"Invalid request from ip=10.0.0.1: Invalid HTTP request line: 'GET /accounts/{SECRET}/ HTTP/1.1'")
    sys.stderr.flush()
    err = capsys.readouterr().err
    assert "Error handling request GET /accounts/applications/<str:reference>/resume/" in err
    assert "Invalid request from ip=10.0.0.1: Invalid HTTP request line:" in err
    assert SECRET not in err
