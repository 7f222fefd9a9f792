"""The posting editor (issue 15, item 7): scheduled publishing, editable sections, preview, team About.

Everything here goes through HTTP as staff would (the admin) and as the public would (the pages,
feeds, sitemap, API and search), and asserts what a person would notice.
"""

import datetime
import re
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone

from careers.models import Posting
from tests.factories import PostingFactory, ScheduledPostingFactory, SuperuserFactory, staff_in_role
from tests.helpers.admin_forms import form_data

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)


# --- scheduled publishing ------------------------------------------------------------------


def public_channels(posting):
    """Every public place a live posting shows up in, with its title or slug."""
    return {
        "list": "/careers/",
        "search": f"/careers/?q={posting.title.split()[0]}",
        "sitemap": "/sitemap.xml",
        "rss": "/careers/feed/rss/",
        "atom": "/careers/feed/atom/",
        "api": "/api/v1/postings/",
        "api search": f"/api/v1/postings/?q={posting.title.split()[0]}",
        "api teams": "/api/v1/teams/",  # its team has no other posting
    }


def test_a_scheduled_posting_is_nowhere_public_before_its_time_and_everywhere_after(time_machine, settings):
    settings.PAGE_CACHE_VERSION_TTL = 0  # time_machine moves the wall clock, not the monotonic one
    time_machine.move_to(NOON)
    PostingFactory(title="Visible Role")  # so no channel is trivially empty
    posting = ScheduledPostingFactory(title="Tomorrowgig Lead", published_at=NOON + datetime.timedelta(hours=3))
    client = Client()
    for name, url in public_channels(posting).items():
        response = client.get(url)
        assert response.status_code == 200, name
        body = response.content.decode()
        assert posting.slug not in body and posting.team.slug not in body, f"scheduled posting leaked through {name}"
    assert client.get(posting.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/postings/{posting.slug}/").status_code == 404
    assert client.get(posting.get_apply_url()).status_code == 404

    time_machine.move_to(NOON + datetime.timedelta(hours=3, seconds=1))  # nobody saves anything
    for name, url in public_channels(posting).items():
        body = client.get(url).content.decode()
        assert posting.slug in body or name == "api teams" and posting.team.slug in body, f"missing from {name}"
    page = client.get(posting.get_absolute_url())
    assert page.status_code == 200 and "Tomorrowgig Lead" in page.content.decode()
    assert "application/ld+json" in page.content.decode()
    assert client.get(f"/api/v1/postings/{posting.slug}/").status_code == 200


def test_published_means_live_and_scheduled_means_still_to_come(time_machine):
    time_machine.move_to(NOON)
    live = PostingFactory()
    later = ScheduledPostingFactory(published_at=NOON + datetime.timedelta(minutes=1))
    assert list(Posting.objects.published()) == [live] and list(Posting.objects.scheduled()) == [later]
    assert (later.is_scheduled, later.is_open, later.is_public, later.is_closed_for_public) == (True, False, False, False)
    time_machine.move_to(NOON + datetime.timedelta(minutes=1))
    assert set(Posting.objects.open()) == {live, later} and not Posting.objects.scheduled().exists()
    assert later.is_open and later.is_public


def test_the_cached_list_shows_a_scheduled_posting_once_its_time_has_come(time_machine, settings,
                                                                           django_assert_num_queries):
    settings.PAGE_CACHE_VERSION_TTL = 0
    time_machine.move_to(NOON)
    PostingFactory(title="Visible Role")
    ScheduledPostingFactory(title="Tomorrowgig Lead", published_at=NOON + datetime.timedelta(minutes=30))
    client = Client()
    assert "Tomorrowgig Lead" not in client.get("/careers/").content.decode()
    with django_assert_num_queries(0):  # served from the page cache before the time
        assert "Tomorrowgig Lead" not in client.get("/careers/").content.decode()
    time_machine.move_to(NOON + datetime.timedelta(minutes=31))
    assert "Tomorrowgig Lead" in client.get("/careers/").content.decode()
    with django_assert_num_queries(0):  # and cached again afterwards
        assert "Tomorrowgig Lead" in client.get("/careers/").content.decode()


def test_feeds_and_api_date_a_posting_by_when_it_went_live(time_machine, client):
    """A feed reader holding the old Last-Modified must not get a 304 once a scheduled posting is live."""
    time_machine.move_to(NOON)
    PostingFactory(title="Visible Role")
    posting = ScheduledPostingFactory(published_at=NOON + datetime.timedelta(hours=1))
    before = client.get("/careers/feed/rss/")["Last-Modified"]
    time_machine.move_to(NOON + datetime.timedelta(hours=2))
    again = client.get("/careers/feed/rss/", HTTP_IF_MODIFIED_SINCE=before)
    assert again.status_code == 200 and posting.slug in again.content.decode()
    detail = client.get(f"/api/v1/postings/{posting.slug}/")
    assert detail.json()["updated_at"] >= (NOON + datetime.timedelta(hours=1)).isoformat().replace("+00:00", "Z")


def test_staff_preview_a_scheduled_posting_and_are_told_when_it_goes_live(client):
    posting = ScheduledPostingFactory(published_at=timezone.now() + datetime.timedelta(days=2))
    client.force_login(SuperuserFactory())
    response = client.get(posting.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200 and "Preview." in html and "goes live on" in html
    assert "application/ld+json" not in html and 'name="robots" content="noindex"' in html


def test_publishing_with_a_future_date_in_the_admin_schedules_the_posting(client):
    from tests.factories import DraftPostingFactory

    draft = DraftPostingFactory(title="Planned Role")
    client.force_login(SuperuserFactory())
    when = timezone.localtime() + datetime.timedelta(days=3)
    url = change_url(draft)
    response = client.post(url, {
        **form_data(client.get(url)), "status": "published",
        "published_at_0": when.strftime("%Y-%m-%d"), "published_at_1": when.strftime("%H:%M:%S"),
    })
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Posting.Status.PUBLISHED and draft.is_scheduled
    assert "Planned Role" not in Client().get("/careers/").content.decode()
    assert Client().get(draft.get_absolute_url()).status_code == 404


def change_url(posting):
    return f"/admin/careers/posting/{posting.pk}/change/"


# --- sections: rename, add, remove, reorder ------------------------------------------------

H2 = re.compile(r"<h2[^>]*>(.*?)</h2>", re.DOTALL)


def body_headings(html):
    """The headings of the posting's body on its public page, in order (the company texts excluded)."""
    body = html[html.index('class="col-lg-8'):html.index('id="about-company"')]
    return [unescape(heading).strip() for heading in H2.findall(body)]


def test_an_untouched_posting_keeps_the_headings_it_always_had(client):
    posting = PostingFactory(qualifications="SQL\nPython", thrive_if="You like data")
    assert body_headings(client.get(posting.get_absolute_url()).content.decode()) == [
        "About the Team", "About the Role", "We\u2019re looking for a blend of qualifications, including:",
        "You\u2019ll thrive in this role if:",
    ]


@pytest.fixture
def recruiter_client():
    client = Client()
    client.force_login(staff_in_role("Recruiter"))
    return client


def edit_sections(client, posting, **changes):
    url = change_url(posting)
    return client.post(url, {**form_data(client.get(url)), **changes})


def added_section(index, **fields):
    return {f"sections-{index}-{name}": value for name, value in fields.items()}


def test_a_recruiter_renames_adds_removes_and_reorders_sections_and_every_channel_follows(recruiter_client):
    posting = PostingFactory(title="Data Engineer", qualifications="SQL\nPython", thrive_if="You like data")
    response = edit_sections(
        recruiter_client, posting,
        about_role_heading="The job", qualifications_position="5", thrive_if="",  # rename, move, remove
        **{"sections-TOTAL_FORMS": "2"},
        **added_section(0, heading="Benefits", position="2", kind="list", body="Pension\nZebracycle scheme"),
        **added_section(1, heading="How we hire", position="9", kind="text", body="Two **short** calls."),
    )
    assert response.status_code == 302
    client = Client()
    html = client.get(posting.get_absolute_url()).content.decode()
    assert body_headings(html) == [
        "About the Team", "The job", "Benefits", "We\u2019re looking for a blend of qualifications, including:",
        "How we hire",
    ]
    assert "<li>Zebracycle scheme</li>" in html and "Two <strong>short</strong> calls." in html
    assert "You like data" not in html and "About the Role" not in html
    # The JSON-LD description is the same partial; the API gives the sections in page order.
    ld = html[html.index('<script type="application/ld+json">'):]
    assert "Zebracycle scheme" in ld[:ld.index("</script>")] and "How we hire" in ld[:ld.index("</script>")]
    api = client.get(f"/api/v1/postings/{posting.slug}/").json()
    assert [section["heading"] for section in api["sections"]] == body_headings(html)[1:]
    # An edit that changes nothing but an added section's text is searchable straight away.
    assert posting.slug in client.get("/careers/?q=zebracycle").content.decode()


def test_the_about_the_role_section_can_be_removed_too_but_a_posting_keeps_some_text(recruiter_client):
    posting = PostingFactory(title="Data Engineer", intro="", qualifications="", thrive_if="")
    response = edit_sections(
        recruiter_client, posting, about_role="",
        **{"sections-TOTAL_FORMS": "1"}, **added_section(0, heading="The work", position="1", kind="text",
                                                          body="Pipelines, **mostly**."),
    )
    assert response.status_code == 302
    html = Client().get(posting.get_absolute_url()).content.decode()
    assert body_headings(html) == ["About the Team", "The work"]
    assert "Pipelines, <strong>mostly</strong>." in html
    assert '<meta property="og:description" content="Pipelines, mostly.">' in html  # the first section stands in

    empty = edit_sections(recruiter_client, posting, about_role="", **{"sections-0-DELETE": "on"})
    assert empty.status_code == 200
    assert "A posting needs some text: an intro, the role, a list or an added section." in empty.content.decode()
    posting.refresh_from_db()
    assert posting.sections.get().body == "Pipelines, **mostly**."


def test_sections_sort_by_position_and_ties_keep_the_standard_order():
    from careers.models import PostingSection

    posting = PostingFactory(qualifications="SQL", thrive_if="Data", thrive_position=1, about_role_position=3)
    PostingSection.objects.create(posting=posting, heading="Benefits", body="Pension", position=1)
    PostingSection.objects.create(posting=posting, heading="Empty", body="\n", kind="list", position=0)
    headings = [section.heading for section in Posting.objects.get(pk=posting.pk).body_sections]
    assert headings == ["You\u2019ll thrive in this role if:", "Benefits",
                        "We\u2019re looking for a blend of qualifications, including:", "About the Role"]


def test_section_text_is_sanitised_like_the_rest_of_the_page(recruiter_client):
    posting = PostingFactory()
    edit_sections(
        recruiter_client, posting, about_role_heading="<img src=x onerror=alert(1)>",
        **{"sections-TOTAL_FORMS": "1"},
        **added_section(0, heading="<script>alert(2)</script>", position="4", kind="text",
                        body='Hi<script>alert(3)</script> <a href="javascript:alert(4)">x</a>'),
    )
    html = Client().get(posting.get_absolute_url()).content.decode()
    for raw in ("<img src=x", "<script>alert(2)", "alert(3)", "javascript:"):
        assert raw not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_duplicating_a_posting_copies_its_sections_and_leaves_history_on_both(recruiter_client):
    from django.contrib.admin.models import LogEntry

    from careers.models import PostingSection

    posting = PostingFactory(title="Data Engineer")
    PostingSection.objects.create(posting=posting, heading="Benefits", body="Pension", kind="list")
    response = recruiter_client.post("/admin/careers/posting/", {"action": "duplicate", "_selected_action": [posting.pk]})
    assert response.status_code == 302
    copy = Posting.objects.get(title="Data Engineer (copy)")
    assert list(copy.sections.values_list("heading", "body")) == [("Benefits", "Pension")]
    history = recruiter_client.get(f"/admin/careers/posting/{copy.pk}/history/").content.decode()
    assert f"Duplicated from \u201cData Engineer\u201d (id {posting.pk})." in unescape(history)
    original = recruiter_client.get(f"/admin/careers/posting/{posting.pk}/history/").content.decode()
    assert f"Duplicated as \u201cData Engineer (copy)\u201d (id {copy.pk})." in unescape(original)
    assert LogEntry.objects.filter(object_id=str(copy.pk)).count() == 1


def test_the_publish_and_close_actions_leave_history():
    from django.contrib.admin.models import LogEntry

    posting = PostingFactory()
    client = Client()
    client.force_login(staff_in_role("Recruiter"))
    client.post("/admin/careers/posting/", {"action": "close", "_selected_action": [posting.pk]})
    assert LogEntry.objects.get(object_id=str(posting.pk)).get_change_message() == "Closed with the list action."


# --- preview -------------------------------------------------------------------------------


def test_preview_shows_the_unsaved_edits_as_candidates_would_see_them_and_saves_nothing(recruiter_client):
    from django.contrib.admin.models import LogEntry

    posting = PostingFactory(title="Data Engineer", about_role="Old text.")
    url = change_url(posting)
    response = recruiter_client.post(url, {
        **form_data(recruiter_client.get(url)), "_preview": "Preview",
        "title": "Senior Data Engineer", "about_role": "New **bold** text.<script>alert(1)</script>",
        "qualifications_heading": "What you bring",
        "sections-TOTAL_FORMS": "1",
        **added_section(0, heading="Benefits", position="1", kind="list", body="Pension"),  # a tie: after the role
    })
    html = response.content.decode()
    assert response.status_code == 200
    preview = html[html.index('class="posting-preview"'):html.index('id="posting_form"')]
    assert "Preview: Senior Data Engineer" in preview and "New <strong>bold</strong> text." in preview
    assert "What you bring" in preview and "<li>Pension</li>" in preview
    assert preview.index("Benefits") < preview.index("What you bring")
    assert "<script>alert(1)" not in html
    # The form comes back with the edits as typed, so Save keeps them.
    form = response.context["adminform"].form
    assert form["title"].value() == "Senior Data Engineer" and form.errors == {}
    assert 'value="Benefits"' in html
    # Nothing saved, logged or published.
    posting.refresh_from_db()
    assert (posting.title, posting.about_role, posting.sections.count()) == ("Data Engineer", "Old text.", 0)
    assert not LogEntry.objects.exists()
    assert "Senior" not in Client().get(posting.get_absolute_url()).content.decode()


def test_preview_of_a_new_posting_creates_nothing_and_a_form_with_mistakes_says_so(recruiter_client):
    from tests.factories import LocationFactory, TeamFactory

    page = recruiter_client.get("/admin/careers/posting/add/")
    data = {**form_data(page), "title": "New role", "slug": "new-role", "team": TeamFactory().pk,
            "locations": [LocationFactory().pk], "about_role": "Work *well*.", "_preview": "Preview"}
    response = recruiter_client.post("/admin/careers/posting/add/", data)
    assert response.status_code == 200 and "Work <em>well</em>." in response.content.decode()
    assert not Posting.objects.exists()
    response = recruiter_client.post("/admin/careers/posting/add/", {**data, "about_role": ""})
    assert response.status_code == 200 and "Correct the mistakes marked below" in response.content.decode()
    assert not Posting.objects.exists()


ROLES = ["anonymous", "candidate", "Site administrator", "Accommodations coordinator", "Hiring manager (own team)",
         "Hiring manager (other team)", "Recruiter", "superuser"]


def client_as(role, team):
    from tests.factories import TeamFactory, UserFactory

    client = Client()
    if role == "candidate":
        client.force_login(UserFactory())
    elif role == "superuser":
        client.force_login(SuperuserFactory())
    elif role.startswith("Hiring manager"):
        manager = staff_in_role("Hiring manager")
        (team if role.endswith("(own team)") else TeamFactory()).hiring_managers.add(manager)
        client.force_login(manager)
    elif role != "anonymous":
        client.force_login(staff_in_role(role))
    return client


# Who may preview (edit) a posting; everyone else is refused alike for a draft, a live and a missing one.
PREVIEW_STATUS = {"Site administrator": 200, "Recruiter": 200, "superuser": 200,
                  "Accommodations coordinator": 403, "Hiring manager (own team)": 403,
                  "Hiring manager (other team)": 403}


@pytest.mark.parametrize("role", ROLES)
def test_preview_by_role(role):
    from tests.factories import ApplicationFactory, DraftPostingFactory

    draft = DraftPostingFactory(title="Secret Draft", about_role="Unannounced plans.")
    ApplicationFactory(posting=PostingFactory(team=draft.team), first_name="Zelda", last_name="Candidateson")
    client = client_as(role, draft.team)
    editor = SuperuserFactory()
    admin = Client()
    admin.force_login(editor)
    data = {**form_data(admin.get(change_url(draft))), "_preview": "Preview", "about_role": "Typed plans."}
    response = client.post(change_url(draft), data)
    missing = client.post("/admin/careers/posting/987654/change/", data)
    if role in ("anonymous", "candidate"):
        assert response.status_code == missing.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    else:
        assert response.status_code == PREVIEW_STATUS[role]
        if role.startswith("Hiring manager"):
            # They read every posting (view_posting), so a missing id is the admin's usual "no such
            # posting" redirect: nothing learned that the postings list does not show them.
            assert missing.status_code == 302 and missing["Location"] == "/admin/"
        elif response.status_code == 403:
            assert missing.status_code == 403
        else:
            assert "Typed plans." in response.content.decode()
    assert "Typed plans." not in Client().get(draft.get_absolute_url()).content.decode()
    assert Client().get(draft.get_absolute_url()).status_code == 404  # a draft is never public
    assert "Candidateson" not in response.content.decode()  # the editor shows no candidate, to anyone
    draft.refresh_from_db()
    assert draft.about_role == "Unannounced plans."


# --- team About: recruiters edit it --------------------------------------------------------

TEAM_ABOUT_STATUS = {"Site administrator": 302, "Recruiter": 302, "superuser": 302,
                     "Accommodations coordinator": 403, "Hiring manager (own team)": 403,
                     "Hiring manager (other team)": 403}


@pytest.mark.parametrize("role", ROLES)
def test_team_about_by_role(role):
    from tests.factories import TeamFactory, UserFactory

    team = TeamFactory(name="Global Affairs", about="Old about.", notification_email="inbox@example.com")
    manager = UserFactory(is_staff=True)
    team.hiring_managers.add(manager)
    posting = PostingFactory(team=team)
    client = client_as(role, team)
    admin = Client()
    admin.force_login(SuperuserFactory())
    url = f"/admin/careers/team/{team.pk}/change/"
    data = {**form_data(admin.get(url)), "about": "We shape **AI policy**.",
            "notification_email": "attacker@example.com", "hiring_managers": []}
    response = client.post(url, data)
    team.refresh_from_db()
    if role in ("anonymous", "candidate"):
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
        assert team.about == "Old about."
        return
    assert response.status_code == TEAM_ABOUT_STATUS[role]
    if response.status_code == 403:
        assert team.about == "Old about."
        return
    assert team.about == "We shape **AI policy**."
    assert "We shape <strong>AI policy</strong>." in Client().get(posting.get_absolute_url()).content.decode()
    # Where candidates' names are mailed and which managers read them is decided only by roles that read
    # every application (careers.admin.TeamAdmin, README "Staff roles"): recruiters yes, site administrators no.
    if role in ("Recruiter", "superuser"):
        assert team.notification_email == "attacker@example.com"
    else:
        assert team.notification_email == "inbox@example.com" and list(team.hiring_managers.all()) == [manager]


def test_the_preview_button_is_offered_only_to_those_who_may_edit(recruiter_client):
    posting = PostingFactory()
    assert 'name="_preview"' in recruiter_client.get(change_url(posting)).content.decode()
    viewer = Client()
    viewer.force_login(staff_in_role("Hiring manager"))
    page = viewer.get(change_url(posting))
    assert page.status_code == 200 and 'name="_preview"' not in page.content.decode()
