"""Whole-page cache for anonymous visitors of the list and posting pages.

Cached pages are keyed by the *content version* (careers/versioning.py), which any edit of
what they show supersedes within a second everywhere, while a cache hit costs no database or
network round trip. Pages themselves sit in a per-process store (``_pages``) and are
answered by ``PublicPageCacheMiddleware`` near the top of the stack, with the
headers their first response left the stack with. Browsers get
``Cache-Control: no-cache`` plus an ETag: they always revalidate, and an
unchanged page costs a 304 with no body.

Never cached: anything but GET/HEAD, and any request carrying a session or
messages cookie (signed-in people, staff previews, flash messages). Pages with
forms that post (apply, accommodations, accounts) do not use this decorator.

Below whole pages, fragments (careers/fragments.py) serve every visitor, signed in or not.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

from .page_store import Page, PageStore
from .referrals import carries_referral
from .versioning import content_key, pinned_content_key, shared_version_known

CACHED_STATUSES = {200, 404, 410}
KEPT_HEADERS = ("Content-Type", "Content-Language")


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
    return _may_be_cached(request) and shared_version_known()


def _key(request):
    """The page's address as sent: scheme, Host header, path and query.

    The host is part of it since pages hold absolute links (canonical, Open Graph, JSON-LD).
    The raw header is not validated here; no page is stored under a host that
    ``ALLOWED_HOSTS`` refuses, since its request never reaches the view.
    """
    meta = request.META
    host = meta.get("HTTP_HOST") or f"{meta.get('SERVER_NAME')}:{meta.get('SERVER_PORT')}"
    return f"{request.scheme}://{host}{request.path}?{meta.get('QUERY_STRING', '')}"


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
    token = pinned_content_key.set(content or content_key())
    try:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
    finally:
        pinned_content_key.reset(token)
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
            if key in _pages and shared_version_known():
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
