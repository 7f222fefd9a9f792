"""Querysets that speak the domain: what the public, staff and exports may read."""

from django.db import connection, models
from django.db.models import Q
from django.utils import timezone


def posting_search_vector():
    """The full-text document of a posting's own text.

    Shared by the PostgreSQL GIN expression index (see the migration) and the
    search query, so the planner can use the index: the two expressions must be
    identical.
    """
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("title", weight="A", config="english")
        + SearchVector("intro", "about_role", weight="B", config="english")
        + SearchVector("qualifications", "thrive_if", weight="C", config="english")
    )


class PostingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=self.model.Status.PUBLISHED)

    def open(self):
        """Published and not past its closing date: what candidates may apply to."""
        today = timezone.localdate()
        return self.published().filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))

    def for_team(self, slug):
        return self.filter(team__slug=slug) if slug else self

    def at_location(self, slug):
        # Location slugs are unique and a posting lists a location once, so this
        # join cannot duplicate rows: no DISTINCT needed.
        return self.filter(locations__slug=slug) if slug else self

    def with_workplace(self, workplace):
        return self.filter(workplace_type=workplace) if workplace else self

    def search(self, query):
        """Postings matching ``query`` in title, body, team or location.

        PostgreSQL: ranked full-text search (websearch syntax) on the indexed
        document, plus team and location names. SQLite: a case-insensitive
        substring match on the same fields, good enough for development.
        """
        query = (query or "").strip()
        if not query:
            return self
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchRank

            search_query = SearchQuery(query, search_type="websearch", config="english")
            vector = posting_search_vector()
            # Each branch is its own subquery so the full-text one can use the GIN index.
            text_matches = self.model.objects.annotate(document=vector).filter(document=search_query).values("pk")
            return (
                self.filter(Q(pk__in=text_matches) | Q(pk__in=self._matching_names(query)))
                .annotate(search_rank=SearchRank(vector, search_query))
                .order_by("-search_rank", "-published_at")
            )
        # SQLite: every word must appear somewhere (title, body, team or location).
        matches = self
        for word in query.split()[:10]:
            text = Q()
            for field in ("title", "intro", "about_role", "qualifications", "thrive_if"):
                text |= Q(**{f"{field}__icontains": word})
            matches = matches.filter(text | Q(pk__in=self._matching_names(word)))
        return matches

    def _matching_names(self, text):
        """Ids of postings whose team or location name contains ``text``."""
        return self.model.objects.filter(
            Q(team__name__icontains=text) | Q(locations__city__icontains=text) | Q(locations__country__icontains=text)
        ).values("pk")

    def filtered(self, *, q="", team="", location="", workplace=""):
        return self.for_team(team).at_location(location).with_workplace(workplace).search(q)

    def with_page_data(self):
        """Everything a list or detail page shows, in a fixed number of queries."""
        return self.select_related("team").prefetch_related("locations")

    def in_stable_order(self):
        """The current order, then the primary key as the last tie-breaker.

        Postings published at the same moment with the same title (or with the
        same search rank) may otherwise come back in any order, so a page could
        repeat or skip one: API clients walking the pages must see each once.
        """
        return self.order_by(*(self.query.order_by or self.model._meta.ordering), "pk")


class _WithOpenPostingsMixin:
    def with_open_postings(self):
        """Only rows that have open postings, annotated with how many.

        Public lists of teams and locations use this so that a team or office
        that exists only for a draft (an unannounced team, say) never shows.
        """
        from .models import Posting

        return self.annotate(
            open_postings=models.Count("postings", filter=Q(postings__in=Posting.objects.open().values("pk")))
        ).filter(open_postings__gt=0)


class TeamQuerySet(_WithOpenPostingsMixin, models.QuerySet):
    pass


class LocationQuerySet(_WithOpenPostingsMixin, models.QuerySet):
    pass


class PrivacyPolicyQuerySet(models.QuerySet):
    def in_effect(self):
        return self.filter(effective_on__lte=timezone.localdate())

    def current(self):
        return self.in_effect().order_by("-effective_on", "-created_at").first()


class ApplicationQuerySet(models.QuerySet):
    def with_review_data(self):
        return self.select_related("posting", "posting__team")

    def visible_to(self, user):
        """Applications a staff user may review (object-level rules live here)."""
        if not (user.is_active and user.is_staff):
            return self.none()
        if user.is_superuser or user.has_perm("careers.view_application"):
            return self
        return self.none()
