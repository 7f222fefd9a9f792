"""Where a candidate came from: the ``?source=`` / ``utm_source=`` a posting link carries.

The value is chosen by whoever wrote the link (a job board, a newsletter, an attacker), so it
is reduced to a short slug before it is shown, passed on or stored. The posting page is
page-cached: a request carrying one of these parameters is built uncached and never stored
(careers/caching.py), so random values cannot fill the cache; the page's apply links then
carry the normalised value to the apply form, which stores it with the application.
"""

import re
import unicodedata
from functools import wraps
from urllib.parse import urlencode

from django.urls import reverse

# The first one present wins; ``source`` is ours, ``utm_source`` is what campaign tools write.
TRACKING_PARAMETERS = ("source", "utm_source")
MAX_LENGTH = 40

_NOT_ALLOWED = re.compile(r"[^a-z0-9._-]+")


def normalise_referral_source(value) -> str:
    """A short lower-case slug (letters, digits, ``.``, ``_``, ``-``) or ``""``: "LinkedIn Jobs" -> "linkedin-jobs"."""
    text = unicodedata.normalize("NFKD", str(value or "")).encode("ascii", "ignore").decode().lower()
    text = _NOT_ALLOWED.sub("-", text).strip("-._")
    return text[:MAX_LENGTH].rstrip("-._")


def carries_referral(query) -> bool:
    """Does this query string (a QueryDict) name a source at all? Such requests are never page-cached."""
    return any(name in query for name in TRACKING_PARAMETERS)


def referral_source_from(query) -> str:
    """The normalised source a query string (a QueryDict) names, or ``""``."""
    for name in TRACKING_PARAMETERS:
        if source := normalise_referral_source(query.get(name, "")):
            return source
    return ""


def with_referral(url: str, source: str) -> str:
    """``url`` with ``?source=`` added when there is a source (the apply link of a tracked visit)."""
    return f"{url}?{urlencode({'source': source})}" if source else url


def apply_links_carry_source(view):
    """A posting page view whose apply links carry ``?source=`` on a tracked visit.

    The apply buttons sit inside the cached posting-body fragment, which must not vary by
    source (random values would fill the cache), so the links are rewritten in this one
    uncached response instead. The source is a normalised slug: nothing to escape.
    """

    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        response = view(request, slug, *args, **kwargs)
        source = referral_source_from(request.GET)
        if source and response.status_code == 200 and not response.streaming:
            apply_url = reverse("applications:apply", kwargs={"slug": slug})
            response.content = response.content.replace(
                f'href="{apply_url}"'.encode(), f'href="{with_referral(apply_url, source)}"'.encode()
            )
        return response

    return wrapper
