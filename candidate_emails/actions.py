"""The application list's "Reject and email" action: choose a template and a delay, preview, confirm.

Django admin's confirmation pattern (like "Delete selected"): the action answers
with a page whose form posts back to the list with the same action and
selection, through ``step`` (``preview``, then ``confirm``). The selection is
always re-read through the list's queryset (``visible_to``).
"""

import uuid

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

from applications.models import Application

from .forms import BulkRejectForm
from .services import applications_reject_and_email, message_render
from .views import SEND_PERMISSION

PREVIEW_NAMES = 50  # the confirmation page names this many candidates, then counts the rest


@admin.action(description="Reject and email selected applications\u2026", permissions=["change"])
def reject_and_email(modeladmin, request, queryset):
    if not request.user.has_perm(SEND_PERMISSION):
        modeladmin.message_user(request, "Your role cannot email candidates.", messages.ERROR)
        return None
    step = request.POST.get("step")
    form = BulkRejectForm(request.POST if step else None, initial={"token": uuid.uuid4(), "delay": "0"})
    if step == "confirm" and form.is_valid():
        moved, withdrawn = applications_reject_and_email(
            applications=queryset, template=form.cleaned_data["template"], by=request.user,
            token=form.cleaned_data["token"], delay=form.delay_timedelta,
        )
        when = dict(form.fields["delay"].choices)[form.cleaned_data["delay"]].lower()
        modeladmin.message_user(
            request, f"Moved {moved} application(s) to \u201cRejected\u201d; their email goes out {when}.",
            messages.SUCCESS,
        )
        if withdrawn:
            modeladmin.message_user(
                request, f"{withdrawn} application(s) withdrawn by the candidate were skipped: no stage change, "
                         "no email.", messages.WARNING,
            )
        return None  # back to the list (a redirect)
    applications = list(queryset.select_related("posting").order_by("pk"))
    withdrawn = [a for a in applications if a.stage == Application.Stage.WITHDRAWN]
    already = [a for a in applications if a.stage == Application.Stage.REJECTED]
    to_reject = [a for a in applications if a not in withdrawn and a not in already]
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Reject and email", "opts": modeladmin.model._meta, "form": form,
        "selected": [a.pk for a in applications], "to_reject": to_reject[:PREVIEW_NAMES],
        "more": max(len(to_reject) - PREVIEW_NAMES, 0), "to_reject_count": len(to_reject),
        "withdrawn": withdrawn, "already": already, "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    if step == "preview" and form.is_valid() and to_reject:
        template = form.cleaned_data["template"]
        subject, body = message_render(application=to_reject[0], subject=template.subject, body=template.body)
        context.update(preview_for=to_reject[0], preview_subject=subject, preview_body=body,
                       delay_label=dict(form.fields["delay"].choices)[form.cleaned_data["delay"]])
    return TemplateResponse(request, "admin/candidate_emails/reject_and_email.html", context)
