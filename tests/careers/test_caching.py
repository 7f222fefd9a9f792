"""The anonymous page cache: served from cache, invalidated by edits, never for sessions."""

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


def test_cache_can_be_turned_off(settings, django_assert_max_num_queries):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    posting = PostingFactory()
    client = Client()
    client.get(posting.get_absolute_url())
    Posting.objects.filter(pk=posting.pk).update(title="Changed behind the cache's back")
    assert "Changed behind the cache" in client.get(posting.get_absolute_url()).content.decode()


def test_an_edit_made_by_another_process_shows_within_a_second(settings):
    """Another gunicorn worker only shares the version in the shared cache: we re-read it within the TTL."""
    import time

    from django.core.cache import cache

    from careers.caching import VERSION_KEY

    settings.PAGE_CACHE_VERSION_TTL = 0.2
    posting = PostingFactory(title="Before")
    client = Client()
    client.get(posting.get_absolute_url())
    # The other process saved the posting: new row, new shared version; our memo is not told.
    Posting.objects.filter(pk=posting.pk).update(title="After")
    cache.set(VERSION_KEY, cache.get(VERSION_KEY) + 1, None)
    time.sleep(0.3)
    assert "After" in client.get(posting.get_absolute_url()).content.decode()
