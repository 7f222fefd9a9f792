"""Staff pages of notes and feedback (under /admin/, wrapped in the admin's own sign-in check)."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from applications.models import ApplicationAccessLog

from .access import reviewable_application
from .forms import FeedbackForm, NoteForm
from .models import Feedback
from .services import feedback_save, note_add


def _application_page(application, anchor):
    return reverse("admin:applications_application_change", args=[application.pk]) + anchor


@require_POST
def note_add_view(request, pk):
    application = reviewable_application(request.user, pk, "reviews.add_note")
    form = NoteForm(request.POST)
    if form.is_valid():
        note_add(application=application, author=request.user, text=form.cleaned_data["text"])
        messages.success(request, "Note added.")
    else:
        messages.error(request, "The note was not added: " + " ".join(form.errors["text"]))
    return redirect(_application_page(application, "#notes"))


@require_http_methods(["GET", "HEAD", "POST"])
def feedback_view(request, pk):
    """The signed-in reviewer's own feedback on one application: write it, or change it."""
    application = reviewable_application(request.user, pk, "reviews.add_feedback")
    feedback = Feedback.objects.filter(application=application, reviewer=request.user).prefetch_related(
        "criterion_notes").first()
    criteria = application.posting.feedback_criteria.all()
    if request.method == "POST":
        form = FeedbackForm(request.POST, criteria=criteria)
        if form.is_valid():
            feedback_save(
                application=application, reviewer=request.user, recommendation=form.cleaned_data["recommendation"],
                summary=form.cleaned_data["summary"], criterion_notes=form.criterion_notes(),
            )
            messages.success(request, "Your feedback was saved.")
            return redirect(_application_page(application, "#feedback"))
    else:
        form = FeedbackForm(criteria=criteria, feedback=feedback)
        # The page names the candidate: an opening of the application, logged like the change page.
        ApplicationAccessLog.record(request.user, ApplicationAccessLog.Action.VIEWED, [application])
    context = {
        **admin.site.each_context(request),
        "title": "Change your feedback" if feedback else "Leave feedback",
        "subtitle": str(application),
        "application": application,
        "feedback": feedback,
        "form": form,
        "application_url": _application_page(application, ""),
        "opts": application._meta,
    }
    return TemplateResponse(request, "admin/reviews/feedback_form.html", context)
