"""Private files on S3-compatible object storage (django-storages against moto's S3 server, over HTTP).

Several app servers share one bucket; everything that reads or writes candidates'
files goes through the storage API, so the apply flow, held résumés, staff
downloads, the data export, erasure and the orphan sweep must all work there.
"""

import io
import json
import zipfile

import boto3
import pytest
from django.test import Client
from django.utils import timezone
from moto.server import ThreadedMotoServer

from applications.models import Application
from tests.applications.test_apply import apply, form_data, post
from tests.conftest import free_port
from tests.factories import UserFactory, staff_in_role
from tests.helpers import documents as d

pytestmark = pytest.mark.django_db
BUCKET = "careers-private-test"


@pytest.fixture(scope="module")
def s3_server():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings, isolated_storage):
    """The ``private`` storage is a private bucket on the S3 server (as PRIVATE_STORAGE_BUCKET configures it)."""
    credentials = {"aws_access_key_id": "test", "aws_secret_access_key": "test", "region_name": "eu-west-2"}
    client = boto3.client("s3", endpoint_url=s3_server, **credentials)
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET, "endpoint_url": s3_server, "region_name": "eu-west-2",
                "access_key": "test", "secret_key": "test", "default_acl": "private", "querystring_auth": True,
                "file_overwrite": False, "object_parameters": {"ServerSideEncryption": "AES256"},
            },
        },
    }
    yield client
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def objects(client):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_an_application_lands_its_resume_in_the_bucket_privately_and_encrypted(client, posting, bucket):
    response = apply(client, posting)
    assert response.status_code == 302
    application = Application.objects.get()
    assert objects(bucket) == [application.resume.name]
    stored = bucket.get_object(Bucket=BUCKET, Key=application.resume.name)
    assert stored["Body"].read() == d.pdf()
    assert stored["ServerSideEncryption"] == "AES256"
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=application.resume.name)["Grants"]
    assert not [g for g in grants if "AllUsers" in str(g.get("Grantee", {}).get("URI", ""))]
    # Staff download it through the permission-checked view (never a bucket URL).
    recruiter = Client()
    recruiter.force_login(staff_in_role("Recruiter"))
    download = recruiter.get(f"/admin/applications/application/{application.pk}/file/resume/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == d.pdf()
    assert BUCKET not in recruiter.get(f"/admin/applications/application/{application.pk}/change/").content.decode()


def test_a_held_resume_is_kept_in_the_bucket_between_attempts(client, posting, bucket):
    data = form_data(posting, first_name="")
    assert post(client, f"/careers/{posting.slug}/apply/", data).status_code == 400
    assert [key.split("/")[0] for key in objects(bucket)] == ["held"]
    data.pop("resume")
    data["first_name"] = "Ada"
    assert post(client, f"/careers/{posting.slug}/apply/", data).status_code == 302
    application = Application.objects.get()
    assert objects(bucket) == [application.resume.name]  # the held copy is gone
    assert bucket.get_object(Bucket=BUCKET, Key=application.resume.name)["Body"].read() == d.pdf()


def test_export_and_erasure_read_and_delete_from_the_bucket(client, posting, bucket, django_capture_on_commit_callbacks):
    apply(client, posting, email="ada@example.com")
    application = Application.objects.get()
    ada = UserFactory(email="ada@example.com", email_verified_at=timezone.now())
    candidate = Client()
    candidate.force_login(ada)
    export = candidate.post("/accounts/data/export/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(export.streaming_content)))
    document = json.loads(archive.read("data.json"))
    assert archive.read(document["applications"][0]["resume_file"]) == d.pdf()
    with django_capture_on_commit_callbacks(execute=True):
        response = candidate.post("/accounts/data/delete/", {"password": "correct horse battery staple",
                                                             "confirm": "on"})
    assert response.status_code == 302
    assert not Application.objects.filter(pk=application.pk).exists()
    assert objects(bucket) == []


def test_the_orphan_sweep_walks_the_bucket(bucket, posting):
    import datetime

    from django.core.files.base import ContentFile
    from django.core.files.storage import storages

    from applications.retention import purge_orphan_files
    from tests.factories import ApplicationFactory

    kept = ApplicationFactory(posting=posting)
    orphan = storages["private"].save("resumes/2026/11/killed-mid-submit.pdf", ContentFile(b"%PDF-1.4 partial"))
    assert purge_orphan_files(older_than=datetime.timedelta(hours=1)) == 0  # too new: maybe still in flight
    assert purge_orphan_files(older_than=datetime.timedelta(seconds=-60)) == 1
    assert objects(bucket) == [kept.resume.name] and orphan not in objects(bucket)


def test_a_hung_object_store_fails_the_attempt_quickly_with_nothing_saved(client, posting, bucket, settings):
    """A storage server that accepts connections and never answers: "try again" within seconds, no row."""
    import socket
    import threading
    import time

    from botocore.config import Config

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held = []

    def hold_connections():
        try:
            for _ in range(8):
                held.append(listener.accept())
        except OSError:
            pass  # the listener was closed at the end of the test

    threading.Thread(target=hold_connections, daemon=True).start()
    options = settings.STORAGES["private"]["OPTIONS"]
    settings.STORAGES = {**settings.STORAGES, "private": {**settings.STORAGES["private"], "OPTIONS": {
        **options, "endpoint_url": f"http://127.0.0.1:{listener.getsockname()[1]}",
        "client_config": Config(connect_timeout=1, read_timeout=1, retries={"max_attempts": 1}),
    }}}
    started = time.monotonic()
    response = apply(client, posting)
    assert time.monotonic() - started < 10
    assert response.status_code == 400
    assert "We couldn’t save your file just now. Nothing was submitted" in response.content.decode()
    assert not Application.objects.exists()
    listener.close()
