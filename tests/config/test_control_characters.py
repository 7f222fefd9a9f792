"""A NUL (or another control character) in a URL or form is a 400, never a 500.

PostgreSQL refuses NUL in string literals, so any lookup that passes a path or
query value to the database used to raise. Every URL pattern of the project is
walked with NUL in its path and its query, as each kind of user.
"""

import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django.utils.regex_helper import normalize

from accommodations.models import AccommodationRequest
from accounts.models import User
from applications.models import Application
from tests.factories import (
    ApplicationFactory,
    PostingFactory,
    PrivacyPolicyFactory,
    QuestionFactory,
    SuperuserFactory,
    UserFactory,
)
from tests.helpers import documents as d

QUERIES = ["x=%00", "q=%00&stage=%00&page=%00", "%00=1"]


def url_patterns(patterns=None, prefix=""):
    """(route regex, pattern) for every URL pattern of the project, includes flattened."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        regex = pattern.pattern.regex.pattern.removeprefix("^")
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + regex)
        else:
            assert isinstance(pattern, URLPattern)
            yield prefix + regex, pattern


@pytest.fixture
def site(require_postgres):
    policy = PrivacyPolicyFactory()
    posting = PostingFactory(slug="engineer")
    candidate = UserFactory(email="ada@example.com", email_verified_at=timezone.now())
    application = ApplicationFactory(posting=posting, email="ada@example.com")
    superuser = SuperuserFactory(email="root@example.com")
    values = {
        "slug": posting.slug, "version": policy.version, "reference": application.reference,
        "object_id": str(application.pk), "pk": str(application.pk), "id": str(candidate.pk),
        "content_type_id": "1", "which": "resume", "app_label": "careers", "url": "careers/nothing/",
        "token": "abc-def", "uidb64": "MQ", "path": "team.png", "_0": "nothing/",
        "model": "application", "rest": "", "posting_id": str(posting.pk), "kind": "weekly",
    }
    return {"values": values, "candidate": candidate, "superuser": superuser, "posting": posting}


def paths_with_nul(values):
    """Each pattern as a path with NUL in every parameter (or its last segment), percent-encoded."""
    for regex, _ in url_patterns():
        for template, params in normalize(regex):
            if params:
                yield "/" + template % {name: values[name] + "%00" for name in params}
            else:
                path = "/" + template
                yield path[:-1] + "%00/" if path.endswith("/") and path != "/" else path + "%00"


def clients(site):
    anonymous, candidate, superuser = (Client(raise_request_exception=False) for _ in range(3))
    candidate.force_login(site["candidate"])
    superuser.force_login(site["superuser"])
    return {"anonymous": anonymous, "candidate": candidate, "superuser": superuser}


def test_every_url_pattern_with_nul_in_the_path_is_refused(site):
    failures = []
    for who, client in clients(site).items():
        for path in paths_with_nul(site["values"]):
            status = client.get(path).status_code
            if status != (404 if path.startswith("/api/") else 400):
                failures.append(f"{who} GET {path}: {status}")
    assert not failures, "\n".join(failures)


def test_every_url_pattern_with_nul_in_the_query_is_refused(site):
    failures = []
    for who, client in clients(site).items():
        for regex, _ in url_patterns():
            for template, params in normalize(regex):
                path = "/" + template % {name: site["values"][name] for name in params}
                for query in QUERIES:
                    response = client.get(f"{path}?{query}")
                    if response.status_code != 400:
                        failures.append(f"{who} GET {path}?{query}: {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("char", ["%00", "%01", "%0A", "%0D", "%09", "%1B", "%7F"])
def test_control_characters_in_the_path_are_refused_with_the_site_400_page(site, char):
    response = Client(raise_request_exception=False).get(f"/accounts/applications/ABCD{char}/resume/")
    assert response.status_code == 400
    assert "We couldn’t process that request" in response.content.decode()


def test_the_api_answers_in_json_naming_the_parameter(site):
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/postings/?q=a%00b")
    assert response.status_code == 400 and list(response.json()) == ["q"]
    response = client.get("/api/v1/postings/engineer%00/")
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}


def test_admin_changelist_filters_with_nul_are_refused(site):
    client = clients(site)["superuser"]
    for url in ("/admin/applications/application/?stage=%00", "/admin/applications/application/?q=%00",
                "/admin/accounts/user/?q=%00", "/admin/careers/posting/?status__exact=%00"):
        assert client.get(url).status_code == 400, url


@pytest.fixture
def apply_posting(site):
    QuestionFactory(posting=site["posting"], label="Visa?")
    return site["posting"]


def apply_data(posting, **overrides):
    question = posting.questions.get()
    return {
        "submission_token": str(uuid.uuid4()), "first_name": "Ada", "last_name": "Lovelace",
        "email": "grace@example.com", "country": "United Kingdom", "consent": "on",
        f"question_{question.pk}": "No", "resume": d.upload("cv.pdf", d.pdf()), **overrides,
    }


@pytest.mark.parametrize("field", ["first_name", "email", "city", "cover_letter", "question", "field\x00name"])
def test_apply_with_nul_in_a_field_is_refused_and_stores_nothing(apply_posting, field):
    before = Application.objects.count()
    if field == "question":
        field = f"question_{apply_posting.questions.get().pk}"
    data = apply_data(apply_posting, **{field: "Ada\x00"})
    response = Client(raise_request_exception=False).post("/careers/engineer/apply/", data)
    assert response.status_code == 400
    assert Application.objects.count() == before


@pytest.mark.parametrize("field", ["name", "description", "contact_details"])
def test_accommodation_request_with_nul_is_refused(site, field):
    data = {"name": "Ada", "email": "ada@example.com", "stage": "application", "description": "A quiet room.",
            "contact_method": "email", field: "x\x00y"}
    response = Client(raise_request_exception=False).post("/accommodations/", data)
    assert response.status_code == 400 and not AccommodationRequest.objects.exists()


@pytest.mark.parametrize("url, data", [
    ("/accounts/login/", {"username": "ada@example.com\x00", "password": "correct horse battery staple"}),
    ("/accounts/login/", {"username": "ada@example.com", "password": "x\x00"}),
    ("/accounts/signup/", {"email": "grace\x00@example.com", "password": "correct horse battery staple"}),
    ("/accounts/signup/", {"email": "grace@example.com", "password": "correct horse\x00battery staple"}),
    ("/accounts/password/reset/", {"email": "ada\x00@example.com"}),
])
def test_account_forms_with_nul_are_refused(site, url, data):
    users = User.objects.count()
    response = Client(raise_request_exception=False).post(url, data)
    assert response.status_code == 400 and User.objects.count() == users
