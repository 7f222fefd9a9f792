"""Whole-page cache for anonymous visitors of the list and posting pages.

Cached pages are keyed by a *content version* that any save or delete of the
content they show bumps (signals below). The version lives in the shared cache;
each process re-reads it at most every PAGE_CACHE_VERSION_TTL seconds (default
0.5), so an admin edit shows everywhere within a second while a cache hit costs
no database or network round trip. Pages themselves sit in the per-process
"pages" cache. Browsers get ``Cache-Control: no-cache`` plus an ETag: they
always revalidate, and an unchanged page costs a 304 with no body.

Never cached: anything but GET/HEAD, and any request carrying a session or
messages cookie (signed-in people, staff previews, flash messages). Pages with
forms that post (apply, accommodations, accounts) do not use this decorator.

Below whole pages, *fragments* serve every visitor, signed in or not, and every
search: a posting's card, a posting's text, the filter choices, the company
texts. They use the same content version (plus the date, since postings close
at midnight) in their keys, so they are invalidated exactly like pages. Pages
are assembled per request from live queries (which postings match, how many,
whether a posting is still open) and these fragments.
"""

import hashlib
import time
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control

from .referrals import carries_referral

VERSION_KEY = "careers:content-version"
CACHED_STATUSES = {200, 404, 410}
KEPT_HEADERS = ("Content-Type", "Content-Language")


_local = {"version": None, "read_at": 0.0}


def content_version():
    now = time.monotonic()
    if _local["version"] is not None and now - _local["read_at"] < settings.PAGE_CACHE_VERSION_TTL:
        return _local["version"]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    version = _after_scheduled_go_live(version)
    _local.update(version=version, read_at=now)
    return version


def bump_content_version(**kwargs):
    version = time.time_ns()
    cache.set(VERSION_KEY, version, None)
    _local.update(version=version, read_at=time.monotonic())
    return version


# --- scheduled publishing ----------------------------------------------------
# A posting published for a future time goes live without anything being saved, so no
# signal bumps the version then. The time of the next such go-live is kept beside the
# version (written whenever a posting is saved or deleted); the first process to re-read the
# version after that time bumps it, and every cached page and fragment is rebuilt.
NEXT_GO_LIVE_KEY = "careers:next-go-live"
NOTHING_SCHEDULED = 0


def note_next_go_live(**kwargs):
    """Store when the next scheduled posting goes live (epoch seconds), or that none is scheduled."""
    from .models import Posting

    when = Posting.objects.scheduled().order_by("published_at").values_list("published_at", flat=True).first()
    cache.set(NEXT_GO_LIVE_KEY, when.timestamp() if when else NOTHING_SCHEDULED, None)


def _after_scheduled_go_live(version):
    """``version``, or a new one when a scheduled posting's time has come since it was set."""
    if version is None:  # the shared cache is unreachable: nothing is cached anyway
        return None
    due = cache.get(NEXT_GO_LIVE_KEY)
    if due is None:  # lost with the shared cache: learn it again (one query)
        note_next_go_live()
        due = cache.get(NEXT_GO_LIVE_KEY)
    if due and time.time() >= due:
        version = bump_content_version()
        note_next_go_live()
    return version


def _shared_version_known():
    """False while the shared cache (Redis) is unreachable: nothing is cached then, since
    no process could learn of an edit made through another."""
    return content_version() is not None


def _may_be_cached(request):
    """An anonymous GET/HEAD with the page cache on (reads nothing shared)."""
    return (
        settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        # A tracked link (?utm_source=...) is built uncached and never stored: one copy per
        # source value would let anyone fill the cache (careers/referrals.py).
        and not carries_referral(request.GET)
    )


def _cacheable_request(request):
    """May this request get (or fill) a whole cached page? Not while the shared version is unknown."""
    return _may_be_cached(request) and _shared_version_known()


def content_key():
    """What every cached page or fragment depends on: the content version and the date.

    The date is part of it: a posting past its closing date stops showing at midnight.
    While the shared cache is unreachable the key is new every time, so no fragment kept
    by this process is reused: no process could learn of an edit made through another.
    """
    version = content_version()
    if version is None:
        return f"unshared.{uuid.uuid4().hex}"
    return f"{version}.{timezone.localdate():%Y%m%d}"


def _key(request):
    # The whole URL, host included: pages hold absolute links (canonical, Open Graph, JSON-LD).
    raw = f"{content_key()}|{request.build_absolute_uri()}"
    return "careers:page:" + hashlib.sha256(raw.encode()).hexdigest()


_MISSING = object()


def _fragment_key(name, *parts, content=None):
    return ":".join(("careers:fragment", content or content_key(), name, *map(str, parts)))


