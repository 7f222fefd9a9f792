"""Fragments: parts of public pages cached per process, for every visitor, signed in or not.

They serve every visitor and every search: a list page's head and list (by URL), a posting's
card, row and texts, the filter choices, the company texts, the site's header links and footer.
They are kept in the "pages" cache (config/cache.py ``ProcessMemoryCache``) under the same
content key as whole pages (careers/versioning.py), so they are invalidated exactly like pages.
Only what differs per visitor (the account links, messages) is rendered per request, and the
view's queries run only when a fragment that shows their result is rendered afresh.
"""

from django.conf import settings
from django.core.cache import caches

from .versioning import content_key, shared_version_known


_MISSING = object()


def _fragment_key(name, *parts, content=None):
    return ":".join(("careers:fragment", content or content_key(), name, *map(str, parts)))


def derived(name, compute, *parts):
    """``compute()``, kept in this process until public content changes or the day turns."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0 or not shared_version_known():
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
    if settings.FRAGMENT_CACHE_SECONDS <= 0 or not shared_version_known():
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
