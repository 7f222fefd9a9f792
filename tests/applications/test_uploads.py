import pytest
from django.core.exceptions import ValidationError

from applications.uploads import safe_display_name, validate_document
from tests.helpers import documents as d

MAX = 10 * 1024 * 1024


@pytest.mark.parametrize(
    "name, content, kind",
    [
        ("cv.pdf", d.pdf(), "pdf"),
        ("cv.docx", d.docx(), "docx"),
        ("cv.odt", d.odt(), "odt"),
        ("cv.doc", d.doc(), "doc"),
        ("cv.rtf", d.rtf(), "rtf"),
        ("cv.txt", d.txt(), "txt"),
        ("CV.PDF", d.pdf(), "pdf"),
    ],
)
def test_accepts_each_document_kind_by_content(name, content, kind):
    assert validate_document(d.upload(name, content, "application/octet-stream"), max_bytes=MAX).extension == kind


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("cv.pdf", d.EXE, "unsupported"),
        ("cv.pdf", d.ELF, "unsupported"),
        ("cv.pdf", d.HTML, "unsupported"),
        ("cv.txt", d.HTML, "unsupported"),
        ("cv.pdf", b"", "empty"),
        ("cv.docx", d.docx_bomb(), "zip_bomb"),
        ("cv.docx", d.plain_zip(), "unsupported"),
        ("cv.doc", d.ole_not_word(), "unsupported"),
        ("cv.docx", d.pdf(), "mismatch"),
        ("cv", d.pdf(), "no_extension"),
        ("cv.pdf", d.pdf().replace(b"%%EOF", b""), "corrupt"),
        ("cv.txt", d.GARBAGE, "unsupported"),
        ("cv.docx", b"PK\x03\x04" + b"\x00" * 100, "corrupt"),
    ],
)
def test_rejects_by_content(name, content, code):
    with pytest.raises(ValidationError) as error:
        validate_document(d.upload(name, content), max_bytes=MAX)
    assert error.value.code == code


def test_rejects_over_the_limit_with_sizes_in_the_message():
    with pytest.raises(ValidationError) as error:
        validate_document(d.upload("cv.pdf", d.pdf(2048)), max_bytes=1024)
    assert error.value.code == "too_large"
    assert "1.0\xa0KB" in error.value.message or "1.0 KB" in error.value.message


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\ada\\cv.pdf", "cv.pdf"),
        ("cv\x00.exe.pdf", "cv.exe.pdf"),
        ("invoice\u202egpj.pdf", "invoicegpj.pdf"),
        ("  .hidden.pdf", "hidden.pdf"),
        ("a" * 300 + ".pdf", "a" * 96 + ".pdf"),
        ("", "file"),
        ("Ada Lovelace – CV (2026).pdf", "Ada Lovelace – CV (2026).pdf"),
    ],
)
def test_safe_display_name(raw, expected):
    assert safe_display_name(raw) == expected


@pytest.mark.django_db
def test_stored_documents_are_0640_in_0750_folders_uploaded_or_held(client, isolated_storage):
    """Both ways a file reaches private storage: moved from the upload's temporary file, or copied from a held one."""
    import stat

    from tests.applications.test_apply import form_data
    from tests.factories import PostingFactory, PrivacyPolicyFactory, QuestionFactory

    PrivacyPolicyFactory()
    posting = PostingFactory(slug="modes")
    for _ in range(3):
        QuestionFactory(posting=posting, required=False, kind="short_text")
    url = "/careers/modes/apply/"
    assert client.post(url, form_data(posting, email="uploaded@example.com")).status_code == 302
    held = form_data(posting, email="held@example.com", first_name="")
    assert client.post(url, held).status_code == 400  # the résumé is held
    held.pop("resume")
    assert client.post(url, {**held, "first_name": "Ada"}).status_code == 302  # stored from the held copy

    root = isolated_storage / "private"
    files = [p for p in root.rglob("*") if p.is_file()]
    folders = [p for p in root.rglob("*") if p.is_dir()]
    assert len(files) == 2
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in files} == {"0o640"}
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in folders} == {"0o750"}
