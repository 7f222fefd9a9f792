"""Every kind of visitor a staff URL must answer correctly, as signed-in test clients.

``role_clients(our_team)`` gives a client per role: anonymous, a candidate account, a site
administrator, an accommodations coordinator, a hiring manager of ``our_team``, a hiring manager
of another team, a recruiter and a superuser.

``client_as(role, team)`` gives one client for a role named as the staff groups are (``ROLE_NAMES``);
it adds a manager to ``team`` only when the role is that team's hiring manager.
"""

from django.test import Client
from django.utils import timezone

from tests.factories import SuperuserFactory, TeamFactory, UserFactory, staff_in_role

ROLES = ("anonymous", "candidate", "site_admin", "coordinator", "our_manager", "other_manager", "recruiter",
         "superuser")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


# The same visitors, staff named by their group; the hiring managers of ``team`` or of another one.
ROLE_NAMES = ["anonymous", "candidate", "Site administrator", "Accommodations coordinator", "Hiring manager (own team)",
              "Hiring manager (other team)", "Recruiter", "superuser"]


def client_as(role, team):
    """A client for one of ``ROLE_NAMES``: unlike ``role_clients`` it gives ``team`` no manager it did not ask for."""
    if role == "anonymous":
        return Client()
    if role == "candidate":
        return signed_in(UserFactory())
    if role == "superuser":
        return signed_in(SuperuserFactory())
    if role.startswith("Hiring manager"):
        manager = staff_in_role("Hiring manager")
        (team if role.endswith("(own team)") else TeamFactory()).hiring_managers.add(manager)
        return signed_in(manager)
    return signed_in(staff_in_role(role))


def role_clients(our_team):
    """{role: (client, user or None)} for every role in ``ROLES``."""
    our_manager = staff_in_role("Hiring manager")
    our_team.hiring_managers.add(our_manager)
    other_manager = staff_in_role("Hiring manager")
    TeamFactory(name="Someone Else's Team").hiring_managers.add(other_manager)
    users = {
        "candidate": UserFactory(email_verified_at=timezone.now()),
        "site_admin": staff_in_role("Site administrator"),
        "coordinator": staff_in_role("Accommodations coordinator"),
        "our_manager": our_manager,
        "other_manager": other_manager,
        "recruiter": staff_in_role("Recruiter"),
        "superuser": SuperuserFactory(),
    }
    clients = {"anonymous": (Client(), None)}
    clients.update({role: (signed_in(user), user) for role, user in users.items()})
    return clients


def is_sign_in_redirect(response):
    return response.status_code == 302 and "/admin/login/" in response["Location"]
