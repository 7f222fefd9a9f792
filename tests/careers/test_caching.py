"""The anonymous page cache and the fragment cache: served from cache, invalidated by edits and by the date."""

import pytest
from django.test import Client

from careers.models import Posting
from tests.factories import PostingFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_pages_are_cached_and_invalidated_by_edits(django_assert_num_queries):
    posting = PostingFactory(title="Original title")
    client = Client()
    assert "Original title" in client.get(posting.get_absolute_url()).content.decode()
    with django_assert_num_queries(0):
        cached = client.get(posting.get_absolute_url())
    assert "Original title" in cached.content.decode()
    posting.title = "Edited title"
    posting.save()  # what the admin does
    assert "Edited title" in client.get(posting.get_absolute_url()).content.decode()
    assert "Edited title" in client.get("/careers/").content.decode()


def test_closing_and_location_changes_invalidate():
    from tests.factories import LocationFactory

    posting = PostingFactory()
    client = Client()
    assert client.get(posting.get_absolute_url()).status_code == 200
    posting.close()
    assert client.get(posting.get_absolute_url()).status_code == 410
    assert posting.title not in client.get("/careers/").content.decode()
    reopened = PostingFactory()
    client.get("/careers/?location=paris")
    reopened.locations.add(LocationFactory(city="Paris"))
    assert reopened.title in client.get("/careers/?location=paris").content.decode()


