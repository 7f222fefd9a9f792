"""The résumé viewer: a panel on the application page framing one sandboxed document per file.

Each file is shown by its own request (``document_view``), with the download's access rule
(``visible_to`` plus ``download_resume``) and its own access-log entry. The answer is a
small HTML document framed by the panel, and it locks itself down whoever opens it:
``sandbox`` (no script, an opaque origin, no forms or pop-ups), ``default-src 'none'``
(nothing loads but our stylesheet and the page images inlined as ``data:``), framable by
our own pages only. What it contains is already inert: page pixels and escaped text, or
HTML reduced by nh3 to structural tags without a single attribute (``convert.py``).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from ..models import Application, ApplicationAccessLog
from .previews import document_preview

# Which files staff view and download: url part -> (file field, name field, access-log action when
# viewed, when downloaded, what it is).
DOCUMENTS = {
    "resume": ("resume", "resume_name", ApplicationAccessLog.Action.VIEWED_RESUME,
               ApplicationAccessLog.Action.RESUME, "Résumé"),
    "cover-letter": ("cover_letter_file", "cover_letter_name", ApplicationAccessLog.Action.VIEWED_LETTER,
                     ApplicationAccessLog.Action.COVER_LETTER, "Cover letter"),
}

# The framed document's own policy (the site's would forbid framing and allow our scripts).
DOCUMENT_CSP = (
    "sandbox; default-src 'none'; img-src data:; style-src 'self'; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
)

REASONS = {
    "unsupported": "This kind of file cannot be shown in the page.",
    "unreadable": "This file could not be read for display (it may be damaged).",
    "timeout": "This file took too long to prepare for display.",
    "missing": "This file could not be fetched from storage just now.",
}


def may_view_documents(user) -> bool:
    return user.has_perm("applications.download_resume")


def viewer_panel_context(request, application) -> dict:
    """The panel's context for the change page: one entry per stored file the user may view."""
    if application is None or not may_view_documents(request.user):
        return {"viewer_documents": []}
    documents = []
    for which, (field, name_field, _, _, label) in DOCUMENTS.items():
        if getattr(application, field):
            documents.append({
                "label": label,
                "name": getattr(application, name_field),
                "view_url": reverse("admin:applications_application_view_file", args=[application.pk, which]),
                "download_url": reverse("admin:applications_application_file", args=[application.pk, which]),
                "slug": which,
            })
    return {"viewer_documents": documents, "viewer_candidate": application.full_name}


def stored_document(request, pk, which):
    """``(application, file, name, entry)`` of one stored document, for staff allowed to download it.

    403 without the permission (before anything is looked up); 404 for an application that is missing
    or not theirs, or a file it does not have. ``entry`` is ``DOCUMENTS[which]``.
    """
    if not may_view_documents(request.user):
        raise PermissionDenied
    application = get_object_or_404(Application.objects.visible_to(request.user), pk=pk)
    if which not in DOCUMENTS or not getattr(application, DOCUMENTS[which][0]):
        raise Http404
    entry = DOCUMENTS[which]
    return application, getattr(application, entry[0]), getattr(application, entry[1]), entry


def document_view(request, pk, which):
    """One candidate document shown as an inert page, for staff allowed to download it; logged."""
    application, stored, name, (_, _, action, _, label) = stored_document(request, pk, which)
    ApplicationAccessLog.record(request.user, action, [application])
    preview = document_preview(stored)
    response = TemplateResponse(request, "applications/viewer/document.html", {
        "label": label,
        "name": name,
        "preview": preview,
        "reason": REASONS.get(preview.get("reason"), REASONS["unreadable"]),
    })
    response["Content-Security-Policy"] = DOCUMENT_CSP
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
