"""Editable posting sections: recruiters rename, add, remove and reorder them, and every public channel follows.

The public page, its JSON-LD, the API and search show the sections in the order staff set; section text is
sanitised like the rest of the page; duplicating a posting copies its sections.
"""

import re
from html import unescape

import pytest
from django.test import Client

from careers.models import Posting
from tests.factories import PostingFactory
from tests.helpers.admin_forms import change_url, form_data, inline_form

pytestmark = pytest.mark.django_db


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


def edit_sections(client, posting, **changes):
    url = change_url(posting)
    return client.post(url, {**form_data(client.get(url)), **changes})


def test_a_recruiter_renames_adds_removes_and_reorders_sections_and_every_channel_follows(recruiter_client):
    posting = PostingFactory(title="Data Engineer", qualifications="SQL\nPython", thrive_if="You like data")
    response = edit_sections(
        recruiter_client, posting,
        about_role_heading="The job", qualifications_position="5", thrive_if="",  # rename, move, remove
        **{"sections-TOTAL_FORMS": "2"},
        **inline_form("sections", 0, heading="Benefits", position="2", kind="list", body="Pension\nZebracycle scheme"),
        **inline_form("sections", 1, heading="How we hire", position="9", kind="text", body="Two **short** calls."),
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
        **{"sections-TOTAL_FORMS": "1"},
        **inline_form("sections", 0, heading="The work", position="1", kind="text", body="Pipelines, **mostly**."),
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
        **inline_form("sections", 0, heading="<script>alert(2)</script>", position="4", kind="text",
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