def test_conditional_get_answers_304():
    posting = PostingFactory()
    client = Client()
    first = client.get(posting.get_absolute_url())
    assert first["Cache-Control"] == "public, no-cache" and first["ETag"]
    again = client.get(posting.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    listing = client.get("/careers/")
    assert client.get("/careers/", HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 304


def test_signed_in_people_and_forms_are_never_cached():
    from tests.factories import PrivacyPolicyFactory

    PrivacyPolicyFactory()
    posting = PostingFactory()
    client = Client()
    client.force_login(UserFactory())
    client.get(posting.get_absolute_url())
    response = client.get(posting.get_absolute_url())
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    apply_page = Client().get(posting.get_apply_url())
    assert "no-cache" in apply_page["Cache-Control"] or "no-store" in apply_page["Cache-Control"]
    assert "csrfmiddlewaretoken" in apply_page.content.decode()


def test_caches_can_be_turned_off(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    posting = PostingFactory()
    client = Client()
    client.get(posting.get_absolute_url())
    client.get("/careers/")
    # An UPDATE sends no signal: only a page built afresh, fragments and all, can show it.
    Posting.objects.filter(pk=posting.pk).update(title="Changed behind the cache's back")
    assert '<h1 id="posting-title">Changed behind the cache' in client.get(posting.get_absolute_url()).content.decode()
    assert ">Changed behind the cache" in client.get("/careers/").content.decode()


def test_fragments_serve_signed_in_people_and_follow_edits(django_assert_max_num_queries):
    """Pages for sessions are built per request, from fragments that edits invalidate at once."""
    from tests.factories import CompanyProfileFactory, TeamFactory

    CompanyProfileFactory(name="Acme")
    posting = PostingFactory(title="Original title", team=TeamFactory(name="Research"))
    client = Client()
    client.force_login(UserFactory())
    assert "Original title" in client.get("/careers/").content.decode()
    assert "Original title" in client.get(posting.get_absolute_url()).content.decode()
    with django_assert_max_num_queries(4):  # session, user, count, page: no card, choice or company query
        client.get("/careers/")

    posting.title = "Edited title"
    posting.save()
    assert ">Edited title</a>" in client.get("/careers/").content.decode()
    assert '<h1 id="posting-title">Edited title</h1>' in client.get(posting.get_absolute_url()).content.decode()

    team = posting.team
    team.name = "Frontier Science"
    team.save()
    assert "Frontier Science" in client.get("/careers/").content.decode()
    assert "Frontier Science" in client.get(posting.get_absolute_url()).content.decode()

    from careers.models import CompanyProfile

    company = CompanyProfile.load()
    company.name = "Acme Labs"
    company.save()
    assert "Acme Labs" in client.get(posting.get_absolute_url()).content.decode()


@pytest.mark.parametrize("page_cache_seconds", [300, 0])
def test_pages_and_fragments_vary_by_host_where_they_hold_absolute_urls(settings, page_cache_seconds):
    settings.PUBLIC_PAGE_CACHE_SECONDS = page_cache_seconds
    settings.ALLOWED_HOSTS = ["jobs.example.com", "careers.example.org"]
    posting = PostingFactory()
    first = Client(HTTP_HOST="jobs.example.com").get(posting.get_absolute_url()).content.decode()
    second = Client(HTTP_HOST="careers.example.org").get(posting.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://jobs.example.com{posting.get_absolute_url()}">' in first
    assert f'<link rel="canonical" href="http://careers.example.org{posting.get_absolute_url()}">' in second


def test_a_posting_closing_at_midnight_leaves_the_cached_list(settings, time_machine):
    import datetime

    from django.utils import timezone

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # fragments only
    time_machine.move_to(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC))
    posting = PostingFactory(title="Closes tonight", closes_on=timezone.localdate())
    client = Client()
    assert "Closes tonight" in client.get("/careers/").content.decode()
    time_machine.move_to(datetime.datetime(2026, 6, 2, 9, tzinfo=datetime.UTC))
    assert "Closes tonight" not in client.get("/careers/").content.decode()
    assert client.get(posting.get_absolute_url()).status_code == 410


def test_an_edit_made_by_another_process_shows_within_a_second(settings):
    """Another gunicorn worker only shares the version in the shared cache: we re-read it within the TTL."""
    import time

    from django.core.cache import cache

    from careers.versioning import VERSION_KEY

    settings.PAGE_CACHE_VERSION_TTL = 0.2
    posting = PostingFactory(title="Before")
    client = Client()
    client.get(posting.get_absolute_url())
    # The other process saved the posting: new row, new shared version; our memo is not told.
    Posting.objects.filter(pk=posting.pk).update(title="After")
    cache.set(VERSION_KEY, cache.get(VERSION_KEY) + 1, None)
    time.sleep(0.3)
    assert "After" in client.get(posting.get_absolute_url()).content.decode()


def test_the_request_that_notices_a_go_live_gets_the_new_version(time_machine, settings, monkeypatch,
                                                                  django_capture_on_commit_callbacks):
    """The first re-read after a scheduled posting's time has come bumps the version once and uses it:
    not ``None``, which would mean the shared cache is unreachable (the page built uncached)."""
    import datetime

    from django.core.cache import cache, caches

    from careers.versioning import VERSION_KEY, content_version
    from tests.factories import ScheduledPostingFactory

    settings.PAGE_CACHE_VERSION_TTL = 0
    noon = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)
    time_machine.move_to(noon)
    ScheduledPostingFactory(published_at=noon + datetime.timedelta(minutes=30))
    before = content_version()
    time_machine.move_to(noon + datetime.timedelta(minutes=31))
    written, shared = [], caches["default"]
    set_in_cache = shared.set

    def noting_writes(key, *args, **kwargs):
        written.append(key)
        return set_in_cache(key, *args, **kwargs)

    monkeypatch.setattr(shared, "set", noting_writes)
    with django_capture_on_commit_callbacks(execute=True):  # as outside a transaction: callbacks run
        after = content_version()
    assert after is not None and after != before
    assert content_version() == after == cache.get(VERSION_KEY)
    assert written.count(VERSION_KEY) == 1


EXPENSIVE_MIDDLEWARE = [
    ("django.contrib.sessions.middleware", "SessionMiddleware", "process_request"),
    ("django.middleware.common", "CommonMiddleware", "process_request"),
    ("django.middleware.csrf", "CsrfViewMiddleware", "process_request"),
    ("django.contrib.auth.middleware", "AuthenticationMiddleware", "process_request"),
    ("django.contrib.messages.middleware", "MessageMiddleware", "process_request"),
]


@pytest.fixture
def expensive_middleware_calls(monkeypatch):
    """Names of the session, CSRF, auth and messages middleware as each one runs."""
    import importlib

    calls = []
    for module, name, method in EXPENSIVE_MIDDLEWARE:
        cls = getattr(importlib.import_module(module), name)
        original = getattr(cls, method)

        def spy(self, request, _original=original, _name=name):
            calls.append(_name)
            return _original(self, request)

        monkeypatch.setattr(cls, method, spy)
    return calls


@pytest.mark.parametrize("method", ["get", "head"])
def test_a_cache_hit_skips_sessions_csrf_auth_and_messages(expensive_middleware_calls, django_assert_num_queries,
                                                           method):
    posting = PostingFactory()
    client = Client()
    for url in (posting.get_absolute_url(), "/careers/", "/careers/?q=policy"):
        assert getattr(client, method)(url).status_code == 200
        assert expensive_middleware_calls  # the miss built the page through the whole stack
        expensive_middleware_calls.clear()
        with django_assert_num_queries(0):
            hit = getattr(client, method)(url)
        assert hit.status_code == 200 and hit["Cache-Control"] == "public, no-cache"
        assert expensive_middleware_calls == []
        assert not hasattr(hit.wsgi_request, "session") and not hasattr(hit.wsgi_request, "user")


def test_a_cache_hit_carries_the_headers_of_a_miss(settings):
    from tests.config.test_hardening import production_like

    production_like(settings)
    posting, closed = PostingFactory(), PostingFactory()
    closed.close()
    client = Client()
    for url in (posting.get_absolute_url(), "/careers/", closed.get_absolute_url()):
        miss = client.get(url, secure=True)
        hit = client.get(url, secure=True)
        assert hit.content == miss.content and hit.status_code == miss.status_code
        assert miss["X-Request-ID"] != hit["X-Request-ID"]
        # Same headers, same values: security headers, CSP (no nonce: the pages have no inline code), Vary, ETag...
        skip = {"X-Request-ID", "Date"}
        assert {k: v for k, v in miss.items() if k not in skip} == {k: v for k, v in hit.items() if k not in skip}
        for header in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "Referrer-Policy",
                       "Cross-Origin-Opener-Policy", "Strict-Transport-Security", "X-Content-Type-Options",
                       "Content-Length"):
            assert hit[header]
        assert "nonce" not in hit["Content-Security-Policy"]
        assert hit["Vary"] == "Cookie"
        revalidated = client.get(url, secure=True, HTTP_IF_NONE_MATCH=hit["ETag"])
        assert revalidated.status_code == 304 and revalidated["ETag"] == hit["ETag"]
        assert revalidated["Content-Security-Policy"] == hit["Content-Security-Policy"]


def test_a_cache_hit_is_logged_with_its_route(caplog):
    posting = PostingFactory()
    client = Client()
    client.get(posting.get_absolute_url())
    caplog.clear()
    with caplog.at_level("INFO", logger="careers.access"):
        hit = client.get(posting.get_absolute_url(), HTTP_X_REQUEST_ID="cache-hit-0001")
    assert hit["X-Request-ID"] == "cache-hit-0001"
    [line] = [r.getMessage() for r in caplog.records if r.name == "careers.access"]
    assert "request_id=cache-hit-0001" in line and "route=/careers/<slug:slug>/" in line and "status=200" in line
    assert posting.slug not in line


def test_cached_pages_never_reach_signed_in_people_messages_or_posts(expensive_middleware_calls):
    posting = PostingFactory()
    url = posting.get_absolute_url()
    Client().get(url)
    assert Client().get(url)["Cache-Control"] == "public, no-cache"  # cached now
    signed_in = Client()
    signed_in.force_login(UserFactory())
    expensive_middleware_calls.clear()
    response = signed_in.get(url)
    assert "private" in response["Cache-Control"] and "SessionMiddleware" in expensive_middleware_calls
    assert response.wsgi_request.user.is_authenticated
    with_messages = Client()
    with_messages.cookies["messages"] = "anything"
    assert "private" in with_messages.get(url)["Cache-Control"]
    expensive_middleware_calls.clear()
    posted = Client(enforce_csrf_checks=True).post(url)
    assert posted.status_code == 403 and "CsrfViewMiddleware" in expensive_middleware_calls  # refused by CSRF


def test_only_cached_page_routes_read_the_content_version(monkeypatch):
    """The API, robots.txt and /healthz never wait on the shared cache (nor fail with it)."""
    from careers import versioning

    def unavailable():
        raise AssertionError("content version read")

    monkeypatch.setattr(versioning, "content_version", unavailable)
    for url in ("/robots.txt", "/api/v1/postings/", "/healthz"):
        assert Client().get(url).status_code == 200


def test_an_edit_bumps_the_version_again_when_it_commits(django_capture_on_commit_callbacks):
    """Signals fire inside the saving transaction: a page another process builds before the commit
    reads the old rows, so the version it was stored under must be superseded once the rows are in."""
    from careers.versioning import content_version

    posting = PostingFactory(title="Before")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        posting.title = "After"
        posting.save()  # what the admin does, in its transaction
        before_commit = content_version()
    assert callbacks
    assert content_version() != before_commit


def test_an_edit_landing_while_a_page_is_built_shows_on_the_next_request(monkeypatch, settings):
    """The page's fragments are stored under the version read before its rows were, never a newer one:
    an edit made (by another process) between the view's query and its template is not hidden."""
    from careers import versioning, views

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # fragments only
    posting = PostingFactory(title="Old title")
    read = views._posting_by_slug

    def read_then_edited_elsewhere(slug):
        row = read(slug)
        Posting.objects.filter(pk=posting.pk).update(title="New title")
        versioning.bump_content_version()
        return row

    monkeypatch.setattr(views, "_posting_by_slug", read_then_edited_elsewhere)
    assert "Old title" in Client().get(posting.get_absolute_url()).content.decode()
    monkeypatch.setattr(views, "_posting_by_slug", read)
    assert '<h1 id="posting-title">New title</h1>' in Client().get(posting.get_absolute_url()).content.decode()
