"""Uploaded files on S3-compatible object storage (issue 25 §5: "uploaded files on
S3-compatible object storage through django-storages when configured (tested against a local
S3-compatible server such as moto's), so several web servers can share one database and one
store").

A council's upload goes through the real page (the JAR's documents checklist) into a bucket on
moto's server on the loopback interface, and comes back through the app's own download view,
which checks who may read it: the bucket's objects are private and no page links to them.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.jar.documents.models import DocumentUpload
from ecm.jar.documents.tests.walk import _PDF
from ecm.performance.models import DataImport, ImportFormat, Indicator
from ecm.performance.tests.test_pages import DEFINITIONS, upload
from tests.production_seed import review_with_checklist
from tests.s3_support import local_s3

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3():
    with local_s3() as server:
        yield server


@pytest.fixture
def on_s3(s3):
    """The default storage as config/settings.py builds it from the environment for s3."""
    built = s3.settings()
    with override_settings(STORAGES={**built["STORAGES"], "staticfiles": _static()}):
        yield s3, built


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _PDF, content_type="application/pdf")


def _static() -> dict:
    return {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


@pytest.fixture
def checklist(council, administrator, make_user):
    lead = make_user(Role.HMI)
    review = review_with_checklist(council=council, administrator=administrator, lead=lead)
    cypp = review.requested_documents.get(code="cypp")
    return cypp, lead, make_user(Role.LINK_OFFICER, council=council)


def test_issue_25_s5_the_settings_use_s3_with_private_signed_files_when_a_bucket_is_named(s3):
    built = s3.settings()
    default = built["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    options = default["OPTIONS"]
    assert options["bucket_name"] == s3.bucket
    assert options["endpoint_url"] == s3.endpoint_url
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is True
    assert options["file_overwrite"] is False


def test_issue_25_s5_without_a_bucket_uploads_stay_on_this_machines_disk(monkeypatch):
    for name in ("AWS_STORAGE_BUCKET_NAME", "S3_BUCKET"):
        monkeypatch.delenv(name, raising=False)
    import runpy  # noqa: PLC0415

    from tests.s3_support import SETTINGS_FILE  # noqa: PLC0415

    built = runpy.run_path(str(SETTINGS_FILE))
    assert built["STORAGES"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_issue_25_s5_an_upload_lands_in_the_bucket_and_downloads_through_the_app(
    client, on_s3, checklist, other_council
):
    s3, _built = on_s3
    cypp, lead, council_user = checklist
    before = set(s3.object_keys())
    client.force_login(council_user)
    upload_url = reverse(
        "jar:document-upload", kwargs={"pk": cypp.review_id, "document_pk": cypp.pk}
    )
    response = client.post(upload_url, {"file": pdf("cypp.pdf"), "note": "2006-09 plan"})
    assert response.status_code == 302

    stored = DocumentUpload.objects.get()
    (key,) = set(s3.object_keys()) - before
    assert key == stored.file.name and key.startswith("jar/documents/")
    assert s3.read(key) == _PDF
    grants = s3.client().get_object_acl(Bucket=s3.bucket, Key=key)["Grants"]
    assert not [g for g in grants if "AllUsers" in str(g.get("Grantee", {}).get("URI", ""))]

    # The page shows the file by its name and links to the app's download, never the bucket.
    page = client.get(
        reverse("jar:document", kwargs={"pk": cypp.review_id, "document_pk": cypp.pk})
    )
    assert "cypp.pdf" in page.content.decode()
    assert s3.endpoint_url not in page.content.decode()

    download_url = reverse(
        "jar:document-download", kwargs={"pk": cypp.review_id, "file_pk": stored.pk}
    )
    client.force_login(lead)
    download = client.get(download_url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="cypp.pdf"')
    assert b"".join(download.streaming_content) == _PDF


def test_issue_25_s5_a_file_in_the_bucket_is_refused_to_another_council(
    client, on_s3, checklist, make_user, other_council
):
    cypp, _lead, council_user = checklist
    client.force_login(council_user)
    client.post(
        reverse("jar:document-upload", kwargs={"pk": cypp.review_id, "document_pk": cypp.pk}),
        {"file": pdf("cypp.pdf")},
    )
    stored = DocumentUpload.objects.get()
    client.force_login(make_user(Role.LINK_OFFICER, council=other_council))
    refused = client.get(
        reverse("jar:document-download", kwargs={"pk": cypp.review_id, "file_pk": stored.pk})
    )
    assert refused.status_code == 404


def test_issue_25_s5_a_second_file_of_the_same_name_never_replaces_the_first(on_s3):
    from django.core.files.base import ContentFile  # noqa: PLC0415
    from django.core.files.storage import default_storage  # noqa: PLC0415

    s3, _built = on_s3
    first = default_storage.save("same/name.txt", ContentFile(b"first"))
    second = default_storage.save("same/name.txt", ContentFile(b"second"))
    assert first != second
    assert s3.read(first) == b"first" and s3.read(second) == b"second"
    assert "X-Amz-Signature=" in default_storage.url(first)  # signed, short-lived


def test_issue_25_s5_an_indicator_file_is_kept_in_the_bucket_and_imported_from_it(
    client, on_s3, administrator, settings
):
    """Decision 0055: an uploaded indicator file is kept in the bucket, not on the web server's
    disk, and the queued import (run at once by the tests' synchronous queue, as any worker on
    any machine would) reads it back from there."""
    s3, _built = on_s3
    settings.PERFORMANCE_IMPORT_INLINE = False
    client.force_login(administrator)
    response = upload(client, ImportFormat.DEFINITIONS, "definitions.csv", DEFINITIONS.encode())

    assert response.status_code == 302
    (key,) = [k for k in s3.object_keys() if k.startswith("imports/")]
    assert key.endswith("/definitions.csv")
    assert s3.read(key) == DEFINITIONS.encode()
    assert DataImport.objects.get(file_name="definitions.csv").status == "done"
    assert Indicator.objects.filter(code="U-PCT").exists()
