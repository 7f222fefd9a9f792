"""Real document bytes for upload tests: valid files of each kind and hostile ones."""

import io
import uuid
import zipfile

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import MINIMAL_PDF

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def pdf(size=None):
    if size is None:
        return MINIMAL_PDF
    padding = b"%" + b"x" * max(0, size - len(MINIMAL_PDF) - 2) + b"\n"
    return MINIMAL_PDF.replace(b"trailer", padding + b"trailer")


def docx(document_xml=b"<w:document/>"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def docx_bomb(uncompressed=60 * 1024 * 1024):
    return docx(b"\0" * uncompressed)


def odt():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def plain_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return buffer.getvalue()


def doc():
    return OLE_MAGIC + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 1024


def ole_not_word():
    return OLE_MAGIC + b"\0" * 504 + "Workbook".encode("utf-16-le") + b"\0" * 1024


def rtf():
    return b"{\\rtf1\\ansi Ada Lovelace \\par Analyst}"


def txt():
    return "Ada Lovelace\nAnalytical engines, 1843 \u2013 present\n".encode()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"This program cannot be run in DOS mode"
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
GARBAGE = bytes(range(256)) * 8


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored(content, extension):
    """A file as a model's FileField is given it, under a fresh random name."""
    return ContentFile(content, name=f"{uuid.uuid4().hex}.{extension}")
