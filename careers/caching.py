"""Whole-page cache for anonymous visitors of the list and posting pages.

Cached pages are keyed by a *content version* that any save or delete of the
content they show bumps (signals below), at once and again when the change
commits. The version lives in the shared cache; each process re-reads it at most
every PAGE_CACHE_VERSION_TTL seconds (default 0.5, under 1), so an admin edit
shows everywhere within a second while a cache hit costs no database or network
round trip. Pages themselves sit in a per-process store (``_pages``) and are
answered by ``PublicPageCacheMiddleware`` near the top of the stack, with the
headers their first response left the stack with. Browsers get
``Cache-Control: no-cache`` plus an ETag: they always revalidate, and an
unchanged page costs a 304 with no body.

Never cached: anything but GET/HEAD, and any request carrying a session or
messages cookie (signed-in people, staff previews, flash messages). Pages with
forms that post (apply, accommodations, accounts) do not use this decorator.

Below whole pages, *fragments* serve every visitor, signed in or not, and every
search: a list page's head and list (by URL), a posting's card, row and texts, the
filter choices, the company texts, the site's header links and footer. They use
the same content version (plus the date, since postings close at midnight) in
their keys, read once before the page's view reads anything (``_pinned``), so
they are invalidated exactly like pages. Only what differs per visitor (the
account links, messages) is rendered per request, and the view's queries run
only when a fragment that shows their result is rendered afresh.
"""

import contextvars
import datetime
import hashlib
import time
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control

from .page_store import Page, PageStore
from .referrals import carries_referral

VERSION_KEY = "careers:content-version"
CACHED_STATUSES = {200, 404, 410}
KEPT_HEADERS = ("Content-Type", "Content-Language")


_local = {"version": None, "read_at": 0.0}


def content_version():
    now = time.monotonic()
    if _local["version"] is not None and now - _local["read_at"] < settings.PAGE_CACHE_VERSION_TTL:
        return _local["version"]
    # One round trip for both: the version and when it next changes by itself.
    shared = cache.get_many((VERSION_KEY, NEXT_GO_LIVE_KEY))
    version = shared.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    version = _after_scheduled_go_live(version, shared.get(NEXT_GO_LIVE_KEY))
    _local.update(version=version, read_at=now)
    return version


def _bump():
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
    """Store when the next scheduled posting goes live (epoch seconds), or that none is scheduled; return it."""
    from .models import Posting

    when = Posting.objects.scheduled().order_by("published_at").values_list("published_at", flat=True).first()
    due = when.timestamp() if when else NOTHING_SCHEDULED
    cache.set(NEXT_GO_LIVE_KEY, due, None)
    return due


def _after_scheduled_go_live(version, due):
    """``version``, or a new one when a scheduled posting's time has come since it was set.

    ``due`` is the stored time of the next go-live, read with the version (None when missing).
    """
    if version is None:  # the shared cache is unreachable: nothing is cached anyway
        return None
    if due is None:  # lost with the shared cache: learn it again (one query)
        due = note_next_go_live()
    if due and time.time() >= due:
        # Bumped once, at once: nothing was saved, so there is no transaction to wait for.
        version = _bump()
        note_next_go_live()
    return version


def bump_content_version(using=None, **kwargs):
    _bump()
    # Again once the change is committed: signals fire inside the saving transaction, and a page
    # another process builds between the first bump and the commit reads the old rows under the
    # new version. (At once as well, so this transaction's own requests and tests see the change.)
    transaction.on_commit(_bump, using=using)


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


_today = {"label": "", "from": 0.0, "until": 0.0}


def _local_date():
    """``timezone.localdate()`` as ``YYYYMMDD``, worked out once a day (a cache hit asks for it)."""
    now = time.time()
    if not _today["from"] <= now < _today["until"]:
        zone = timezone.get_current_timezone()
        day = timezone.localdate()
        start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
        _today.update(label=f"{day:%Y%m%d}", **{"from": start.timestamp(),
                      "until": (start + datetime.timedelta(days=1)).timestamp()})
    return _today["label"]


# The key of the page being built, read once before its view queries anything: a fragment is
# never stored under a version newer than the rows it was rendered from.
_pinned = contextvars.ContextVar("careers_content_key", default=None)


def content_key():
    """What every cached page or fragment depends on: the content version and the date.

    The date is part of it: a posting past its closing date stops showing at midnight.
    While the shared cache is unreachable the key is new every time, so no fragment kept
    by this process is reused: no process could learn of an edit made through another.
    """
    if (pinned := _pinned.get()) is not None:
        return pinned
    version = content_version()
    if version is None:
        return f"unshared.{uuid.uuid4().hex}"
    return f"{version}.{_local_date()}"


def _key(request):
    """The page's address as sent: scheme, Host header, path and query.

    The host is part of it since pages hold absolute links (canonical, Open Graph, JSON-LD).
    The raw header is not validated here; no page is stored under a host that
    ``ALLOWED_HOSTS`` refuses, since its request never reaches the view.
    """
    meta = request.META
    host = meta.get("HTTP_HOST") or f"{meta.get('SERVER_NAME')}:{meta.get('SERVER_PORT')}"
    return f"{request.scheme}://{host}{request.path}?{meta.get('QUERY_STRING', '')}"


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
# What a 304 leaves out of the page's headers (Django's HttpResponseNotModified has no content type).
NOT_MODIFIED_DROPS = {"content-type", "content-language", "content-length"}


