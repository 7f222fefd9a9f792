"""Querysets that speak the domain: what the public, staff and exports may read."""

from django.db import connection, models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone


def posting_search_vector():
    """The full-text document of a posting: title > intro, role, team and places > lists and added sections.

    Stored in ``Posting.search_vector`` (GIN-indexed on PostgreSQL) so a search
    is one index lookup: neither recomputing documents per row nor joining
    teams and locations. The team and location names are part of the document,
    so renaming a team or an office refreshes its postings (``careers.signals``).
    """
    from django.contrib.postgres.search import SearchVector
    from django.db.models.functions import Concat

    from .models import Posting, Team

    team_name = models.Subquery(Team.objects.filter(pk=models.OuterRef("team_id")).values("name")[:1])
    Through = Posting.locations.through
    places = models.Subquery(
        Through.objects.filter(posting_id=models.OuterRef("pk")).order_by().values("posting_id")
        .annotate(names=models.StringAgg(Concat("location__city", models.Value(" "), "location__country"), models.Value(" ")))
        .values("names")
    )
    from .models import PostingSection

    added = models.Subquery(
        PostingSection.objects.filter(posting_id=models.OuterRef("pk")).order_by().values("posting_id")
        .annotate(text=models.StringAgg(
            Concat("heading", models.Value(" "), "body", output_field=models.TextField()), models.Value(" ")
        ))
        .values("text")
    )
    return (
        SearchVector("title", weight="A", config="english")
        + SearchVector("intro", "about_role", team_name, places, weight="B", config="english")
        + SearchVector("qualifications", "thrive_if", added, weight="C", config="english")
    )


class PostingQuerySet(models.QuerySet):
    def published(self):
        """Live: published, and its publication time has come.

        A published posting with ``published_at`` in the future is *scheduled*: it goes
        live at that moment without anyone saving it, so every public channel asks here.
        """
        return self.filter(status=self.model.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Published for a time still to come: public from ``published_at`` on, not before."""
        return self.filter(status=self.model.Status.PUBLISHED, published_at__gt=timezone.now())

    def open(self):
        """Published and not past its closing date: what candidates may apply to."""
        today = timezone.localdate()
        return self.published().filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))

    def closed_before(self, when):
        """Postings that stopped being open before ``when``: closed by staff then, or past their closing date.

        The retention clock of candidates' data starts here, so a posting that is
        open now (re-opened, or its closing date moved) is never in it.
        """
        day = timezone.localtime(when).date()
        return self.filter(
            Q(status=self.model.Status.CLOSED, closed_at__lt=when)
            | Q(status=self.model.Status.PUBLISHED, closes_on__lt=day)
        )

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
            return (
                self.filter(search_vector=search_query)
                .annotate(search_rank=SearchRank(F("search_vector"), search_query))
                .order_by("-search_rank", "-published_at", "pk")
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
        """Ids of postings whose team or location name or an added section contains ``text`` (SQLite's search)."""
        from .models import Location, PostingSection, Team

        Through = self.model.locations.through
        by_location = Through.objects.filter(
            location__in=Location.objects.filter(Q(city__icontains=text) | Q(country__icontains=text))
        ).values("posting_id")
        by_team = self.model.objects.filter(team__in=Team.objects.filter(name__icontains=text)).values("pk")
        by_section = PostingSection.objects.filter(Q(heading__icontains=text) | Q(body__icontains=text))
        return by_location.union(by_team, by_section.values("posting_id"))

    def refresh_search_vector(self):
        """Recompute the stored full-text document (PostgreSQL only; SQLite searches by substring)."""
        if connection.vendor == "postgresql":
            self.update(search_vector=posting_search_vector())

    def filtered(self, *, q="", team="", location="", workplace=""):
        return self.for_team(team).at_location(location).with_workplace(workplace).search(q)

    def with_page_data(self):
        """Everything a list or detail page shows, in a fixed number of queries.

        The stored search document is large and never shown, so it is not fetched.
        """
        return self.select_related("team").prefetch_related("locations").defer("search_vector")

    def in_stable_order(self):
        """The current order, then the primary key as the last tie-breaker.

        Postings published at the same moment with the same title (or with the
        same search rank) may otherwise come back in any order, so a page could
        repeat or skip one: API clients walking the pages must see each once.
        """
        return self.order_by(*(self.query.order_by or self.model._meta.ordering), "pk")


class _WithOpenPostingsMixin:
    """For teams and locations: ``posting_relation`` names the Posting field that points here."""

    def _open_postings_here(self):
        from .models import Posting

        return Posting.objects.open().filter(**{self.posting_relation: models.OuterRef("pk")})

    def with_open_postings(self):
        """Only rows that have at least one open posting.

        Public lists of teams and locations use this so that a team or office
        that exists only for a draft (an unannounced team, say) never shows.
        An EXISTS per row stops at the first open posting it finds.
        """
        return self.filter(models.Exists(self._open_postings_here()))

    def with_open_posting_counts(self):
        """``with_open_postings()``, each row annotated with ``open_postings`` (how many)."""
        per_row = (
            self._open_postings_here().order_by().values(self.posting_relation)
            .annotate(n=models.Count("pk")).values("n")
        )
        return self.with_open_postings().annotate(
            open_postings=Coalesce(models.Subquery(per_row, output_field=models.IntegerField()), 0)
        )


class TeamQuerySet(_WithOpenPostingsMixin, models.QuerySet):
    posting_relation = "team"


class LocationQuerySet(_WithOpenPostingsMixin, models.QuerySet):
    posting_relation = "locations"


class PrivacyPolicyQuerySet(models.QuerySet):
    def in_effect(self):
        return self.filter(effective_on__lte=timezone.localdate())

    def current(self):
        return self.in_effect().order_by("-effective_on", "-created_at").first()
