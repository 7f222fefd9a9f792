"""Staff screens: postings and company texts, application review, exports and file downloads."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from PIL import Image

from applications.models import Application
from careers.models import Posting
from tests.factories import (
    ApplicationFactory,
    DraftPostingFactory,
    PostingFactory,
    StaffFactory,
    UserFactory,
)
from tests.helpers import documents as d

pytestmark = pytest.mark.django_db


def staff_with(*codenames):
    user = StaffFactory()
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return type(user).objects.get(pk=user.pk)


def test_posting_admin_pages_load(admin_client):
    posting = PostingFactory()
    for url in ("/admin/careers/posting/", f"/admin/careers/posting/{posting.pk}/change/", "/admin/careers/posting/add/",
                "/admin/careers/team/", "/admin/careers/location/", "/admin/careers/privacypolicy/"):
        assert admin_client.get(url).status_code == 200, url
    response = admin_client.get("/admin/careers/companyprofile/")
    assert response.status_code == 302 and response["Location"].endswith("/admin/careers/companyprofile/1/change/")


def test_posting_actions_publish_close_duplicate(admin_client):
    draft, live = DraftPostingFactory(), PostingFactory()
    admin_client.post("/admin/careers/posting/", {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Posting.Status.PUBLISHED and draft.published_at
    admin_client.post("/admin/careers/posting/", {"action": "close", "_selected_action": [live.pk]})
    live.refresh_from_db()
    assert live.status == Posting.Status.CLOSED
    admin_client.post("/admin/careers/posting/", {"action": "duplicate", "_selected_action": [live.pk]})
    assert Posting.objects.filter(slug=f"{live.slug}-copy", status="draft").exists()


@pytest.mark.parametrize("count", [3, 30])
def test_posting_list_counts_applications_without_a_query_per_row(admin_client, django_assert_max_num_queries, count):
    for posting in PostingFactory.create_batch(count):
        ApplicationFactory(posting=posting)
    with django_assert_max_num_queries(12):
        response = admin_client.get("/admin/careers/posting/")
    assert response.status_code == 200
    assert response.context["cl"].result_list[0]._applications == 1


def test_team_image_is_validated_and_scaled_down(admin_client, settings):
    from careers.models import Team

    settings.IMAGE_MAX_PIXELS = 400
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1000), "navy").save(buffer, "JPEG")
    buffer.seek(0)
    buffer.name = "team.jpg"
    response = admin_client.post("/admin/careers/team/add/", {"name": "Research", "slug": "research", "image": buffer})
    assert response.status_code == 302
    with Team.objects.get().image.open() as stored:
        assert Image.open(stored).size == (400, 200)
    bad = io.BytesIO(b"not an image")
    bad.name = "evil.jpg"
    response = admin_client.post("/admin/careers/team/add/", {"name": "Other", "slug": "other", "image": bad})
    assert response.status_code == 200 and "Upload a valid image" in response.content.decode()


def test_application_review_detail_shows_answers_and_consent(admin_client):
    application = ApplicationFactory(first_name="Grace")
    application.answers.create(question_label="Visa?", value="No")
    html = admin_client.get(f"/admin/applications/application/{application.pk}/change/").content.decode()
    assert "Grace" in html and "Visa?" in html and "I agree." in html and "2026-06" in html
    assert f"/admin/applications/application/{application.pk}/file/resume/" in html
    assert admin_client.get("/admin/applications/application/add/").status_code == 403


def test_filters_and_search(admin_client):
    ApplicationFactory(first_name="Grace", email="grace@example.com")
    ApplicationFactory(first_name="Alan", email="alan@example.com")
    response = admin_client.get("/admin/applications/application/?q=grace")
    assert [a.first_name for a in response.context["cl"].result_list] == ["Grace"]
    response = admin_client.get("/admin/applications/application/?stage__exact=new")
    assert response.context["cl"].result_count == 2


def test_stage_actions(admin_client):
    application = ApplicationFactory()
    admin_client.post("/admin/applications/application/", {"action": "move_to_interviewing", "_selected_action": [application.pk]})
    application.refresh_from_db()
    assert application.stage == "interviewing"


def test_withdrawn_is_not_a_staff_stage(admin_client):
    application = ApplicationFactory()
    response = admin_client.post(f"/admin/applications/application/{application.pk}/change/", {"stage": "withdrawn"})
    assert response.status_code == 200  # form error
    application.refresh_from_db()
    assert application.stage == "new"


def test_csv_export_has_no_file_bytes_and_neutralises_formulas(admin_client):
    application = ApplicationFactory(first_name="=HYPERLINK(\"http://evil\")", last_name="Lovelace")
    response = admin_client.post(
        "/admin/applications/application/", {"action": "export_csv", "_selected_action": [application.pk]}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["reference"] == application.reference
    assert rows[0]["first_name"].startswith("'=")
    assert "%PDF" not in response.content.decode()


# --- résumé access --------------------------------------------------------------------------

def resume_url(application):
    return f"/admin/applications/application/{application.pk}/file/resume/"


def test_anonymous_cannot_fetch_a_resume(client):
    application = ApplicationFactory()
    response = client.get(resume_url(application))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_candidate_cannot_fetch_a_resume(client):
    application = ApplicationFactory()
    client.force_login(UserFactory(email=application.email))
    response = client.get(resume_url(application))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("perms", [(), ("view_application",), ("download_resume",)])
def test_staff_without_both_permissions_get_403_or_404(client, perms):
    application = ApplicationFactory()
    client.force_login(staff_with(*perms))
    assert client.get(resume_url(application)).status_code in (403, 404)
    if "download_resume" not in perms:
        assert client.get(resume_url(application)).status_code == 403


def test_staff_with_permission_download_as_attachment(client):
    application = ApplicationFactory(resume_name="Ada CV.pdf")
    client.force_login(staff_with("view_application", "view_all_applications", "download_resume"))
    response = client.get(resume_url(application))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == d.pdf()
    assert response["Content-Disposition"].startswith("attachment;") and "Ada CV.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"


def test_no_url_reaches_private_files(client, settings):
    application = ApplicationFactory()
    name = application.resume.name
    assert not str(settings.PRIVATE_MEDIA_ROOT).startswith(str(settings.MEDIA_ROOT))
    for url in (f"/media/{name}", f"/media/../private/{name}", f"/private/{name}", f"/var/private/{name}",
                f"/no-public-url/{name}", f"/static/{name}", f"/{name}"):
        response = client.get(url)
        assert response.status_code == 404, url


def test_file_download_of_unknown_kind_is_404(admin_client):
    application = ApplicationFactory()
    assert admin_client.get(f"/admin/applications/application/{application.pk}/file/passwd/").status_code == 404
    assert admin_client.get(f"/admin/applications/application/{application.pk}/file/cover-letter/").status_code == 404
    assert Application.objects.count() == 1


def _png(size):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "logo.png"
    return buffer


def test_company_logo_is_validated_and_must_be_big_enough_for_search_engines(admin_client):
    from careers.models import CompanyProfile

    CompanyProfile(name="Example Co").save()
    url = "/admin/careers/companyprofile/1/change/"
    fields = {"name": "Example Co", "website": "https://example.com", "privacy_link_text": "Privacy",
              "accommodations_text": "", "about": "", "equal_opportunity": "", "fair_chance": "", "closing": ""}
    small = admin_client.post(url, {**fields, "logo": _png((64, 64))})
    assert small.status_code == 200 and "search engines need at least 112" in small.content.decode()
    assert not CompanyProfile.load().logo
    response = admin_client.post(url, {**fields, "logo": _png((300, 300))})
    assert response.status_code == 302
    assert CompanyProfile.load().logo.name.startswith("company/")
