"""The site header: the links everyone gets are a cached fragment, the account links each visitor's own."""

import pytest
from django.test import Client

from tests.factories import PostingFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGN_IN = ">Sign in</a>"
ACCOUNT = ">My applications</a>"
SIGN_OUT = ">Sign out</button>"


def header(response):
    html = response.content.decode()
    return html[html.index("<header"):html.index("</header>")]


@pytest.mark.parametrize("page_cache_seconds", [300, 0])
def test_signed_out_and_signed_in_visitors_each_get_their_own_account_links(settings, page_cache_seconds):
    """Both kinds of visitor read the same cached nav fragment; neither gets the other's links."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = page_cache_seconds
    posting = PostingFactory()
    anonymous, candidate = Client(), Client()
    candidate.force_login(UserFactory())

    for path in ("/careers/", posting.get_absolute_url(), "/careers/", posting.get_absolute_url()):
        signed_out = header(anonymous.get(path))
        assert SIGN_IN in signed_out and ACCOUNT not in signed_out and SIGN_OUT not in signed_out
        signed_in = header(candidate.get(path))
        assert ACCOUNT in signed_in and SIGN_OUT in signed_in and SIGN_IN not in signed_in
        assert 'name="csrfmiddlewaretoken"' in signed_in  # the sign-out form's token is this visitor's

    assert candidate.post("/accounts/logout/").status_code == 302
    after = header(candidate.get("/careers/"))
    assert SIGN_IN in after and ACCOUNT not in after


def test_the_current_page_is_marked_in_the_cached_nav():
    PostingFactory()
    client = Client()
    assert 'href="/careers/" aria-current="page">Open roles' in header(client.get("/careers/"))
    privacy = header(client.get("/careers/privacy/"))
    assert 'href="/careers/" aria-current="page"' not in privacy
