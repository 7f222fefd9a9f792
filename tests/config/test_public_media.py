"""The company logo and team images are reachable in production (DEBUG off); private files never are."""

import io

import pytest
from django.test import Client
from PIL import Image

from careers.models import CompanyProfile
from tests.factories import ApplicationFactory, CompanyProfileFactory, PostingFactory, SuperuserFactory
from tests.helpers.page import read_head

pytestmark = pytest.mark.django_db


def png(size=(200, 200)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "logo.png"
    return buffer


def test_uploaded_logo_is_served_with_long_cache_headers_when_debug_is_off(settings):
    settings.DEBUG = False
    CompanyProfileFactory()
    admin = Client()
    admin.force_login(SuperuserFactory())
    page = admin.get("/admin/careers/companyprofile/1/change/")
    assert page.status_code == 200
    response = admin.post("/admin/careers/companyprofile/1/change/", {"name": "Example Co", "logo": png(),
                                                                      "privacy_link_text": "Privacy"})
    assert response.status_code == 302, response.content.decode()[:500]
    posting = PostingFactory()
    html = Client().get(posting.get_absolute_url()).content.decode()
    image_url = read_head(html).meta["og:image"]
    assert image_url.startswith("http://testserver/media/company/")
    logo = Client().get(image_url.removeprefix("http://testserver"))
    assert logo.status_code == 200
    assert logo["Content-Type"] == "image/png"
    assert "max-age=31536000" in logo["Cache-Control"] and "public" in logo["Cache-Control"]
    assert b"".join(logo.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    assert Client().head(image_url.removeprefix("http://testserver")).status_code == 200
    assert CompanyProfile.load().logo.name.startswith("company/")


def test_private_files_and_other_paths_are_never_served(settings, isolated_storage):
    settings.DEBUG = False
    application = ApplicationFactory()
    client = Client()
    for path in (
        f"/media/{application.resume.name}",
        f"/media/../private/{application.resume.name}",
        "/media/company/../../private/" + application.resume.name,
        "/no-public-url/" + application.resume.name,
        "/media/teams/missing.png",
    ):
        assert client.get(path).status_code in (400, 404), path
    (isolated_storage / "media").mkdir(exist_ok=True)
    (isolated_storage / "media" / "secret.txt").write_text("not public")
    assert client.get("/media/secret.txt").status_code == 404
