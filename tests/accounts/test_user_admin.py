"""Only a superuser changes what decides whose data an account reaches.

The attacker here holds a Site administrator account (it may manage users) and
tries every way the admin offers to reach candidates' data: granting itself a
role, creating an account with a role, setting someone's password, moving an
account onto someone else's address, and redirecting team notifications.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import RoleChange, User
from tests.factories import (
    ApplicationFactory,
    PostingFactory,
    SuperuserFactory,
    TeamFactory,
    UserFactory,
    staff_in_role,
)
from tests.helpers.admin_forms import form_data
from tests.helpers.role_clients import signed_in

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def site_admin():
    user = staff_in_role("Site administrator", email="siteadmin@example.com")
    return user, signed_in(user)


def change_url(user):
    return f"/admin/accounts/user/{user.pk}/change/"


def submit_change(client, user, **changes):
    page = client.get(change_url(user))
    assert page.status_code == 200
    return client.post(change_url(user), {**form_data(page), **changes})


def test_site_admin_cannot_grant_itself_superuser_groups_or_permissions(site_admin):
    admin_user, client = site_admin
    recruiter = Group.objects.get(name="Recruiter")
    permission = Permission.objects.get(codename="view_all_applications")
    response = submit_change(
        client, admin_user, is_superuser="on", groups=[recruiter.pk], user_permissions=[permission.pk],
    )
    assert response.status_code == 302  # the form is accepted; what it may not change is left alone
    admin_user = User.objects.get(pk=admin_user.pk)
    assert not admin_user.is_superuser
    assert list(admin_user.groups.values_list("name", flat=True)) == ["Site administrator"]
    assert not admin_user.user_permissions.exists()
    assert not admin_user.has_perm("applications.view_all_applications")
    assert client.get("/admin/applications/application/").status_code == 403


def test_site_admin_cannot_put_another_account_in_a_role(site_admin):
    _, client = site_admin
    accomplice = UserFactory(email="accomplice@example.com", is_staff=False)
    coordinator = Group.objects.get(name="Accommodations coordinator")
    assert submit_change(client, accomplice, is_staff="on", groups=[coordinator.pk]).status_code == 302
    accomplice = User.objects.get(pk=accomplice.pk)
    assert not accomplice.is_staff and not accomplice.groups.exists()


def test_site_admin_creates_accounts_without_knowing_their_password(site_admin):
    _, client = site_admin
    form = client.get("/admin/accounts/user/add/")
    assert form.status_code == 200
    assert "password1" not in form.context["adminform"].form.fields
    response = client.post("/admin/accounts/user/add/", {
        "email": "newhire@example.com", "password1": PASSWORD, "password2": PASSWORD, "usable_password": "true",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    created = User.objects.get(email="newhire@example.com")
    assert not created.has_usable_password()
    assert not created.is_staff and not created.groups.exists()
    # The new person sets their own password from the link mailed to them.
    assert [m.to for m in mail.outbox] == [["newhire@example.com"]]
    assert "/accounts/password/reset/" in mail.outbox[0].body
    assert not Client().login(username="newhire@example.com", password=PASSWORD)


def test_site_admin_cannot_set_a_candidates_password(site_admin):
    _, client = site_admin
    candidate = UserFactory(email="candidate@example.com", email_verified_at=timezone.now())
    url = f"/admin/accounts/user/{candidate.pk}/password/"
    assert client.get(url).status_code == 403
    response = client.post(url, {"password1": "attacker-chosen-1", "password2": "attacker-chosen-1",
                                 "usable_password": "true"})
    assert response.status_code == 403
    assert not Client().login(username="candidate@example.com", password="attacker-chosen-1")
    assert Client().login(username="candidate@example.com", password=PASSWORD)
    assert "/password/" not in client.get(change_url(candidate)).content.decode()


def test_site_admin_cannot_move_an_account_onto_someone_elses_address(site_admin):
    _, client = site_admin
    victim_application = ApplicationFactory(email="victim@example.com")
    accomplice = UserFactory(email="accomplice@example.com")
    response = submit_change(client, accomplice, email="victim@example.com", email_verified_at_0="2026-01-01",
                             email_verified_at_1="10:00:00")
    assert response.status_code == 302
    accomplice = User.objects.get(pk=accomplice.pk)
    assert accomplice.email == "accomplice@example.com" and accomplice.email_verified_at is None
    as_accomplice = signed_in(accomplice)
    assert victim_application.reference not in as_accomplice.get("/accounts/applications/").content.decode()


def test_site_admin_may_deactivate_accounts(site_admin):
    _, client = site_admin
    candidate = UserFactory(email="candidate@example.com")
    response = submit_change(client, candidate, is_active="")
    assert response.status_code == 302
    assert not User.objects.get(pk=candidate.pk).is_active


def test_site_admin_cannot_change_a_superuser(site_admin):
    _, client = site_admin
    root = SuperuserFactory(email="root@example.com")
    page = client.get(change_url(root))
    response = client.post(change_url(root), {**form_data(page), "first_name": "Pwned", "is_active": ""})
    assert response.status_code == 403
    root.refresh_from_db()
    assert root.is_active and root.first_name != "Pwned"


def test_site_admin_sends_a_password_reset_link(site_admin):
    _, client = site_admin
    candidate = UserFactory(email="forgetful@example.com")
    response = client.post("/admin/accounts/user/", {"action": "send_password_reset", "_selected_action": [candidate.pk]})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["forgetful@example.com"]]
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_superuser_grants_roles_and_every_grant_is_logged():
    client = signed_in(SuperuserFactory(email="root@example.com"))
    person = UserFactory(email="new-recruiter@example.com")
    staff_in_role("Recruiter")  # makes sure the groups exist
    recruiter = Group.objects.get(name="Recruiter")
    response = submit_change(client, person, is_staff="on", groups=[recruiter.pk])
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_staff and person.groups.filter(name="Recruiter").exists()
    log = list(RoleChange.objects.order_by("pk").values_list("actor__email", "user__email", "change"))
    assert ("root@example.com", "new-recruiter@example.com", "added to group Recruiter") in log
    assert ("root@example.com", "new-recruiter@example.com", "staff status granted") in log
    assert all(entry.at for entry in RoleChange.objects.all())
    # Removing is logged too.
    submit_change(client, person, groups=[])
    assert RoleChange.objects.filter(user=person, change="removed from group Recruiter").exists()
    listing = client.get("/admin/accounts/rolechange/")
    assert listing.status_code == 200 and "added to group Recruiter" in listing.content.decode()


def test_only_superusers_read_the_role_log(site_admin):
    _, client = site_admin
    assert client.get("/admin/accounts/rolechange/").status_code in (403, 404)
    assert "rolechange" not in client.get("/admin/").content.decode()


def test_role_granted_outside_the_admin_is_logged_too():
    person = UserFactory(email="shell@example.com")
    staff_in_role("Recruiter")
    person.groups.add(Group.objects.get(name="Recruiter"))
    entry = RoleChange.objects.get(user=person)
    assert entry.actor is None and entry.change == "added to group Recruiter"


def test_only_roles_that_read_applications_set_where_notices_go(site_admin):
    admin_user, client = site_admin
    team = TeamFactory(name="Policy", notification_email="policy-hiring@example.com")
    url = f"/admin/careers/team/{team.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, {**form_data(page), "notification_email": "siteadmin@example.com",
                                 "hiring_managers": [admin_user.pk]})
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.notification_email == "policy-hiring@example.com"
    assert not team.hiring_managers.exists()

    as_recruiter = signed_in(staff_in_role("Recruiter"))
    page = as_recruiter.get(url)
    assert page.status_code == 200
    response = as_recruiter.post(url, {**form_data(page), "notification_email": "new-inbox@example.com"})
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.notification_email == "new-inbox@example.com"


def test_site_admin_cannot_move_a_posting_with_applications_to_another_team(site_admin):
    _, client = site_admin
    posting = PostingFactory(team=TeamFactory(name="Origin"))
    ApplicationFactory(posting=posting)
    elsewhere = TeamFactory(name="Elsewhere")
    url = f"/admin/careers/posting/{posting.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert client.post(url, {**form_data(page), "team": elsewhere.pk}).status_code == 302
    posting.refresh_from_db()
    assert posting.team.name == "Origin"
