"""Who may read which applications: the one place each access rule is written."""

from django.db import models, transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.querysets import CandidateRowsMixin


def reviews_every_application(user) -> bool:
    """Recruiters (and superusers): the staff who may read every team's applications."""
    return user.is_active and user.is_staff and user.has_perm("applications.view_all_applications")


def _review_condition(user, *, team):
    """Which rows ``user`` may review, as a condition on the team reached by the path ``team``; None: no rows.

    The rule behind ``visible_to`` and ``postings_reviewable_by``, written once.
    """
    if not (user.is_active and user.is_staff):
        return None
    if reviews_every_application(user):
        return Q()
    if user.has_perm("applications.view_application"):
        return Q(**{f"{team}__hiring_managers": user})
    return None


def postings_reviewable_by(user):
    """Postings whose applications ``user`` may review, including those with none yet (a posting's pipeline)."""
    from careers.models import Posting

    condition = _review_condition(user, team="team")
    return Posting.objects.none() if condition is None else Posting.objects.filter(condition)


class MoveResult(tuple):
    """``(moved, withdrawn)`` counts, and ``moved_ids``: the applications this move changed."""

    def __new__(cls, moved_ids, withdrawn):
        result = super().__new__(cls, (len(moved_ids), withdrawn))
        result.moved_ids = moved_ids
        return result


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
        condition = _review_condition(user, team="posting__team")
        return self.none() if condition is None else self.filter(condition)

    def with_postings_applied(self, viewer):
        """Annotate ``postings_applied``: how many postings this address applied to, as far as ``viewer`` may see.

        Addresses are stored normalised, so "the same candidate" is the exact column;
        counting through ``visible_to`` keeps a hiring manager from learning, even as a
        number, about applications to other teams. One correlated subquery, no query per row.
        """
        same_address = (
            self.model.objects.visible_to(viewer).filter(email=OuterRef("email")).order_by()
            .values("email").annotate(n=Count("posting", distinct=True)).values("n")
        )
        return self.annotate(postings_applied=Coalesce(Subquery(same_address, output_field=IntegerField()), 0))

    def move_to(self, stage, *, by, system=False):
        """Staff (``by``) move these applications to ``stage``, recording each change; returns (moved, withdrawn).

        ``system=True`` (with ``by=None``): a change no person made, such as a closing
        posting rejecting its open candidates. The result also carries ``moved_ids``.

        The one home of a staff stage change (the change form and the bulk actions
        call it). Applications the candidate withdrew are left as they are and
        counted; those already at ``stage`` are left alone. A constant number of
        queries, however many applications.
        """
        from .models import StageChange

        if stage not in self.model.STAFF_STAGES:
            raise ValueError(f"Staff cannot move an application to {stage!r}.")
        if (by is None) != system:
            raise ValueError("A staff change names its user; a system change names none.")
        with transaction.atomic():
            rows = list(
                self.model.objects.filter(pk__in=self.values("pk")).select_for_update().values_list("pk", "stage")
            )
            movable = [(pk, current) for pk, current in rows if current not in (stage, self.model.Stage.WITHDRAWN)]
            withdrawn = sum(current == self.model.Stage.WITHDRAWN for _, current in rows)
            if movable:
                now = timezone.now()
                self.model.objects.filter(pk__in=[pk for pk, _ in movable]).update(stage=stage, updated_at=now)
                StageChange.objects.bulk_create(
                    StageChange(application_id=pk, from_stage=current, to_stage=stage, by=by, by_system=system, at=now)
                    for pk, current in movable
                )
        return MoveResult([pk for pk, _ in movable], withdrawn)
