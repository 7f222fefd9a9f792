"""The per-process store of whole public pages behind careers/caching.py's page cache."""

import threading
import time
from collections import OrderedDict

from django.conf import settings


class Page:
    """A stored page: built under ``content`` (the content key), until ``expires`` (monotonic).

    ``headers`` are the headers the page left the middleware stack with when it was built (the
    security headers, CSP, X-Frame-Options...), in ``ResponseHeaders``' own form, and ``match``
    its resolved route (for the access log): with both, a hit is answered above that stack.
    """

    __slots__ = ("body", "content_key", "etag", "expires", "headers", "kept", "match", "not_modified", "status")

    def __init__(self, *, content_key, status, body, kept, etag):
        self.content_key, self.status, self.body, self.kept, self.etag = content_key, status, body, kept, etag
        self.expires = time.monotonic() + settings.PUBLIC_PAGE_CACHE_SECONDS
        self.headers = self.not_modified = self.match = None


class PageStore:
    """This process's whole pages, least recently used dropped first beyond ``limit``.

    A plain dictionary, not the "pages" cache: a hit must not pay for pickling, key checks
    and a hash. Entries are only found by the key of the request that stored them.
    """

    def __init__(self, limit):
        self.limit, self.pages, self.lock = limit, OrderedDict(), threading.Lock()

    def get(self, key, content):
        """The page for ``key`` if it was built under ``content`` and has not expired."""
        page = self.pages.get(key)
        if page is None:
            return None
        if page.content_key != content or page.expires <= time.monotonic():
            with self.lock:
                self.pages.pop(key, None)
            return None
        with self.lock:
            if key in self.pages:
                self.pages.move_to_end(key)
        return page

    def set(self, key, page):
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.limit:
                self.pages.popitem(last=False)

    def __contains__(self, key):
        return key in self.pages

    def __len__(self):
        return len(self.pages)

    def clear(self):
        with self.lock:
            self.pages.clear()
