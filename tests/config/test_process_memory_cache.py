"""The per-process fragment cache ("pages"): Django's local-memory cache semantics, without the copies."""

import time

import pytest
from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe


@pytest.fixture
def store():
    store = caches["pages"]
    store.clear()
    return store


def test_a_fragment_comes_back_as_it_was_stored(store):
    html = mark_safe("<li>Policy Lead</li>")
    store.set("card", html, 60)
    assert store.get("card") is html and isinstance(store.get("card"), SafeString)  # still safe: not escaped again
    assert store.get("missing", "default") == "default"
    assert store.get_many(["card", "missing"]) == {"card": html}


def test_add_keeps_what_is_there_and_incr_counts(store):
    assert store.add("key", 1, 60) is True
    assert store.add("key", 2, 60) is False
    assert store.incr("key", 5) == 6 and store.get("key") == 6
    with pytest.raises(ValueError):
        store.incr("nothing")


def test_entries_expire_and_can_be_deleted(store):
    store.set("short", "x", 0.05)
    store.set("long", "y", 60)
    time.sleep(0.1)
    assert store.get("short") is None and store.has_key("short") is False
    assert store.delete("long") is True and store.get("long") is None


def test_it_stays_within_its_maximum(settings):
    settings.CACHES = {**settings.CACHES, "pages": {**settings.CACHES["pages"], "OPTIONS": {"MAX_ENTRIES": 10}}}
    store = caches["pages"]
    for number in range(50):
        store.set(f"page-{number}", "html", 60)
    assert len(store._cache) <= 10
    assert store.get("page-49") == "html"  # the newest stays
