"""The notes-and-feedback panel of the application page (templates/admin/applications/application/_notes.html)."""

from collections import Counter

from django.urls import reverse

from .forms import NoteForm
from .models import Feedback, Note, Recommendation


def notes_panel_context(request, application) -> dict:
    """Context for the panel of ``application``, which ``request.user`` may review (the admin loaded it
    through ``Application.objects.visible_to``)."""
    user = request.user
    notes = feedback = None
    if user.has_perm("reviews.view_note"):
        notes = list(Note.objects.for_application(application).for_panel())
    if user.has_perm("reviews.view_feedback"):
        feedback = list(Feedback.objects.for_application(application).for_panel())
    tally = Counter(f.recommendation for f in feedback or ())
    panel = {
        "notes": notes,
        "note_form": NoteForm(auto_id="id_note_%s") if user.has_perm("reviews.add_note") else None,
        "note_url": reverse("reviews:note_add", args=[application.pk]),
        "feedback": feedback,
        "tally": [(label, tally[value]) for value, label in Recommendation.choices] if feedback else [],
        "own_feedback": next((f for f in feedback or () if f.reviewer_id == user.pk), None),
        "feedback_url": None,
        "criteria_url": None,
    }
    if user.has_perm("reviews.add_feedback"):
        panel["feedback_url"] = reverse("reviews:feedback", args=[application.pk])
    if user.has_perm("reviews.view_feedbackcriterion"):
        changelist = reverse("admin:reviews_feedbackcriterion_changelist")
        panel["criteria_url"] = f"{changelist}?posting__id__exact={application.posting_id}"
    return {"reviews_panel": panel}
