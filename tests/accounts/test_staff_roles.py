"""Staff see exactly what their role allows; every look at an application is audited."""

import csv
import io

import pytest
from django.test import Client

from accounts.roles import ROLES
from applications.models import Application, ApplicationAccessLog
from tests.factories import ApplicationFactory, PostingFactory, TeamFactory, staff_in_role

pytestmark = pytest.mark.django_db


def test_every_role_permission_exists():
    from django.contrib.auth.models import Group

    from accounts.roles import sync_roles

    sync_roles()  # strict: raises on any unknown permission
    for name, by_app in ROLES.items():
        group = Group.objects.get(name=name)
        assert group.permissions.count() == sum(len(codenames) for codenames in by_app.values())


@pytest.fixture
def teams():
    x, y = TeamFactory(name="Team X"), TeamFactory(name="Team Y")
    ax = ApplicationFactory(posting=PostingFactory(team=x, title="X Role"), first_name="Xavier", email="xavier@example.com")
    ay = ApplicationFactory(posting=PostingFactory(team=y, title="Y Role"), first_name="Yolanda", email="yolanda@example.com")
    manager = staff_in_role("Hiring manager", email="manager-x@example.com")
    x.hiring_managers.add(manager)
    client = Client()
    client.force_login(manager)
    return client, ax, ay


def test_hiring_manager_list_and_search_show_only_own_team(teams):
    client, ax, ay = teams
    listing = client.get("/admin/applications/application/")
    assert [a.pk for a in listing.context["cl"].result_list] == [ax.pk]
    assert "Yolanda" not in listing.content.decode() and "Y Role" not in listing.content.decode()
    for query in ("Yolanda", "yolanda@example.com", ay.reference):
        found = client.get("/admin/applications/application/", {"q": query})
        assert found.context["cl"].result_count == 0, query


def test_hiring_manager_cannot_open_download_or_export_other_team(teams):
    client, ax, ay = teams
    assert client.get(f"/admin/applications/application/{ax.pk}/change/").status_code == 200
    assert client.get(f"/admin/applications/application/{ay.pk}/change/").status_code == 302  # admin: "doesn't exist"
    assert client.get(f"/admin/applications/application/{ay.pk}/file/resume/").status_code == 404
    assert client.get(f"/admin/applications/application/{ax.pk}/file/resume/").status_code == 200
    response = client.post("/admin/applications/application/", {"action": "export_csv", "_selected_action": [ax.pk, ay.pk]})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["reference"] for row in rows] == [ax.reference]


def test_hiring_manager_cannot_move_other_team_stage(teams):
    client, ax, ay = teams
    client.post("/admin/applications/application/", {"action": "move_to_rejected", "_selected_action": [ay.pk]})
    ay.refresh_from_db()
    assert ay.stage == "new"


def test_recruiter_sees_every_team(teams):
    _, ax, ay = teams
    client = Client()
    client.force_login(staff_in_role("Recruiter"))
    listing = client.get("/admin/applications/application/")
    assert {a.pk for a in listing.context["cl"].result_list} == {ax.pk, ay.pk}


@pytest.mark.parametrize("role", ["Accommodations coordinator", "Site administrator"])
def test_roles_without_application_access_see_none(teams, role):
    _, ax, _ = teams
    client = Client()
    client.force_login(staff_in_role(role))
    assert client.get("/admin/applications/application/").status_code == 403
    assert client.get(f"/admin/applications/application/{ax.pk}/file/resume/").status_code == 403


def test_views_downloads_and_exports_are_audited(teams):
    client, ax, _ = teams
    client.get(f"/admin/applications/application/{ax.pk}/change/")
    client.get(f"/admin/applications/application/{ax.pk}/file/resume/")
    client.post("/admin/applications/application/", {"action": "export_csv", "_selected_action": [ax.pk]})
    log = list(ApplicationAccessLog.objects.order_by("at").values_list("user__email", "action", "application_reference"))
    assert log == [
        ("manager-x@example.com", "viewed", ax.reference),
        ("manager-x@example.com", "resume", ax.reference),
        ("manager-x@example.com", "exported", ax.reference),
    ]


def test_site_administrators_read_and_filter_the_audit_log(teams):
    client, ax, _ = teams
    client.get(f"/admin/applications/application/{ax.pk}/change/")
    client.get(f"/admin/applications/application/{ax.pk}/file/resume/")
    admin = Client()
    admin.force_login(staff_in_role("Site administrator"))
    everything = admin.get("/admin/applications/applicationaccesslog/")
    assert everything.status_code == 200 and everything.context["cl"].result_count == 2
    downloads = admin.get("/admin/applications/applicationaccesslog/", {"action__exact": "resume"})
    assert downloads.context["cl"].result_count == 1
    by_reference = admin.get("/admin/applications/applicationaccesslog/", {"q": ax.reference})
    assert by_reference.context["cl"].result_count == 2
    assert admin.get(f"/admin/applications/applicationaccesslog/{ApplicationAccessLog.objects.first().pk}/delete/").status_code == 403


def test_audit_log_outlives_an_erased_application(teams):
    client, ax, _ = teams
    client.get(f"/admin/applications/application/{ax.pk}/change/")
    Application.objects.filter(pk=ax.pk).delete()
    entry = ApplicationAccessLog.objects.get()
    assert entry.application is None and entry.application_reference == ax.reference


def test_access_log_shows_site_administrators_the_reference_not_the_candidate(teams):
    client, ax, _ = teams
    client.get(f"/admin/applications/application/{ax.pk}/change/")
    entry = ApplicationAccessLog.objects.get()
    admin = Client()
    admin.force_login(staff_in_role("Site administrator"))
    for url in ("/admin/applications/applicationaccesslog/", f"/admin/applications/applicationaccesslog/{entry.pk}/change/"):
        html = admin.get(url).content.decode()
        assert ax.reference in html, url
        assert "Xavier" not in html and "Lovelace" not in html, url


def test_hiring_manager_sees_application_counts_of_own_teams_only(teams):
    client, ax, ay = teams
    ApplicationFactory(posting=ay.posting)
    listing = client.get("/admin/careers/posting/")
    counts = {posting.title: posting._applications for posting in listing.context["cl"].result_list}
    assert counts == {"X Role": 1, "Y Role": 0}
    recruiter = Client()
    recruiter.force_login(staff_in_role("Recruiter"))
    counts = {p.title: p._applications for p in recruiter.get("/admin/careers/posting/").context["cl"].result_list}
    assert counts == {"X Role": 1, "Y Role": 2}


def test_site_administrators_see_no_application_counts(teams):
    admin = Client()
    admin.force_login(staff_in_role("Site administrator"))
    listing = admin.get("/admin/careers/posting/")
    assert "application_count" not in listing.context["cl"].list_display
