from django.conf import settings
from django.shortcuts import render


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
