"""Log records name a request's URL pattern, never its path or query.

Paths carry application references and sign-in tokens, queries what people typed.
Django's loggers write "Not Found: /path" and "Internal Server Error: /path" (and
exception texts may quote a path parameter); gunicorn's error log writes the URI
of a request that broke. ``RouteOnlyFilter`` rewrites such records, in place, so
every handler after it sees the route (e.g. ``/accounts/applications/<str:reference>/resume/``)
or ``<unmatched>`` instead, as the access log (config/middleware.py) already does.
"""

import logging
import re
from urllib.parse import unquote, urlsplit

UNMATCHED = "<unmatched>"
# gunicorn quotes the offending request line or header of a malformed request.
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


def _resolve(path):
    from django.urls import Resolver404, resolve

    try:
        return resolve(path)
    except Resolver404:
        return None
    except Exception:  # noqa: BLE001 - a broken URLconf must not break the logging of its error too
        return None


def _route(match):
    return f"/{match.route}" if match else UNMATCHED


def _replacements(paths, match):
    """What to hide and what to say instead: the paths (as sent, decoded and escaped) become the
    route, the path's parameters their names (an exception text may quote one)."""
    route = _route(match)
    found = {}
    if match:
        parameters = [*((f"<{i}>", v) for i, v in enumerate(match.args)), *((f"<{k}>", v) for k, v in match.kwargs.items())]
        found.update({str(value): name for name, value in parameters if len(str(value)) >= 3})
    for path in paths:
        if len(path) >= 3:  # shorter ones hide nothing, and replacing them would garble the message
            found.update(dict.fromkeys({path, unquote(path), path.encode("unicode_escape").decode("ascii")}, route))
    return found


def _scrub(text, replacements):
    if not replacements:
        return text
    # One pass, longest first, so nothing just written is replaced again.
    pattern = re.compile("|".join(re.escape(secret) for secret in sorted(replacements, key=len, reverse=True)))
    return pattern.sub(lambda m: replacements[m.group(0)], text)


def _rewrite(record, replacements):
    record.msg = _scrub(record.getMessage(), replacements)
    record.args = ()
    if record.exc_info:
        if not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_text = _scrub(record.exc_text, replacements)


class RouteOnlyFilter(logging.Filter):
    """Rewrite records about a request (Django's ``extra={"request": ...}``) to name its route only."""

    def filter(self, record):
        from django.http import HttpRequest

        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            match = getattr(request, "resolver_match", None) or _resolve(request.path_info)
            paths = [request.get_full_path(), request.path, request.path_info, request.META.get("QUERY_STRING", "")]
            _rewrite(record, _replacements(paths, match))
        return True


class GunicornRouteOnlyFilter(logging.Filter):
    """The same for gunicorn's error log: "Error handling request <method> <uri>" and malformed requests."""

    def filter(self, record):
        message = record.getMessage()
        if message.startswith("Invalid request from ip="):
            record.msg, record.args = _QUOTED.sub("<redacted>", message), ()
        elif message.startswith("Error handling request") and record.args:
            uri = str(record.args[-1])
            path = urlsplit(uri).path
            match = _resolve(path)
            _rewrite(record, _replacements([uri, path, urlsplit(uri).query], match))
        return True


def logging_settings(*, level, access_level):
    """Django's LOGGING: one console handler, every record through the route-only filter."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        # Records about a request name its URL pattern, never its path or query.
        "filters": {"route_only": {"()": "config.log_filters.RouteOnlyFilter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["route_only"]}},
        "root": {"handlers": ["console"], "level": level},
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
        "loggers": {
            # Only through the filtered console above: not Django's default console and mail_admins handlers.
            "django": {"handlers": [], "level": "INFO"},
            "django.request": {"level": "ERROR"},
            # Our access log replaces runserver's and gunicorn's (which print full paths).
            "django.server": {"level": "WARNING"},
            "careers.access": {"level": access_level},
        },
    }
