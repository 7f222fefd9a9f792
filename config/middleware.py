"""Cross-cutting request handling: request ids and access logs, size limits, security headers."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.shortcuts import render

access_log = logging.getLogger("careers.access")
REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


class RequestIdLogMiddleware:
    """One log line per request, tagged with a request id echoed in ``X-Request-ID``.

    The line names the URL *pattern*, never the path or query: paths carry
    application references and sign-in tokens, queries carry what people typed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        route = f"/{match.route}" if match else "<unmatched>"
        access_log.info(
            "request_id=%s method=%s route=%s status=%s duration_ms=%.1f",
            request.id, request.method, route, response.status_code, (time.perf_counter() - started) * 1000,
        )
        response["X-Request-ID"] = request.id
        return response


class SecurityHeadersMiddleware:
    """Headers Django has no setting for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RequestSizeLimitMiddleware:
    """Refuse oversized request bodies before anything reads them.

    Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not file uploads,
    which would otherwise be streamed to disk whatever their size.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.APPLY_MAX_REQUEST_BYTES:
            return render(
                request,
                "413.html",
                {"limit": settings.APPLY_MAX_REQUEST_BYTES, "file_limit": settings.RESUME_MAX_BYTES},
                status=413,
            )
        return self.get_response(request)
