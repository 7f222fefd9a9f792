"""Reads of notes and feedback. Who may read them is who may read their application (reviews/access.py)."""

from django.db import models


class ReviewQuerySet(models.QuerySet):
    def for_application(self, application):
        return self.filter(application=application)


class NoteQuerySet(ReviewQuerySet):
    def for_panel(self):
        return self.select_related("author")


class FeedbackQuerySet(ReviewQuerySet):
    def for_panel(self):
        return self.select_related("reviewer").prefetch_related("criterion_notes")
