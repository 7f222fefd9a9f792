"""Staff pages in real Chromium: signed in as a given user, checked at the widths recruiters use.

``assert_admin_pages_fit`` visits each path at 1280 and 1024 px and fails on sideways
scrolling or any axe violation (WCAG 2.2 AA); it returns the HTML of each page for the
Nu checker (``tests.helpers.html.assert_valid_html``), validated in one JVM start.
"""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from tests.helpers.a11y import assert_no_axe_violations

STAFF_WIDTHS = (1280, 1024)


def sign_in_as(page, live_server, user):
    """Give the browser a signed-in session for ``user`` (no login form: the admin's is throttled)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    page.context.clear_cookies()
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}])


def assert_fits(page):
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"{page.url} is {scroll_width} px wide in a {inner_width} px window"


def assert_fits_and_passes_axe(page):
    """The page the browser is on fits its window without sideways scrolling and has no axe violations."""
    assert_fits(page)
    assert_no_axe_violations(page)


def assert_admin_pages_fit(page, live_server, paths, widths=STAFF_WIDTHS):
    """Each path answers 200, fits each width without sideways scrolling and has no axe violations."""
    pages = {}
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.status == 200, f"{path}: {response.status}"
            assert_fits_and_passes_axe(page)
            pages[path] = response.text()
    return pages
