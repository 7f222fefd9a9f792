"""Staff pages of candidate emails, inside the admin: write, preview, send; and the change page's panels.

Access: the ``send`` permission first (403 for roles that may not write to
candidates, before anything is looked up), then the application through
``Application.objects.visible_to`` (404 for one that is missing or not theirs).
"""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from applications.models import Application

from .forms import ComposeForm
from .models import EmailTemplate
from .placeholders import PLACEHOLDERS
from .selectors import application_timeline
from .services import candidate_email_send, message_render

SEND_PERMISSION = "candidate_emails.add_candidateemail"


def admin_urls(model_admin):
    """URLs added to the application admin (``ApplicationAdmin.get_urls``)."""
    view = model_admin.admin_site.admin_view

    def compose(request, pk):
        return compose_view(request, pk, model_admin=model_admin)

    return [path("<int:pk>/email/", view(compose), name="applications_application_email")]


def change_page_context(request, application) -> dict:
    """The email panel and the timeline on an application's page (``ApplicationAdmin.render_change_form``)."""
    can_send = request.user.has_perm(SEND_PERMISSION)
    return {
        "application_timeline": application_timeline(application, request.user),
        "candidate_emails_panel": {
            "can_send": can_send,
            "compose_url": reverse("admin:applications_application_email", args=[application.pk]),
            "templates": EmailTemplate.objects.all() if can_send else [],
        },
    }


def compose_view(request, pk, *, model_admin):
    """Write (GET, or "edit"), preview ("preview") and send ("send", only what was previewed) one message."""
    if not request.user.has_perm(SEND_PERMISSION):
        raise PermissionDenied
    application = get_object_or_404(Application.objects.visible_to(request.user).with_review_data(), pk=pk)
    step = request.POST.get("step", "edit") if request.method == "POST" else "edit"
    if request.method == "POST":
        form = ComposeForm(request.POST)
    else:
        chosen = request.GET.get("template", "")
        template = EmailTemplate.objects.filter(pk=chosen).first() if chosen.isdigit() else None
        form = ComposeForm(initial={
            "template": template, "subject": template.subject if template else "",
            "body": template.body if template else "", "token": uuid.uuid4(),
        })
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Application._meta, "application": application, "form": form, "placeholders": PLACEHOLDERS,
        "title": f"Email {application.full_name}", "change_url": _change_url(application),
    }
    if request.method == "POST" and form.is_valid() and step in ("preview", "send"):
        if step == "send" and form.was_previewed():
            data = form.cleaned_data
            sent = candidate_email_send(
                application=application, subject=data["subject"], body=data["body"], token=data["token"],
                by=request.user, template=data["template"], kind=form.kind,
            )
            if sent is None:
                messages.info(request, "This email was already sent; it was not sent again.")
            else:
                messages.success(request, f"Email \u201c{sent.outgoing.subject}\u201d queued for {application.email}.")
            return redirect(_change_url(application) + "#timeline")
        subject, body = message_render(application=application, subject=form.cleaned_data["subject"],
                                       body=form.cleaned_data["body"])
        context.update(preview_subject=subject, preview_body=body, signature=form.preview_signature(),
                       title=f"Preview: email to {application.full_name}")
        return TemplateResponse(request, "admin/candidate_emails/preview.html", context)
    status = 400 if request.method == "POST" and form.errors else 200
    return TemplateResponse(request, "admin/candidate_emails/compose.html", context, status=status)


def _change_url(application):
    return reverse("admin:applications_application_change", args=[application.pk])
