"""Writes of notes and feedback: the only place they are created or changed."""

from django.db import transaction
from django.utils import timezone

from .models import CriterionNote, Feedback, Note

# The roles (accounts/roles.py) that write here, in the order a person holding both is described by.
WRITING_ROLES = ("Recruiter", "Hiring manager")


def staff_capacity(user) -> str:
    """The role a staff member writes in, as shown to the candidate instead of their name."""
    groups = set(user.groups.values_list("name", flat=True))
    return next((role for role in WRITING_ROLES if role in groups), "Staff")


def note_add(*, application, author, text: str) -> Note:
    """Add an internal note by ``author`` to ``application`` (whose access the caller checked)."""
    note = Note(application=application, author=author, author_role=staff_capacity(author), text=text.strip())
    note.full_clean()
    note.save()
    return note


def feedback_save(*, application, reviewer, recommendation: str, summary: str = "",
                  criterion_notes: dict[int, str]) -> Feedback:
    """Create or update ``reviewer``'s own feedback on ``application``; returns it.

    ``criterion_notes`` maps criterion ids to text; only the criteria of the
    application's posting are used (others are ignored), and an empty text
    removes that criterion's note. Notes on criteria a recruiter has since
    removed are kept as written.
    """
    now = timezone.now()
    with transaction.atomic():
        feedback, _ = Feedback.objects.select_for_update().get_or_create(
            application=application, reviewer=reviewer,
            defaults={"recommendation": recommendation, "reviewer_role": staff_capacity(reviewer),
                      "created_at": now},
        )
        feedback.recommendation, feedback.summary, feedback.updated_at = recommendation, summary.strip(), now
        feedback.full_clean(validate_constraints=False)  # the unique pair is the row we hold
        feedback.save()
        existing = {n.criterion_id: n for n in feedback.criterion_notes.filter(criterion__isnull=False)}
        for criterion in application.posting.feedback_criteria.all():
            text = (criterion_notes.get(criterion.pk) or "").strip()
            note = existing.get(criterion.pk)
            if not text:
                if note:
                    note.delete()
                continue
            note = note or CriterionNote(feedback=feedback, criterion=criterion)
            note.criterion_name, note.text = criterion.name, text
            note.full_clean(validate_constraints=False)
            note.save()
    return feedback