def derived(name, compute, *parts):
    """``compute()``, kept in this process until public content changes or the day turns."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0 or not _shared_version_known():
        return compute()
    key, store = _fragment_key(name, *parts), caches["pages"]
    value = store.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        store.set(key, value, settings.FRAGMENT_CACHE_SECONDS)
    return value


def fragments(name, objects, render_missing, *parts):
    """One HTML fragment per object, in order: cached ones as they are, the others rendered together.

    ``render_missing(objects)`` returns ``{pk: html}`` for the objects not in the
    cache, so a cold cache costs one batch (one set of queries), not one per object.
    """
    # An object deleted since the page was queried has nothing rendered: it is left out.
    if settings.FRAGMENT_CACHE_SECONDS <= 0 or not _shared_version_known():
        rendered = render_missing(objects)
        return [rendered[obj.pk] for obj in objects if obj.pk in rendered]
    content = content_key()
    keys = {obj.pk: _fragment_key(name, obj.pk, *parts, content=content) for obj in objects}
    store = caches["pages"]
    found = store.get_many(keys.values())
    missing = [obj for obj in objects if keys[obj.pk] not in found]
    if missing:
        rendered = {keys[pk]: html for pk, html in render_missing(missing).items()}
        store.set_many(rendered, settings.FRAGMENT_CACHE_SECONDS)
        found.update(rendered)
    return [found[keys[obj.pk]] for obj in objects if keys[obj.pk] in found]


# Browsers revalidate every time (a 304 when unchanged); the page differs for a session cookie.
PAGE_HEADERS = {"Cache-Control": "public, no-cache", "Vary": "Cookie"}


def _page_response(request, entry):
    """The response for a cached page: the page itself, or a 304 when the browser already holds it."""
    conditional = get_conditional_response(request, etag=entry["etag"])
    if conditional is None:
        # Content-Length is what CommonMiddleware would add; a cache hit is answered before it runs.
        headers = {**entry["headers"], "Content-Length": str(len(entry["content"])), "ETag": entry["etag"]}
        return HttpResponse(entry["content"], status=entry["status"], headers=headers | PAGE_HEADERS)
    for header, value in {"Content-Length": "0", "ETag": entry["etag"], **PAGE_HEADERS}.items():
        conditional[header] = value
    return conditional


def public_page(view):
    """Cache the view's page for anonymous visitors. Hits are served by ``PublicPageCacheMiddleware``;
    this builds and stores the page on a miss (and serves hits when the middleware is absent)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        key = _key(request)
        pages = caches["pages"]
        entry = pages.get(key)
        if entry is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code not in CACHED_STATUSES or response.streaming:
                return response
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            entry = {
                "status": response.status_code,
                "content": response.content,
                "headers": {h: response[h] for h in KEPT_HEADERS if h in response},
                "etag": etag,
            }
            pages.set(key, entry, settings.PUBLIC_PAGE_CACHE_SECONDS)
        return _page_response(request, entry)

    wrapper.public_page = True
    return wrapper


class PublicPageCacheMiddleware:
    """Answer anonymous GET/HEAD requests for cached pages before sessions, CSRF, auth and messages run.

    A hit needs none of them: the request carries no session or messages cookie, and the
    cached HTML holds no CSRF token, no CSP nonce and nothing about the visitor. Placed below
    the request id and access log, the security headers, CSP and X-Frame-Options, so every hit
    carries them. The size and control-character checks, static files and everything after
    run only on a miss: a URL they refuse is never stored, and a stored one is never static.
    Misses, and every other request, go on down the stack to the ``public_page`` view, which
    builds and stores the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _may_be_cached(request):
            # Only public_page views are looked up: nothing else reads the content version (the
            # API, /healthz in a database outage), and the access log names the hit's route.
            try:
                match = resolve(request.path_info)
            except Resolver404:
                match = None
            if match is not None and getattr(match.func, "public_page", False) and _shared_version_known():
                entry = caches["pages"].get(_key(request))
                if entry is not None:
                    request.resolver_match = match
                    return _page_response(request, entry)
        return self.get_response(request)


def connect_invalidation():
    """Any change to what public pages show bumps the content version."""
    from .models import CompanyProfile, Location, Posting, PrivacyPolicy, Question, Team

    for model in (Posting, Team, Location, CompanyProfile, PrivacyPolicy, Question):
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")
    m2m_changed.connect(bump_content_version, sender=Posting.locations.through, dispatch_uid="page-cache-locations")
    # Only a posting's own row can change when the next one goes live.
    post_save.connect(note_next_go_live, sender=Posting, dispatch_uid="page-cache-schedule-save")
    post_delete.connect(note_next_go_live, sender=Posting, dispatch_uid="page-cache-schedule-delete")
