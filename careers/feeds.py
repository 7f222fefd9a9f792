"""RSS and Atom feeds of open postings, narrowed by the list page's own filters."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from .forms import PostingFilterForm
from .models import CompanyProfile, Posting

# Feed readers want what is new; the API pages through everything.
FEED_SIZE = 100


@dataclass
class Selection:
    """What one feed request asked for: the validated filters, for the company's feed at ``path``."""

    company: CompanyProfile
    form: PostingFilterForm
    path: str

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

    def with_query(self, path):
        query = urlencode({name: value for name, value in self.filters.items() if value})
        return f"{path}?{query}" if query else path


class OpenPostingsFeed(Feed):
    """RSS 2.0. Accepts ?team=, ?location=, ?workplace= and ?q= exactly as the list page does."""

    description_template = "careers/feed_item.html"

    def get_object(self, request):
        form = PostingFilterForm.public(request.GET)
        form.filters()
        if form.errors:
            # The list page ignores an unknown filter and says so; a subscription cannot be told,
            # so it is not there (nor is a team's feed while it has no open postings).
            raise Http404("No such team, location or workplace.")
        # Per request: the Feed instance itself is shared by every request (and thread).
        return Selection(company=CompanyProfile.load(), form=form, path=request.path)

    def title(self, selection):
        names = selection.describe()
        return f"Open roles at {selection.company.name}" + (f": {', '.join(names)}" if names else "")

    def description(self, selection):
        # Feed readers render an RSS channel description as HTML; the company name is staff-typed text.
        return escape(self.subtitle(selection))

    def subtitle(self, selection):
        return f"New and open roles at {selection.company.name}, newest first."

    def link(self, selection):
        return selection.with_query(reverse("careers:posting_list"))

    def feed_url(self, selection):
        return selection.with_query(selection.path)

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
    feed_type = Atom1Feed  # its subtitle is plain text (type="text"), escaped by the XML writer alone
