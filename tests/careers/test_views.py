import pytest
from django.contrib.auth.models import Permission

from careers.models import Posting
from tests.factories import (
    ClosedPostingFactory,
    CompanyProfileFactory,
    DraftPostingFactory,
    ExpiredPostingFactory,
    LocationFactory,
    PostingFactory,
    StaffFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db


def test_root_redirects_to_careers(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/careers/"


def test_list_shows_only_open_postings(client):
    PostingFactory(title="Open Role")
    DraftPostingFactory(title="Secret Draft")
    ClosedPostingFactory(title="Old Closed Role")
    ExpiredPostingFactory(title="Expired Role")
    html = client.get("/careers/").content.decode()
    assert "Open Role" in html
    for hidden in ("Secret Draft", "Old Closed Role", "Expired Role"):
        assert hidden not in html
    assert "<strong>1</strong> open role." in html


def test_list_empty_state(client):
    response = client.get("/careers/?q=nothing-matches-this")
    assert response.status_code == 200
    assert "No roles match your search" in response.content.decode()


def test_list_paginates_25_a_page_and_keeps_filters(client):
    team = TeamFactory(name="Research")
    PostingFactory.create_batch(30, team=team)
    first = client.get("/careers/?team=research").content.decode()
    assert first.count('class="posting-card') == 25
    assert 'href="?team=research&amp;page=2"' in first
    second = client.get("/careers/?team=research&page=2").content.decode()
    assert second.count('class="posting-card') == 5
    assert client.get("/careers/?page=999").status_code == 200  # out of range: last page, not an error


def test_unknown_filter_value_is_reported_not_an_error(client):
    PostingFactory(title="Visible Role")
    response = client.get("/careers/?team=no-such-team&workplace=moon")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Some filters were not recognised" in html and "Visible Role" in html


def test_posting_detail_shows_sections_and_apply_links(client):
    CompanyProfileFactory(name="Example Co", about="We make examples.")
    posting = PostingFactory(title="Data Engineer", qualifications="SQL\nPython", thrive_if="You love data")
    html = client.get(posting.get_absolute_url()).content.decode()
    assert "<h1 id=\"posting-title\">Data Engineer</h1>" in html
    assert html.count(f'href="/careers/{posting.slug}/apply/"') == 2  # top and bottom
    for text in ("About the Team", "About the Role", "<li>SQL</li>", "<li>Python</li>", "You love data",
                 "About Example Co", 'href="/accommodations/"', 'href="/privacy/"'):
        assert text in html


def test_draft_is_404_for_public_and_previewable_by_staff(client):
    posting = DraftPostingFactory(title="Secret Draft")
    assert client.get(posting.get_absolute_url()).status_code == 404
    staff = StaffFactory()
    client.force_login(staff)
    assert client.get(posting.get_absolute_url()).status_code == 404  # staff without the permission
    staff.user_permissions.add(Permission.objects.get(codename="change_posting"))
    response = client.get(posting.get_absolute_url())
    assert response.status_code == 200
    assert "Preview." in response.content.decode()


@pytest.mark.parametrize("factory", [ClosedPostingFactory, ExpiredPostingFactory])
def test_closed_posting_is_410_without_apply_button(client, factory):
    posting = factory(title="Old Role")
    response = client.get(posting.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 410
    assert "no longer accepting applications" in html
    assert "/apply/" not in html


def test_unknown_slug_is_a_styled_404(client, settings):
    settings.DEBUG = False
    response = client.get("/careers/no-such-role/")
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["database"] == "ok"


def _make_postings(count):
    london, paris = LocationFactory(city="London"), LocationFactory(city="Paris")
    teams = [TeamFactory(name=f"Team {i}") for i in range(3)]
    for i in range(count):
        PostingFactory(team=teams[i % 3], locations=[london, paris])


@pytest.mark.parametrize("count", [3, 200])
@pytest.mark.parametrize(
    "query, warm_queries",
    [("", 2), ("?location=london", 2), ("?q=engineer&team=team-1&workplace=onsite", 1)],  # count and page, or both in one
)
def test_list_query_count_is_constant(settings, client, django_assert_max_num_queries, count, query, warm_queries):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # the view itself runs every time
    _make_postings(count)
    CompanyProfileFactory()
    # Cold: filter choices (2), count and page, the cards' postings and locations, company texts.
    with django_assert_max_num_queries(7):
        response = client.get(f"/careers/{query}")
    assert response.status_code == 200 and response.context["page"].object_list
    # Warm: cards, choices and company texts come from the fragment cache.
    with django_assert_max_num_queries(warm_queries):
        again = client.get(f"/careers/{query}")
    assert again.content == response.content


@pytest.mark.parametrize("count", [3, 200])
def test_detail_query_count_is_constant(settings, client, django_assert_max_num_queries, count):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    _make_postings(count)
    CompanyProfileFactory()
    posting = Posting.objects.first()
    with django_assert_max_num_queries(6):
        response = client.get(posting.get_absolute_url())
    assert response.status_code == 200
    with django_assert_max_num_queries(1):  # the posting itself; its texts are cached fragments
        again = client.get(posting.get_absolute_url())
    assert again.content == response.content


def test_list_pages_never_repeat_or_skip_postings_that_tie(client):
    import datetime
    import re

    from django.utils import timezone

    published = timezone.now() - datetime.timedelta(days=1)
    created = {PostingFactory(title="Engineer", published_at=published).slug for _ in range(30)}
    seen = []
    for number in (1, 2):
        response = client.get(f"/careers/?page={number}")
        seen += re.findall(r'<a href="/careers/([^/"]+)/">Engineer</a>', response.content.decode())
        # Databases often return ties in insertion order anyway; the key must still decide them.
        assert response.context["page"].paginator.object_list.query.order_by[-1] == "pk"
    assert len(seen) == 30 and set(seen) == created
