"""Reads of notes and feedback: who may read them is who may read their application."""

from django.db import models


class ReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Rows on applications ``user`` may review.

        ``Application.objects.visible_to`` is the one home of that rule; this only
        follows it, so a note never reaches anyone its application does not.
        """
        from applications.models import Application

        return self.filter(application__in=Application.objects.visible_to(user))

    def for_application(self, application):
        return self.filter(application=application)


class NoteQuerySet(ReviewQuerySet):
    def for_panel(self):
        return self.select_related("author")


class FeedbackQuerySet(ReviewQuerySet):
    def for_panel(self):
        return self.select_related("reviewer").prefetch_related("criterion_notes")
