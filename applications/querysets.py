"""Who may read which applications: the one place each access rule is written."""

from django.db import models

from accounts.querysets import CandidateRowsMixin


def reviews_every_application(user) -> bool:
    """Recruiters (and superusers): the staff who may read every team's applications."""
    return user.is_active and user.is_staff and user.has_perm("applications.view_all_applications")


class ApplicationQuerySet(CandidateRowsMixin, models.QuerySet):
    def with_review_data(self):
        return self.select_related("posting", "posting__team")

    def visible_to(self, user):
        """Applications a staff user may review: the one place this rule is written.

        Recruiters (``view_all_applications``) see every application; hiring
        managers (``view_application`` only) see those for their own teams'
        postings; everyone else sees none. Admin lists, search, detail pages,
        exports and downloads all read through here.
        """
        if not (user.is_active and user.is_staff):
            return self.none()
        if reviews_every_application(user):
            return self
        if user.has_perm("applications.view_application"):
            return self.filter(posting__team__hiring_managers=user)
        return self.none()
