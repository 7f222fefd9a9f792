"""A posting's pipeline: its applications in columns by stage, moved with a plain form (no JavaScript).

Reads go through ``Application.objects.visible_to`` and ``postings_reviewable_by`` (the role
rules); moves go through ``Application.move_to`` (which records the change). The page costs the
same queries at 10 or 10,000 applications: counts come from one aggregate, and each column shows
at most ``CARDS_PER_STAGE`` cards (one windowed query) with a link to the filtered list for the rest.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .models import Application
from .querysets import postings_reviewable_by

CARDS_PER_STAGE = 10
# Work pages (lists, pipeline) hide Django's navigation sidebar: its 300 px are the table's at 1024 px.
WORK_PAGE_CONTEXT = {"is_nav_sidebar_enabled": False}
# First come, first seen: the order of cards in a column, and of previous/next on the application page.
PIPELINE_ORDER = ("submitted_at", "pk")


@dataclass
class Column:
    stage: Application.Stage
    count: int
    list_url: str
    cards: list = field(default_factory=list)

    @property
    def more(self):
        return self.count - len(self.cards)

    @property
    def movable(self):
        return self.stage != Application.Stage.WITHDRAWN


def pipeline_url(posting_id):
    return reverse("admin:applications_application_pipeline", args=[posting_id])


def filtered_list_url(**filters):
    return reverse("admin:applications_application_changelist") + "?" + urlencode(filters)


def pipeline_columns(applications, posting):
    """One column per stage of ``posting``'s ``applications`` (already limited to what the viewer may see)."""
    of_posting = applications.filter(posting=posting).order_by()
    counts = dict(of_posting.values_list("stage").annotate(n=Count("pk")))
    first_cards = (
        of_posting.only("pk", "first_name", "last_name", "stage", "submitted_at")
        .annotate(place=Window(RowNumber(), partition_by=F("stage"), order_by=[F(f).asc() for f in PIPELINE_ORDER]))
        .filter(place__lte=CARDS_PER_STAGE)
        .order_by(*PIPELINE_ORDER)
    )
    cards = defaultdict(list)
    for application in first_cards:
        cards[application.stage].append(application)
    return [
        Column(stage, counts.get(stage, 0), filtered_list_url(posting__id__exact=posting.pk, stage__exact=stage),
               cards[stage])
        for stage in Application.Stage
    ]


def pipeline_view(model_admin, request, posting_id):
    """The board: roles that read no applications get 403; a posting the viewer may not review, 404."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    posting = get_object_or_404(postings_reviewable_by(request.user).select_related("team"), pk=posting_id)
    columns = pipeline_columns(Application.objects.visible_to(request.user), posting)
    context = {
        **model_admin.admin_site.each_context(request),
        **WORK_PAGE_CONTEXT,
        "opts": Application._meta,
        "title": f"Pipeline: {posting.title}",
        "posting": posting,
        "columns": columns,
        "total": sum(column.count for column in columns),
        "list_url": filtered_list_url(posting__id__exact=posting.pk),
        "report_url": reverse("admin:reports_applicationreport_changelist") + f"?posting={posting.pk}",
        "can_move": model_admin.has_change_permission(request),
        "stage_choices": Application.STAFF_STAGE_CHOICES,
    }
    return TemplateResponse(request, "admin/applications/application/pipeline.html", context)


class MoveForm(forms.Form):
    application = forms.IntegerField(min_value=1)
    stage = forms.ChoiceField(choices=Application.STAFF_STAGE_CHOICES)


def pipeline_move(model_admin, request, posting_id):
    """Move one card (POST), then back to the board at that card."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    posting = get_object_or_404(postings_reviewable_by(request.user), pk=posting_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose an application and a stage to move it to.")
        return redirect(pipeline_url(posting.pk))
    application = get_object_or_404(
        Application.objects.visible_to(request.user), pk=form.cleaned_data["application"], posting=posting
    )
    stage = Application.Stage(form.cleaned_data["stage"])
    if application.stage == stage:
        messages.info(request, f"{application.full_name} is already in “{stage.label}”.")
    else:
        try:
            application.move_to(stage, by=request.user)
        except ValueError:
            messages.error(
                request, f"{application.full_name} withdrew this application: only the candidate changes a "
                "withdrawn application, so it was not moved.",
            )
        else:
            messages.success(request, f"{application.full_name} moved to “{stage.label}”.")
    return redirect(f"{pipeline_url(posting.pk)}#application-{application.pk}")


def change_page_context(request, application):
    """For the application page: its pipeline, and the previous/next applicant of the same posting and stage.

    The links keep the list's filters (``_changelist_filters``), so "back to the list" still
    shows what the recruiter was working through.
    """
    pk = application.pk
    visible = Application.objects.visible_to(request.user)
    same = visible.filter(posting_id=application.posting_id, stage=application.stage).order_by()
    at = application.submitted_at
    earlier = Q(submitted_at__lt=at) | Q(submitted_at=at, pk__lt=pk)
    later = Q(submitted_at__gt=at) | Q(submitted_at=at, pk__gt=pk)
    previous = same.filter(earlier).order_by("-submitted_at", "-pk").values_list("pk", flat=True).first()
    following = same.filter(later).order_by(*PIPELINE_ORDER).values_list("pk", flat=True).first()
    place = same.aggregate(total=Count("pk"), before=Count("pk", filter=earlier))
    kept = request.GET.get("_changelist_filters")
    suffix = "?" + urlencode({"_changelist_filters": kept}) if kept else ""

    def change_url(other):
        return reverse("admin:applications_application_change", args=[other]) + suffix if other else None

    return {"pipeline_nav": {
        "stage": Application.Stage(application.stage).label,
        "position": place["before"] + 1,
        "total": place["total"],
        "previous_url": change_url(previous),
        "next_url": change_url(following),
        "pipeline_url": pipeline_url(application.posting_id),
    }}
