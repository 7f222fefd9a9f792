from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .feeds import OpenPostingsAtomFeed, OpenPostingsFeed
from .sitemaps import SITEMAPS

app_name = "careers"

urlpatterns = [
    path("careers/", views.posting_list, name="posting_list"),
    path("careers/feed/rss/", OpenPostingsFeed(), name="feed_rss"),
    path("careers/feed/atom/", OpenPostingsAtomFeed(), name="feed_atom"),
    path("careers/<slug:slug>/", views.posting_detail, name="posting_detail"),
    path("privacy/", views.privacy_policy, name="privacy"),
    path("privacy/<slug:version>/", views.privacy_policy, name="privacy_version"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
