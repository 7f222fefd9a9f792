"""/sitemap.xml: the public pages search engines should know about."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Posting, PrivacyPolicy


class PagesSitemap(Sitemap):
    def items(self):
        pages = ["careers:posting_list"]
        if PrivacyPolicy.objects.current() is not None:  # /privacy/ is a 404 until a policy is in effect
            pages.append("careers:privacy")
        return pages

    def location(self, name):
        return reverse(name)


class PostingSitemap(Sitemap):
    """Every open posting (never a draft, closed or expired one), dated by its last content change."""

    def items(self):
        return Posting.objects.open().with_page_data().in_stable_order()

    def lastmod(self, posting):
        return posting.content_updated_at


SITEMAPS = {"pages": PagesSitemap, "postings": PostingSitemap}
