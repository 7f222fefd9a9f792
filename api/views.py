"""The public, read-only JSON API: open postings, their teams and locations.

Every read goes through the careers querysets, so the API shows exactly what
the public site shows: ``Posting.objects.open()`` (never a draft, a closed or an
expired posting) and only teams and locations that have open postings.
"""

from django.http import JsonResponse
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import generics, serializers
from rest_framework.response import Response

from careers.models import Location, Posting, Team

from . import serializers as api_serializers
from .http import PublicReadOnlyMixin, allow_cross_origin_reads
from .pagination import PostingPagination

IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match", OpenApiTypes.STR, OpenApiParameter.HEADER,
    description="The ETag of a copy you hold: answered with 304 Not Modified if it is still current.",
)
NOT_MODIFIED = OpenApiResponse(description="Not modified: the copy named by If-None-Match is current.")
ERROR = inline_serializer("Error", {"detail": serializers.CharField()})
NOT_FOUND = OpenApiResponse(ERROR, description="No such open posting, or a page past the last.")
INVALID = OpenApiResponse(
    {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    description="A query parameter is malformed: the body maps each such parameter to its problems.",
)


@extend_schema(
    summary="Open postings",
    description="Open postings, newest first (most relevant first when searching), 25 a page by default. "
    "The order is stable, so walking the pages sees each posting once.",
    parameters=[api_serializers.PostingFilterSerializer, IF_NONE_MATCH],
    responses={200: api_serializers.PostingSerializer(many=True), 304: NOT_MODIFIED, 400: INVALID, 404: NOT_FOUND},
)
class PostingList(PublicReadOnlyMixin, generics.ListAPIView):
    serializer_class = api_serializers.PostingSerializer
    pagination_class = PostingPagination

    def get_queryset(self):
        filters = api_serializers.PostingFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return Posting.objects.open().filtered(**filters.validated_data).with_page_data().in_stable_order()


@extend_schema(
    summary="One open posting",
    description="The posting in full, with the questions its application form asks. "
    "Last-Modified is the last change to the posting, its team or its locations.",
    parameters=[
        OpenApiParameter("slug", str, OpenApiParameter.PATH, pattern=api_serializers.SLUG,
                         description="The posting's slug, as in its url and api_url."),
        IF_NONE_MATCH,
    ],
    responses={200: api_serializers.PostingDetailSerializer, 304: NOT_MODIFIED, 404: NOT_FOUND},
)
class PostingDetail(PublicReadOnlyMixin, generics.RetrieveAPIView):
    serializer_class = api_serializers.PostingDetailSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return Posting.objects.open().with_page_data().prefetch_related("questions", "sections")

    def retrieve(self, request, *args, **kwargs):
        posting = self.get_object()
        # One posting's change time is knowable; a list's is not (a posting that
        # closes leaves it without anything being saved), so lists have the ETag only.
        headers = {"Last-Modified": http_date(posting.content_updated_at.timestamp())}
        return Response(self.get_serializer(posting).data, headers=headers)


@extend_schema(
    summary="Teams with open postings",
    description="Their slugs are what the postings list takes as ?team=.",
    parameters=[IF_NONE_MATCH],
    responses={200: api_serializers.TeamWithCountSerializer(many=True), 304: NOT_MODIFIED},
)
class TeamList(PublicReadOnlyMixin, generics.ListAPIView):
    serializer_class = api_serializers.TeamWithCountSerializer

    def get_queryset(self):
        # Per request: "open" is measured against the time of the request (a class-level queryset
        # would keep the moment of import, and never see a posting go live or close).
        return Team.objects.with_open_posting_counts().order_by("name", "pk")


@extend_schema(
    summary="Locations with open postings",
    description="Their slugs are what the postings list takes as ?location=.",
    parameters=[IF_NONE_MATCH],
    responses={200: api_serializers.LocationWithCountSerializer(many=True), 304: NOT_MODIFIED},
)
class LocationList(PublicReadOnlyMixin, generics.ListAPIView):
    serializer_class = api_serializers.LocationWithCountSerializer

    def get_queryset(self):
        return Location.objects.with_open_posting_counts().order_by("city", "pk")  # per request, as above


class OpenAPIDocument(PublicReadOnlyMixin, SpectacularJSONAPIView):
    """The OpenAPI 3 document of this API (generated from the views and serializers above)."""


def not_found(request, *args, **kwargs):
    """Any other path under the API: a JSON 404, like the API's own, not the site's HTML page."""
    return allow_cross_origin_reads(request, JsonResponse({"detail": "Not found."}, status=404))
