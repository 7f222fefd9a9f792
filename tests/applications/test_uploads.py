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
