"""The figures behind the reports, each one aggregate query in the database.

Every figure starts from ``Application.objects.visible_to(user)`` (``report_applications``),
so a hiring manager's reports count their own teams' applications only. The number of
queries never depends on the number of applications.

Erased applications are not counted: only anonymous monthly figures remain of them
(``ErasedApplication``), with no week, no history and no source, so they cannot be
placed in these charts; the report page says so.
"""

import datetime
import statistics
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Lower, Trim, TruncWeek
from django.utils import timezone

from applications.models import Application, ApplicationStage, StageChange

# The forward path of an application; Rejected and Withdrawn are ways out of it, not steps.
PROGRESS = (
    ApplicationStage.NEW, ApplicationStage.REVIEWING, ApplicationStage.INTERVIEWING,
    ApplicationStage.OFFER, ApplicationStage.HIRED,
)
TOP_SOURCES = 10
SECONDS_PER_DAY = 86400


def may_see_reports(user) -> bool:
    """Reports are for those who may read applications at all (not site administrators or coordinators).

    Asked of ``visible_to`` itself rather than of roles, so the access rule is written once.
    """
    return not Application.objects.visible_to(user).query.is_empty()


def report_applications(user, *, posting=None, team=None, start: datetime.date, end: datetime.date):
    """Applications ``user`` may read, submitted from ``start`` to ``end`` (local dates, both included)."""
    applications = Application.objects.visible_to(user).order_by()
    if posting is not None:
        applications = applications.filter(posting=posting)
    if team is not None:
        applications = applications.filter(posting__team=team)
    return applications.filter(submitted_at__gte=_local_midnight(start), submitted_at__lt=_local_midnight(end + datetime.timedelta(days=1)))


def _local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def applications_per_week(applications, *, start, end):
    """[(Monday, count)] for every week from ``start`` to ``end``, empty weeks included."""
    counted = {
        row["week"].date() if isinstance(row["week"], datetime.datetime) else row["week"]: row["n"]
        for row in applications.annotate(week=TruncWeek("submitted_at")).values("week").annotate(n=Count("pk"))
    }
    weeks, monday = [], week_start(start)
    while monday <= end:
        weeks.append((monday, counted.get(monday, 0)))
        monday += datetime.timedelta(days=7)
    return weeks


def _rank(field):
    return Case(*(When(**{field: stage}, then=Value(i)) for i, stage in enumerate(PROGRESS)), default=Value(-1),
                output_field=IntegerField())


@dataclass(frozen=True)
class FunnelRow:
    stage: ApplicationStage
    reached: int | None  # None for Rejected and Withdrawn: ways out, not steps
    now: int
    share: float | None  # reached as a share of all applications


def funnel(applications):
    """How many applications reached each stage (now or at any time, from the stage history) and how many are in it now."""
    furthest_in_history = (
        StageChange.objects.filter(application=OuterRef("pk")).order_by().values("application")
        .annotate(m=Max(Greatest(_rank("from_stage"), _rank("to_stage")))).values("m")
    )
    figures = applications.annotate(
        furthest=Greatest(_rank("stage"), Coalesce(Subquery(furthest_in_history, output_field=IntegerField()), Value(-1)))
    ).aggregate(
        total=Count("pk"),
        **{f"reached_{stage.value}": Count("pk", filter=Q(furthest__gte=i)) for i, stage in enumerate(PROGRESS) if i},
        **{f"now_{stage.value}": Count("pk", filter=Q(stage=stage)) for stage in ApplicationStage},
    )
    total = figures["total"]
    rows = []
    for stage in ApplicationStage:
        reached = None
        if stage in PROGRESS:
            reached = total if stage == ApplicationStage.NEW else figures[f"reached_{stage.value}"]
        share = reached / total if reached is not None and total else None
        rows.append(FunnelRow(stage=stage, reached=reached, now=figures[f"now_{stage.value}"], share=share))
    return total, rows


