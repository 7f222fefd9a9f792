"""The report pages and CSV downloads over HTTP: every role, rendered figures, hostile text, query counts."""

import csv
import io
import re

import pytest
from django.test import Client
from django.utils import timezone

from applications.models import Application
from tests.factories import ApplicationFactory, PostingFactory, SuperuserFactory, UserFactory, staff_in_role
from tests.reports.conftest import RANGE

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/applicationreport/"
KINDS = ("weekly", "funnel", "time-in-stage", "sources")


def signed_in(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def urls(posting_id):
    query = f"?start={RANGE['start']}&end={RANGE['end']}"
    pages = [REPORT + query, f"{REPORT}{query}&posting={posting_id}"]
    csvs = [f"{REPORT}csv/{kind}/{query}&posting={posting_id}" for kind in KINDS]
    return pages + csvs


@pytest.mark.parametrize(("who", "expected"), [
    ("anonymous", 302), ("candidate", 302), ("Site administrator", 403), ("Accommodations coordinator", 403),
    ("manager", 200), ("Recruiter", 200), ("superuser", 200),
])
def test_every_role_over_http(world, who, expected):
    users = {
        "anonymous": None, "candidate": UserFactory(email_verified_at=timezone.now()), "manager": world["manager"],
        "superuser": SuperuserFactory(),
    }
    user = users[who] if who in users else staff_in_role(who)
    client = signed_in(user)
    for url in urls(world["our_posting"].pk):
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == 302:
            assert "/admin/login/" in response["Location"]
        body = response.content.decode()
        # Figures only: no candidate's name or address on any report, for any role.
        assert "Lovelace" not in body and not re.search(r"candidate\d+@", body)


def test_a_hiring_manager_of_another_team_gets_the_same_404_as_for_a_missing_posting(world):
    client = signed_in(world["other_manager"])
    for posting_id in (world["our_posting"].pk, 999_999):
        for url in urls(posting_id)[1:]:
            assert client.get(url).status_code == 404, url
    assert signed_in(world["recruiter"]).get(f"{REPORT}?posting=999999").status_code == 404
    assert client.get(f"{REPORT}?team={world['ours'].pk}").status_code == 404
    # Their own overall report counts their own team's application only.
    page = client.get(REPORT + f"?start={RANGE['start']}&end={RANGE['end']}").content.decode()
    assert "<strong>1</strong> application submitted" in page and "Our Role" not in page


def test_sites_admins_and_coordinators_see_no_link_to_reports(world):
    for role in ("Site administrator", "Accommodations coordinator"):
        assert REPORT not in signed_in(staff_in_role(role)).get("/admin/").content.decode()
    for user in (world["recruiter"], world["manager"]):
        assert REPORT in signed_in(user).get("/admin/").content.decode()


def test_the_page_shows_figures_charts_and_tables(world):
    response = signed_in(world["recruiter"]).get(REPORT, RANGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>4</strong> applications submitted" in html
    main = html.split('id="content-main"')[1]
    assert main.count('<svg class="chart"') == 5 and main.count("<caption>") == 6
    assert "style=" not in main
    assert "Erased applications are not" in html
    assert ">2 (50%)<" in html  # Reviewing reached by half
    assert "linkedin" in html and "a friend" in html and "(untagged link)" in html
    assert f"?posting={world['our_posting'].pk}&amp;start=2026-11-02" in html  # reports per posting


def test_a_posting_report_counts_that_posting_only(world):
    html = signed_in(world["manager"]).get(REPORT, {**RANGE, "posting": world["our_posting"].pk}).content.decode()
    assert "Report: Our Role" in html and "<strong>3</strong> applications submitted" in html
    assert "Reports per posting" not in html


def test_bad_dates_are_a_400_with_the_reason(world):
    response = signed_in(world["recruiter"]).get(REPORT, {"start": "2026-11-22", "end": "2026-11-02"})
    assert response.status_code == 400 and "start date must be on or before" in response.content.decode()


def rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_csv_downloads_hold_each_reports_figures(world):
    client = signed_in(world["recruiter"])
    weekly = client.get(f"{REPORT}csv/weekly/", RANGE)
    assert weekly["Content-Type"].startswith("text/csv") and "attachment" in weekly["Content-Disposition"]
    assert rows(weekly) == [["week_starting", "applications"], ["2026-11-02", "2"], ["2026-11-09", "1"], ["2026-11-16", "1"]]
    funnel = rows(client.get(f"{REPORT}csv/funnel/", RANGE))
    assert funnel[0] == ["stage", "reached", "share_reached", "now_in_stage"] and funnel[2] == ["Reviewing", "2", "0.500", "1"]
    times = rows(client.get(f"{REPORT}csv/time-in-stage/", RANGE))
    assert times[1] == ["New", "3", "3.0", "4.3"]
    assert client.get(f"{REPORT}csv/nonsense/", RANGE).status_code == 404


def test_hostile_sources_are_escaped_and_formulas_neutralised(world):
    posting = world["our_posting"]
    ApplicationFactory(posting=posting, source='=HYPERLINK("http://evil.example","x")')
    ApplicationFactory(posting=posting, source="<script>alert(1)</script>")
    client = signed_in(world["recruiter"])
    html = client.get(REPORT).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    answers = [row[1] for row in rows(client.get(f"{REPORT}csv/sources/")) if row[0] == "candidate's answer"]
    assert "'=hyperlink(\"http://evil.example\",\"x\")" in answers


def add_applications(posting, count, prefix, recruiter):
    """``count`` applications in one INSERT; half moved on to Reviewing, a quarter of all on to Interviewing."""
    created = Application.objects.bulk_create(
        Application(posting=posting, first_name="Bulk", last_name=prefix, email=f"{prefix}{n}@example.com",
                    country="UK", resume=f"resumes/{prefix}{n}.pdf", resume_name="cv.pdf",
                    referral_source=f"source{n % 15}", source=f"Answer {n % 13}")
        for n in range(count)
    )
    pks = [application.pk for application in created]
    Application.objects.filter(pk__in=pks[: count // 2]).move_to(Application.Stage.REVIEWING, by=recruiter)
    Application.objects.filter(pk__in=pks[: count // 4]).move_to(Application.Stage.INTERVIEWING, by=recruiter)


@pytest.mark.parametrize("who", ["recruiter", "manager"])
def test_query_count_is_constant_in_the_number_of_applications(world, who):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    posting = PostingFactory(team=world["ours"])
    client = signed_in(world[who])
    pages = (REPORT, f"{REPORT}?posting={posting.pk}", f"{REPORT}csv/sources/")
    counts = {}
    for size, more in ((10, 10), (1000, 990)):
        add_applications(posting, more, f"n{size}-", world["recruiter"])
        assert Application.objects.filter(posting=posting).count() == size
        for url in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts[size, url] = len(queries)
    assert [counts[10, url] for url in pages] == [counts[1000, url] for url in pages], counts