# 2,000 pages of 10 to 20 kB: at most 40 MB per process, under a flood of distinct searches.
_pages = PageStore(limit=2000)


def _page_response(request, page):
    """The response for a stored page (below the stack): the page itself, or a 304 when the browser holds it."""
    conditional = get_conditional_response(request, etag=page.etag)
    if conditional is None:
        # Content-Length is what CommonMiddleware would add; a cache hit is answered before it runs.
        headers = {**page.kept, "Content-Length": str(len(page.body)), "ETag": page.etag}
        return HttpResponse(page.body, status=page.status, headers=headers | PAGE_HEADERS)
    for header, value in {"Content-Length": "0", "ETag": page.etag, **PAGE_HEADERS}.items():
        conditional[header] = value
    return conditional


def _conditional(request):
    meta = request.META
    return "HTTP_IF_NONE_MATCH" in meta or "HTTP_IF_MATCH" in meta or "HTTP_IF_MODIFIED_SINCE" in meta \
        or "HTTP_IF_UNMODIFIED_SINCE" in meta


def _replay(request, page):
    """A hit answered above the stack, with the headers the page was first sent with; None when the
    request needs the stack after all (a precondition that failed, answered as Django does)."""
    if _conditional(request):
        conditional = get_conditional_response(request, etag=page.etag)
        if conditional is not None:
            if conditional.status_code != 304:
                return None
            response = HttpResponse(b"", status=304)
            response.headers._store.clear()
            response.headers._store.update(page.not_modified)
            return response
    response = HttpResponse(page.body, status=page.status)
    # These are the very values the page's first response was sent with, already checked
    # by ResponseHeaders then: copied as they are stored rather than set (and checked) anew.
    response.headers._store.update(page.headers)
    return response


def _built(view, request, args, kwargs, content=None):
    """The view's response, rendered, with the content key pinned before the view reads anything."""
    token = _pinned.set(content or content_key())
    try:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
    finally:
        _pinned.reset(token)
    return response


def public_page(view):
    """Cache the view's page for anonymous visitors. Hits are served by ``PublicPageCacheMiddleware``;
    this builds and stores the page on a miss (and serves hits when the middleware is absent)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            response = _built(view, request, args, kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        content = content_key()
        key = _key(request)
        page = _pages.get(key, content)
        if page is None:
            response = _built(view, request, args, kwargs, content=content)
            if response.status_code not in CACHED_STATUSES or response.streaming:
                return response
            page = Page(
                content_key=content, status=response.status_code, body=response.content,
                kept={h: response[h] for h in KEPT_HEADERS if h in response},
                etag='"' + hashlib.sha256(response.content).hexdigest()[:32] + '"',
            )
            _pages.set(key, page)
        if page.headers is None:
            request._stored_page = page  # for the middleware to complete with the headers it leaves with
        return _page_response(request, page)

    wrapper.public_page = True
    return wrapper


class PublicPageCacheMiddleware:
    """Answer anonymous GET/HEAD requests for stored pages before everything but the request id
    and access log (and HEAD's body removal).

    A hit needs nothing else: the request carries no session or messages cookie, and the
    stored HTML holds no CSRF token, no CSP nonce and nothing about the visitor. A page is
    stored by its ``public_page`` view on a miss, which goes through the whole stack; on its
    way back out here, the headers the stack gave it (security headers, CSP, X-Frame-Options,
    Vary, ETag, Content-Length...) are kept with it, and every hit is answered with exactly
    those. The size and control-character checks, static files and everything after them run
    only on a miss: a URL they refuse is never stored, and a stored one is never static. Nor
    is a URL the security middleware redirects (to HTTPS): the scheme is part of the key.

    Only a URL with a stored page reads the content version: nothing else waits on the
    shared cache (the API, /healthz in a database outage).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _may_be_cached(request):
            key = _key(request)
            if key in _pages and _shared_version_known():
                page = _pages.get(key, content_key())
                if page is not None and page.headers is not None:
                    response = _replay(request, page)
                    if response is not None:
                        request.resolver_match = page.match
                        return response
        response = self.get_response(request)
        page = getattr(request, "_stored_page", None)
        if page is not None and response.status_code == page.status and not response.streaming:
            page.match = request.resolver_match
            page.not_modified = {k: v for k, v in response.headers._store.items() if k not in NOT_MODIFIED_DROPS}
            page.not_modified["content-length"] = ("Content-Length", "0")
            page.headers = dict(response.headers._store)
        return response


def connect_invalidation():
    """Any change to what public pages show bumps the content version."""
    from .models import CompanyProfile, Location, Posting, PostingSection, PrivacyPolicy, Question, Team

    for model in (Posting, PostingSection, Team, Location, CompanyProfile, PrivacyPolicy, Question):
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")
    m2m_changed.connect(bump_content_version, sender=Posting.locations.through, dispatch_uid="page-cache-locations")
    # Only a posting's own row can change when the next one goes live.
    post_save.connect(note_next_go_live, sender=Posting, dispatch_uid="page-cache-schedule-save")
    post_delete.connect(note_next_go_live, sender=Posting, dispatch_uid="page-cache-schedule-delete")
