"""Notes and feedback on applications: what staff wrote about a candidate, and when.

Everything here hangs off an application with ``CASCADE``: erasing an
application (a candidate's request or retention) erases what was written about
them. Authors are ``PROTECT``ed like stage changes: who wrote what stays known.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from applications.models import Application
from careers.models import Posting

from .querysets import FeedbackQuerySet, NoteQuerySet

TEXT_MAX = 5000


class Recommendation(models.TextChoices):
    STRONG_NO = "strong_no", "Strong no"
    NO = "no", "No"
    YES = "yes", "Yes"
    STRONG_YES = "strong_yes", "Strong yes"


class FeedbackCriterion(models.Model):
    """One thing reviewers of a posting's candidates comment on (defined by a recruiter)."""

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="feedback_criteria")
    position = models.PositiveSmallIntegerField(default=0, help_text="Criteria are shown in this order.")
    name = models.CharField(max_length=100)
    hint = models.CharField(max_length=300, blank=True, help_text="Shown to reviewers under the criterion.")

    class Meta:
        ordering = ["posting", "position", "pk"]
        verbose_name_plural = "feedback criteria"
        constraints = [
            models.UniqueConstraint(fields=["posting", "name"], name="reviews_criterion_name_unique_per_posting"),
        ]

    def __str__(self):
        return self.name


class Note(models.Model):
    """An internal note on an application (plain text, shown escaped)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The capacity the author wrote in, frozen: the candidate's data export names this, not the person.
    author_role = models.CharField(max_length=40)
    text = models.TextField(max_length=TEXT_MAX)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="reviews_note_text_not_empty")]

    def __str__(self):
        return f"Note by {self.author_role} at {self.created_at:%Y-%m-%d %H:%M}"


class Feedback(models.Model):
    """A reviewer's recommendation on an application, with notes per criterion; one per reviewer."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="feedback")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewer_role = models.CharField(max_length=40)
    recommendation = models.CharField(max_length=10, choices=Recommendation)
    summary = models.TextField("overall notes", max_length=TEXT_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "feedback"
        constraints = [
            # Editing is by its author only because there is only ever the author's own row to edit.
            models.UniqueConstraint(fields=["application", "reviewer"], name="reviews_one_feedback_per_reviewer"),
            models.CheckConstraint(condition=Q(recommendation__in=Recommendation.values),
                                   name="reviews_feedback_recommendation_valid"),
        ]

    def __str__(self):
        return f"{self.get_recommendation_display()} from {self.reviewer_role}"


class CriterionNote(models.Model):
    """A reviewer's note on one criterion; keeps the criterion's name if a recruiter later removes it."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="criterion_notes")
    criterion = models.ForeignKey(FeedbackCriterion, on_delete=models.SET_NULL, null=True, related_name="+")
    criterion_name = models.CharField(max_length=100)
    text = models.TextField(max_length=TEXT_MAX)

    class Meta:
        ordering = ["criterion__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["feedback", "criterion"], name="reviews_one_note_per_criterion"),
            models.CheckConstraint(condition=~Q(text=""), name="reviews_criterion_note_text_not_empty"),
        ]

    def __str__(self):
        return self.criterion_name
