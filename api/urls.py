from django.urls import path, re_path

from . import views

app_name = "api"

urlpatterns = [
    path("postings/", views.PostingList.as_view(), name="posting_list"),
    path("postings/<slug:slug>/", views.PostingDetail.as_view(), name="posting_detail"),
    path("teams/", views.TeamList.as_view(), name="team_list"),
    path("locations/", views.LocationList.as_view(), name="location_list"),
    path("openapi.json", views.OpenAPIDocument.as_view(), name="openapi"),
    # The API root and paths ending in "/" only: others still get APPEND_SLASH's redirect first.
    re_path(r"^([\s\S]*/)?\Z", views.not_found),  # any character, newlines too
]
