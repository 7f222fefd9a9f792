"""Source capture: a posting link's ?utm_source= / ?source= reaches the stored application, normalised,
without fragmenting the page cache or touching the candidate's own "how did you hear about us" answer."""

import pytest
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.test import Client

from applications.models import Application
from careers.referrals import normalise_referral_source
from tests.applications.test_apply import form_data, post
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("raw", "stored"), [
    ("linkedin", "linkedin"),
    ("LinkedIn Jobs", "linkedin-jobs"),
    ("news.ycombinator.com", "news.ycombinator.com"),
    ("<script>alert(1)</script>", "script-alert-1-script"),
    ("=HYPERLINK(\"http://evil\")", "hyperlink-http-evil"),
    ("Liñkedín", "linkedin"),
    ("---", ""),
    ("x" * 500, "x" * 40),
    ("", ""),
])
def test_sources_are_normalised_to_short_slugs(raw, stored):
    assert normalise_referral_source(raw) == stored


def test_a_tracked_posting_link_carries_its_source_to_the_stored_application(posting, private_files):
    client = Client()
    page = client.get(f"/careers/{posting.slug}/?utm_source=LinkedIn").content.decode()
    assert 'href="/careers/policy-lead/apply/?source=linkedin"' in page
    assert 'href="/careers/policy-lead/apply/"' not in page
    # The canonical URL stays clean.
    assert 'rel="canonical" href="http://testserver/careers/policy-lead/"' in page

    form = client.get("/careers/policy-lead/apply/?source=linkedin").content.decode()
    assert 'name="referral_source" value="linkedin"' in form
    assert "How did you hear about us?" in form  # the candidate's own answer is a visible field

    response = post(client, "/careers/policy-lead/apply/", form_data(posting, referral_source="linkedin", source="A friend"))
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.referral_source, application.source) == ("linkedin", "A friend")
    # Shown to staff on the application's page, and given to the candidate in their data export.
    from accounts.services import candidate_data
    from tests.factories import UserFactory

    candidate = UserFactory(email=application.email)
    exported = candidate_data(candidate, [application])["applications"][0]
    assert exported["tracked_source_of_the_link_you_followed"] == "linkedin"


def test_an_untracked_visit_stores_no_source(client, posting, private_files):
    page = client.get(f"/careers/{posting.slug}/").content.decode()
    assert 'href="/careers/policy-lead/apply/"' in page and "?source=" not in page
    assert 'name="referral_source"' in client.get("/careers/policy-lead/apply/").content.decode()
    post(client, "/careers/policy-lead/apply/", form_data(posting))
    assert Application.objects.get().referral_source == ""


def test_a_tampered_hidden_field_is_normalised_before_it_is_stored(client, posting, private_files):
    post(client, "/careers/policy-lead/apply/", form_data(posting, referral_source="<img src=x onerror=alert(1)> " * 20))
    stored = Application.objects.get().referral_source
    assert stored.startswith("img-src-x-onerror-alert-1") and len(stored) <= 40


def test_the_database_refuses_anything_but_the_normal_form():
    application = ApplicationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(referral_source="Evil Value")


def test_random_source_values_never_fill_the_page_cache(posting, django_assert_max_num_queries):
    from careers.caching import _pages

    pages = caches["pages"]
    client = Client()
    client.get(f"/careers/{posting.slug}/")  # the clean page, cached once
    cached = set(pages._cache)
    stored_pages = set(_pages.pages)
    for n in range(20):
        response = client.get(f"/careers/{posting.slug}/?utm_source=spam{n}")
        assert response.status_code == 200 and f"?source=spam{n}" in response.content.decode()
        assert "public" not in response["Cache-Control"]
    assert set(pages._cache) == cached, "tracked visits must not add cached pages or fragments"
    assert set(_pages.pages) == stored_pages, "tracked visits must not add whole pages to the page store"
    # The clean page is still served from the cache, without a query.
    with django_assert_max_num_queries(0):
        assert client.get(f"/careers/{posting.slug}/").status_code == 200