@dataclass(frozen=True)
class StageTime:
    stage: ApplicationStage
    stays: int
    median_days: float | None
    average_days: float | None


class _Median(Aggregate):
    """PostgreSQL's exact median: ``percentile_cont(0.5) WITHIN GROUP (ORDER BY x)``."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


class _EpochSeconds(Func):
    template = "EXTRACT(EPOCH FROM %(expressions)s)"
    output_field = FloatField()


def time_in_stage(applications):
    """Days spent in each stage by the applications that have left it (median and average).

    A stay starts when the application entered the stage (its previous change, or its
    submission for New) and ends at the change that moved it on. Stays still running
    are not counted: their length is not known yet.
    """
    previous = (
        StageChange.objects.filter(application=OuterRef("application"))
        .filter(Q(at__lt=OuterRef("at")) | Q(at=OuterRef("at"), pk__lt=OuterRef("pk")))
        .order_by("-at", "-pk").values("at")[:1]
    )
    entered = Coalesce(Subquery(previous), F("application__submitted_at"))
    changes = StageChange.objects.filter(application__in=applications.values("pk")).order_by()
    if connection.vendor == "postgresql":
        stay = _EpochSeconds(ExpressionWrapper(F("at") - entered, output_field=DurationField()))
        rows = (
            changes.annotate(seconds=stay).values("from_stage")
            .annotate(stays=Count("pk"), median=_Median("seconds"), average=Avg("seconds"))
        )
        found = {row["from_stage"]: (row["stays"], row["median"], row["average"]) for row in rows}
    else:  # SQLite (make run): no median in the database, so the stays' lengths are summed up here
        found = summarise_stays(changes.annotate(entered=entered).values_list("from_stage", "entered", "at"))
    return [
        StageTime(
            stage=stage, stays=found.get(stage, (0,))[0],
            median_days=_days(found.get(stage, (0, None))[1]), average_days=_days(found.get(stage, (0, None, None))[2]),
        )
        for stage in ApplicationStage if stage not in (ApplicationStage.HIRED, ApplicationStage.WITHDRAWN)
    ]


def summarise_stays(rows):
    """{stage: (stays, median seconds, average seconds)} from (stage, entered, left) rows."""
    lengths = {}
    for stage, entered, left in rows:
        if isinstance(entered, str):  # SQLite hands back a Coalesce of datetimes as text
            entered = datetime.datetime.fromisoformat(entered)
        lengths.setdefault(stage, []).append((left - entered).total_seconds())
    return {stage: (len(values), statistics.median(values), statistics.fmean(values)) for stage, values in lengths.items()}


def _days(seconds):
    return None if seconds is None else round(seconds / SECONDS_PER_DAY, 1)


def sources(applications, total):
    """The tracked sources (posting links) and the candidates' own answers, most frequent first.

    Each is [(label, count)]: at most TOP_SOURCES values, then "Other" for the rest. Answers
    are grouped ignoring case and surrounding spaces. Empty values are "" (labelled by the page).
    """
    tracked = applications.values("referral_source").annotate(n=Count("pk")).order_by("-n", "referral_source")
    answers = (
        applications.annotate(answer=Lower(Trim("source"))).values("answer").annotate(n=Count("pk"))
        .order_by("-n", "answer")
    )
    return (
        _with_other([(row["referral_source"], row["n"]) for row in tracked[:TOP_SOURCES]], total),
        _with_other([(row["answer"], row["n"]) for row in answers[:TOP_SOURCES]], total),
    )


OTHER = None  # the label of "everything else" (a value no source can have)


def _with_other(rows, total):
    rest = total - sum(n for _, n in rows)
    return rows + [(OTHER, rest)] if rest > 0 else rows


def per_posting(applications):
    """[(posting id, title, team name, count)] for the postings in the selection, most applications first."""
    return list(
        applications.values_list("posting", "posting__title", "posting__team__name").annotate(n=Count("pk"))
        .order_by("-n", "posting__title")
    )
