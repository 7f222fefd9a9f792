"""The report page and its CSV downloads (wired into the admin by reports/admin.py).

Thin: parse the filters, ask the selectors, hand the figures to the template or the CSV writer.
"""

import csv

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from applications.models import Application
from config.spreadsheets import csv_safe

from . import charts, selectors
from .forms import ReportFilterForm

REPORTS = ("weekly", "funnel", "time-in-stage", "sources")
NO_TRACKED_SOURCE = "(untagged link)"
NO_ANSWER = "(no answer)"
OTHER = "Other"


def _filtered(request):
    """(form, applications) for the request's filters; 403 for roles that read no applications, 404 for a foreign choice."""
    if not selectors.may_see_reports(request.user):
        raise PermissionDenied
    form = ReportFilterForm(request.GET, visible_applications=Application.objects.visible_to(request.user))
    if not form.is_valid():
        if form.unknown_choice():
            raise Http404("No such posting or team.")
        return form, None
    return form, selectors.report_applications(request.user, **form.filters())


def figures(applications, *, start, end):
    total, funnel_rows = selectors.funnel(applications)
    tracked, answers = selectors.sources(applications, total)
    return {
        "total": total,
        "weekly": selectors.applications_per_week(applications, start=start, end=end),
        "funnel": funnel_rows,
        "time_in_stage": selectors.time_in_stage(applications),
        "tracked": [(_source_label(label, NO_TRACKED_SOURCE), n) for label, n in tracked],
        "answers": [(_source_label(label, NO_ANSWER), n) for label, n in answers],
    }


def _source_label(label, empty):
    if label is selectors.OTHER:
        return OTHER
    return label or empty


def report_page(request, admin_context):
    form, applications = _filtered(request)
    context = {**admin_context, "form": form, "title": "Application reports"}
    if applications is None:
        return TemplateResponse(request, "admin/reports/report.html", context, status=400)
    filters = form.filters()
    data = figures(applications, start=filters["start"], end=filters["end"])
    context.update(
        data,
        filters=filters,
        title=f"Report: {filters['posting'].title}" if filters["posting"] else "Application reports",
        query=request.GET.urlencode(),
        postings=None if filters["posting"] else selectors.per_posting(applications),
        weekly_chart=_weekly_chart(data["weekly"]),
        funnel_chart=charts.horizontal_bars(
            [(row.stage.label, row.reached, f"{row.reached} ({row.share:.0%})" if row.share is not None else str(row.reached))
             for row in data["funnel"] if row.reached is not None]
        ),
        time_chart=charts.horizontal_bars(
            [(row.stage.label, row.median_days, "—" if row.median_days is None else f"{row.median_days} d")
             for row in data["time_in_stage"]]
        ),
        tracked_chart=charts.horizontal_bars([(label, n, str(n)) for label, n in data["tracked"]]),
        answers_chart=charts.horizontal_bars([(label, n, str(n)) for label, n in data["answers"]]),
    )
    return TemplateResponse(request, "admin/reports/report.html", context)


def _weekly_chart(weekly):
    bars, height, baseline = charts.columns([(f"{monday.day} {monday:%b}", n) for monday, n in weekly])
    return {"bars": bars, "height": height, "baseline": baseline, "width": charts.WIDTH}


def report_csv(request, kind):
    """One report's table as CSV, for the same filters as the page."""
    if kind not in REPORTS:
        raise Http404
    form, applications = _filtered(request)
    if applications is None:
        raise Http404("Invalid filters.")
    filters = form.filters()
    data = figures(applications, start=filters["start"], end=filters["end"])
    header, rows = _csv_rows(kind, data)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="report-{kind}-{timezone.localdate()}.csv"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        # Sources are typed by candidates and link authors: formulas are neutralised.
        writer.writerow([csv_safe("" if value is None else value) for value in row])
    return response


def _csv_rows(kind, data):
    if kind == "weekly":
        return ("week_starting", "applications"), [(monday.isoformat(), n) for monday, n in data["weekly"]]
    if kind == "funnel":
        return ("stage", "reached", "share_reached", "now_in_stage"), [
            (row.stage.label, row.reached, None if row.share is None else f"{row.share:.3f}", row.now)
            for row in data["funnel"]
        ]
    if kind == "time-in-stage":
        return ("stage", "completed_stays", "median_days", "average_days"), [
            (row.stage.label, row.stays, row.median_days, row.average_days) for row in data["time_in_stage"]
        ]
    return ("kind", "source", "applications"), [
        *(("tracked source", label, n) for label, n in data["tracked"]),
        *(("candidate's answer", label, n) for label, n in data["answers"]),
    ]
