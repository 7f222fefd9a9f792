"""The posting editor's preview: unsaved edits shown as candidates would see them, with nothing saved.

Who may preview (those who may edit, by role), what a new posting's preview creates (nothing) and who is
offered the preview button.
"""

import pytest
from django.test import Client

from careers.models import Posting
from tests.factories import PostingFactory, SuperuserFactory, staff_in_role
from tests.helpers.admin_forms import change_url, form_data, inline_form
from tests.helpers.role_clients import ROLE_NAMES, client_as, signed_in

pytestmark = pytest.mark.django_db


def test_preview_shows_the_unsaved_edits_as_candidates_would_see_them_and_saves_nothing(recruiter_client):
    from django.contrib.admin.models import LogEntry

    posting = PostingFactory(title="Data Engineer", about_role="Old text.")
    url = change_url(posting)
    response = recruiter_client.post(url, {
        **form_data(recruiter_client.get(url)), "_preview": "Preview",
        "title": "Senior Data Engineer", "about_role": "New **bold** text.<script>alert(1)</script>",
        "qualifications_heading": "What you bring",
        "sections-TOTAL_FORMS": "1",  # its section ties with the role and comes after it
        **inline_form("sections", 0, heading="Benefits", position="1", kind="list", body="Pension"),
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


# Who may preview (edit) a posting; everyone else is refused alike for a draft, a live and a missing one.
PREVIEW_STATUS = {"Site administrator": 200, "Recruiter": 200, "superuser": 200,
                  "Accommodations coordinator": 403, "Hiring manager (own team)": 403,
                  "Hiring manager (other team)": 403}


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_preview_by_role(role):
    from tests.factories import ApplicationFactory, DraftPostingFactory

    draft = DraftPostingFactory(title="Secret Draft", about_role="Unannounced plans.")
    ApplicationFactory(posting=PostingFactory(team=draft.team), first_name="Zelda", last_name="Candidateson")
    client = client_as(role, draft.team)
    admin = signed_in(SuperuserFactory())
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


def test_the_preview_button_is_offered_only_to_those_who_may_edit(recruiter_client):
    posting = PostingFactory()
    assert 'name="_preview"' in recruiter_client.get(change_url(posting)).content.decode()
    viewer = signed_in(staff_in_role("Hiring manager"))
    page = viewer.get(change_url(posting))
    assert page.status_code == 200 and 'name="_preview"' not in page.content.decode()
