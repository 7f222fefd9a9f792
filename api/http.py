"""HTTP behaviour shared by every API response: CORS for reading, and conditional GET.

CORS here is one fixed rule: anyone may read, nobody may write, no
credentials. That is a few headers on GET, HEAD and OPTIONS answers of the
API views alone, which is clearer than a site-wide CORS middleware whose
URL filter must be kept right (django-cors-headers would add a dependency and a
global middleware for the same three headers).
"""

from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import parse_http_date_safe

READ_METHODS = ("GET", "HEAD", "OPTIONS")
# Short enough that a closed posting leaves shared caches within a minute; after
# that, clients revalidate cheaply with the ETag.
MAX_AGE = 60


def conditional(request, response):
    """An exact ETag (a digest of the body) and a 304 when the client already has it.

    What Django's ConditionalGetMiddleware does, for HEAD as well (the API
    renders the whole body for HEAD; the server drops it) and before the CORS
    headers are added, so a 304 carries them too. The body digest is exact
    whatever changed: a posting, its team, or a posting that closed and left a
    list. A Last-Modified set by the view is honoured as well.
    """
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    if not response.has_header("ETag"):
        set_response_etag(response)
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(request, etag=response["ETag"], last_modified=last_modified, response=response)


def allow_cross_origin_reads(request, response):
    if request.method not in READ_METHODS:
        return response
    response["Access-Control-Allow-Origin"] = "*"
    # Last-Modified is readable by scripts already (CORS-safelisted); ETag is not.
    response["Access-Control-Expose-Headers"] = "ETag"
    if request.method == "OPTIONS":
        # A preflight: scripts may send GET with the conditional headers.
        response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
        response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
        response["Access-Control-Max-Age"] = "86400"
    return response


class PublicReadOnlyMixin:
    """For the API's views: read methods only, CORS for them, ETag and 304s."""

    http_method_names = ["get", "head", "options"]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return allow_cross_origin_reads(request, conditional(request, response))
