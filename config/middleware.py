"""Cross-cutting request handling: request ids and access logs, size limits, control characters, security headers."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.http import JsonResponse, UnreadablePostError
from django.shortcuts import render
from django.urls import get_resolver

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
        # META, not request.headers: that would build a dictionary of every header for one.
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
        started = time.perf_counter()
        response = self.get_response(request)
        if access_log.isEnabledFor(logging.INFO):
            match = getattr(request, "resolver_match", None)
            route = f"/{match.route}" if match else "<unmatched>"
            # The record made and handled directly: ``info()`` would also walk the stack to find
            # its caller, which no log line names, on every request (a cache hit's largest cost).
            access_log.handle(access_log.makeRecord(
                access_log.name, logging.INFO, __file__, 0,
                "request_id=%s method=%s route=%s status=%s duration_ms=%.1f",
                (request.id, request.method, route, response.status_code, (time.perf_counter() - started) * 1000),
                None,
            ))
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


class UploadReceiveMiddleware:
    """Receive file uploads here, so a failure to store one (a full temporary disk) gets its own page.

    Django streams uploads into ``FILE_UPLOAD_TEMP_DIR`` when the form is first
    read (by the control-character check, next in line); an ``OSError`` there
    would be a bare 500. Placed after the size limit, so an oversized body is never read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == "multipart/form-data":
            try:
                request.FILES  # noqa: B018 (reads the body)
            except UnreadablePostError:
                pass  # the client went away; nobody is waiting for an answer
            except OSError as error:
                access_log.error("request_id=%s upload not received: %s", request.id, type(error).__name__)
                for handler in request.upload_handlers:
                    # The partial temporary file goes now, not when the request is collected.
                    if getattr(handler, "file", None) is not None:
                        handler.file.close()
                response = render(request, "upload_not_received.html", status=503)
                response["Retry-After"] = "600"
                return response
        return self.get_response(request)


# C0 controls and DEL. No route of ours has one, browsers never send one unencoded, and
# they are what log-line and header injection is made of; NUL also makes PostgreSQL raise.
PATH_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
API_PREFIX = "/api/"


class ControlCharacterMiddleware:
    """400 for a NUL anywhere in a request's path, query or form, and for any control character in its path.

    (Under /api/ a path with one is the API's JSON 404: no resource can have such a name.)

    PostgreSQL refuses NUL in strings, so a NUL reaching a query is a 500; checking once here
    covers every view, the admin's filters and searches included. Form fields may hold tabs
    and newlines (text areas); other control characters in them are the forms' to refuse
    (careers/validators.py), with a message on the field.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if PATH_CONTROL_CHARACTERS.search(request.path_info):
            return self.refuse(request, None)
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return self.refuse(request, name)
        if request.method == "POST":
            fields = [*request.POST.lists(), *((name, [upload.name or "" for upload in uploads])
                                               for name, uploads in request.FILES.lists())]
            for name, values in fields:
                if "\x00" in name or any("\x00" in value for value in values):
                    return self.refuse(request, name)
        return self.get_response(request)

    @staticmethod
    def refuse(request, parameter):
        if request.path_info.startswith(API_PREFIX):
            # The API answers in JSON as its own views do: a path naming nothing is its documented
            # 404, a bad parameter a 400 naming the parameter.
            if parameter is None:
                return JsonResponse({"detail": "Not found."}, status=404)
            return JsonResponse({parameter: ["Remove the NUL character from this parameter."]}, status=400)
        return get_resolver().resolve_error_handler(400)(request, None)


class HeadWithoutBodyMiddleware:
    """Answer HEAD with the headers GET would send and no body (RFC 9110 9.3.2).

    Views answer HEAD by running as for GET (``require_safe``). Django's test client and
    runserver drop that body, but its WSGI handler passes it on, and gunicorn then logs
    "WSGI app sent body bytes on a no-body response". Outermost, so Content-Length and ETag
    were computed on the full body first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                if hasattr(response, "file_to_stream") and response.file_to_stream is not None:
                    response.file_to_stream.close()
                response.streaming_content = []
            else:
                length = response.get("Content-Length")
                response.content = b""
                if length is not None:
                    response["Content-Length"] = length
        return response
