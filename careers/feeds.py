"""RSS and Atom feeds of open postings, narrowed by the list page's own filters."""

from dataclasses import dataclass
from datetime import datetime, time
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.db.models import Max, Q
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.http import http_date

from .forms import PostingFilterForm
from .models import CompanyProfile, Posting

# Feed readers want what is new; the API pages through everything.
FEED_SIZE = 100
# The list page's filters, in the one order every feed URL uses.
FEED_PARAMETERS = ("q", "team", "location", "workplace")


def feed_url(name, filters):
    """The canonical path and query of feed ``name`` ("feed_rss" or "feed_atom") for ``filters``.

    The list page advertises this URL and the feed names it as its own self link: they must be
    identical (feed validators compare them), so the parameters always come in FEED_PARAMETERS
    order and empty ones are left out.
    """
    return with_query(reverse(f"careers:{name}"), filters)


def with_query(path, filters):
    query = urlencode([(name, filters[name]) for name in FEED_PARAMETERS if filters.get(name)])
    return f"{path}?{query}" if query else path


@dataclass
class Selection:
    """What one feed request asked for: the validated filters, for the company's feeds."""

    company: CompanyProfile
    form: PostingFilterForm

    @property
    def filters(self):
        return self.form.filters()

    def describe(self):
        """The chosen team, location and workplace as their people-readable names."""
        return [
            dict(self.form.fields[name].choices)[value]
            for name in ("team", "location", "workplace")
            if (value := self.filters[name])
        ]

    def last_modified(self):
        """When anything the feed shows last changed.

        Its postings, their teams and locations, and the company texts; and midnight, when
        postings past their closing date leave the feed without anything being saved.
        """
        changed = Posting.objects.aggregate(
            posting=Max("updated_at"), team=Max("team__updated_at"), location=Max("locations__updated_at"),
            # A scheduled posting going live changes the feed without a save.
            went_live=Max("published_at", filter=Q(pk__in=Posting.objects.published().values("pk"))),
        )
        midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
        return max(filter(None, [*changed.values(), self.company.updated_at, midnight]))


class OpenPostingsFeed(Feed):
    """RSS 2.0. Accepts ?team=, ?location=, ?workplace= and ?q= exactly as the list page does."""

    description_template = "careers/feed_item.html"
    url_name = "feed_rss"

    def __call__(self, request, *args, **kwargs):
        """The feed with an ETag and Last-Modified, answering a matching conditional GET with 304."""
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        selection = self.get_object(request)
        feedgen = self.get_feed(selection, request)
        response = HttpResponse(content_type=feedgen.content_type)
        feedgen.write(response, "utf-8")
        set_response_etag(response)
        last_modified = int(selection.last_modified().timestamp())
        response.headers["Last-Modified"] = http_date(last_modified)
        response.headers["Cache-Control"] = "public, no-cache"
        return get_conditional_response(
            request, etag=response.headers["ETag"], last_modified=last_modified, response=response
        )

    def get_object(self, request):
        form = PostingFilterForm.public(request.GET)
        form.filters()
        if form.errors:
            # The list page ignores an unknown filter and says so; a subscription cannot be told,
            # so it is not there (nor is a team's feed while it has no open postings).
            raise Http404("No such team, location or workplace.")
        # Per request: the Feed instance itself is shared by every request (and thread).
        return Selection(company=CompanyProfile.load(), form=form)

    def title(self, selection):
        names = selection.describe()
        return f"Open roles at {selection.company.name}" + (f": {', '.join(names)}" if names else "")

    def description(self, selection):
        # Feed readers render an RSS channel description as HTML; the company name is staff-typed text.
        return escape(self.subtitle(selection))

    def subtitle(self, selection):
        return f"New and open roles at {selection.company.name}, newest first."

    def link(self, selection):
        return with_query(reverse("careers:posting_list"), selection.filters)

    def feed_url(self, selection):
        return feed_url(self.url_name, selection.filters)

    def author_name(self, selection):
        return selection.company.name

    def items(self, selection):
        postings = Posting.objects.open().filtered(**selection.filters).with_page_data()
        return postings.order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, posting):
        return posting.title

    def item_pubdate(self, posting):
        return posting.published_at

    def item_updateddate(self, posting):
        return posting.content_updated_at

    def item_categories(self, posting):
        return [posting.team.name, posting.get_workplace_type_display(), *(str(loc) for loc in posting.locations.all())]


class OpenPostingsAtomFeed(OpenPostingsFeed):
    url_name = "feed_atom"
    feed_type = Atom1Feed  # its subtitle is plain text (type="text"), escaped by the XML writer alone
