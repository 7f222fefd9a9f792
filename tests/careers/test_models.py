import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from careers.models import CompanyProfile, Posting
from careers.text import render_markdown
from tests.factories import DraftPostingFactory, LocationFactory, PostingFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_publish_sets_published_at_once():
    posting = DraftPostingFactory()
    posting.publish()
    first = posting.published_at
    assert posting.status == Posting.Status.PUBLISHED and first is not None
    posting.publish()
    assert posting.published_at == first


def test_close_keeps_the_posting_but_not_open():
    posting = PostingFactory()
    posting.close()
    posting.refresh_from_db()
    assert posting.status == Posting.Status.CLOSED and not posting.is_open


def test_duplicate_makes_a_draft_with_locations_and_questions():
    posting = PostingFactory(locations=[LocationFactory(city="Paris"), LocationFactory(city="Dublin")])
    QuestionFactory(posting=posting, label="Notice period?")
    copy = posting.duplicate()
    assert copy.pk != posting.pk
    assert copy.status == Posting.Status.DRAFT and copy.published_at is None
    assert copy.slug == f"{posting.slug}-copy"
    assert {loc.city for loc in copy.locations.all()} == {"Paris", "Dublin"}
    assert [q.label for q in copy.questions.all()] == ["Notice period?"]
    assert posting.duplicate().slug == f"{posting.slug}-copy-2"


def test_pay_range_display():
    posting = PostingFactory.build(pay_min=Decimal("120000"), pay_max=Decimal("160000"), pay_currency="GBP", pay_period="year")
    assert posting.pay_range_display == "GBP 120,000\u2013160,000 per year"
    assert PostingFactory.build().pay_range_display == ""


def test_database_refuses_inverted_pay_range():
    with pytest.raises(IntegrityError), transaction.atomic():
        PostingFactory(pay_min=Decimal("10"), pay_max=Decimal("5"), pay_currency="GBP", pay_period="year")


def test_database_refuses_published_without_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        PostingFactory(published_at=None)


def test_company_profile_is_a_singleton():
    CompanyProfile.objects.create(name="A")
    CompanyProfile(name="B").save()
    assert CompanyProfile.objects.count() == 1
    assert CompanyProfile.load().name == "B"


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        '<img src=x onerror="alert(1)">',
        '<a href="https://x.test" onclick="alert(1)">x</a>',
        "<iframe src='https://evil.test'></iframe>",
    ],
)
def test_markdown_never_lets_script_through(source):
    html = str(render_markdown(source))
    for bad in ("<script", "javascript:", "onerror", "onclick", "<iframe", "<img"):
        assert bad not in html.lower()


def test_markdown_keeps_formatting_and_links():
    html = str(render_markdown("We **care**. See [our policy](/privacy/)."))
    assert "<strong>care</strong>" in html
    assert '<a href="/privacy/" rel="noopener noreferrer">our policy</a>' in html


def test_summary_is_plain_text_safe_to_escape_again():
    posting = PostingFactory.build(intro='Build **tools** for "R&D" <script>alert(1)</script>')
    assert posting.summary == "Build tools for \u201cR&D\u201d"  # the sanitizer drops script, text and all
    long = PostingFactory.build(intro="", about_role="word " * 200)
    assert long.summary.startswith("word word") and len(long.summary) <= 300 and long.summary.endswith("\u2026")


def test_content_updated_at_counts_team_and_location_edits():
    import time_machine

    location = LocationFactory(city="Lisbon")
    posting = PostingFactory(locations=[location])
    assert posting.content_updated_at == posting.updated_at
    with time_machine.travel(posting.updated_at + datetime.timedelta(hours=1)):
        location.city = "Porto"
        location.save()
    posting = Posting.objects.with_page_data().get(pk=posting.pk)
    assert posting.content_updated_at == location.updated_at > posting.updated_at
    with time_machine.travel(posting.updated_at + datetime.timedelta(hours=2)):
        posting.team.save()
    posting = Posting.objects.with_page_data().get(pk=posting.pk)
    assert posting.content_updated_at == posting.team.updated_at
