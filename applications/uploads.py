"""Candidate file uploads: what we accept, decided by content, and safe names.

A file is accepted only when its bytes prove its type (not its name or the
browser's claim) and its name's extension agrees with what the bytes are.
"""

import os
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from careers.validators import UNSAFE_CHARACTERS

CHUNK = 64 * 1024
# Unpacked size allowed for a DOCX/ODT: generous for a long CV with images,
# far below what a zip bomb would expand to.
ZIP_MAX_UNCOMPRESSED = 50 * 1024 * 1024
ZIP_MAX_MEMBERS = 2000
ZIP_MAX_RATIO = 200

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class Kind:
    extension: str
    label: str
    content_type: str


KINDS = {
    "pdf": Kind("pdf", "PDF", "application/pdf"),
    "docx": Kind("docx", "Word (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "doc": Kind("doc", "Word 97-2003 (DOC)", "application/msword"),
    "odt": Kind("odt", "OpenDocument text (ODT)", "application/vnd.oasis.opendocument.text"),
    "rtf": Kind("rtf", "Rich text (RTF)", "application/rtf"),
    "txt": Kind("txt", "plain text (TXT)", "text/plain"),
}
ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for ext in KINDS) + "," + ",".join(k.content_type for k in KINDS.values())
ALLOWED_LIST = "PDF, DOC, DOCX, ODT, RTF or TXT"

# Characters that must never reach a stored or displayed file name: controls
# (NUL included) and bidirectional overrides that disguise extensions; the same
# set candidates' form fields refuse.
_UNSAFE = UNSAFE_CHARACTERS


@dataclass
class Document:
    """An uploaded file (or a held one, already in private storage) and its proven kind."""

    kind: Kind
    display_name: str
    size: int
    upload: object = None  # an UploadedFile
    held_name: str = ""  # a name in private storage


def safe_display_name(name: str, *, max_length: int = 100) -> str:
    """The original file name, reduced to something safe to show and store."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]  # no directories, Windows or POSIX
    name = _UNSAFE.sub("", name)
    name = re.sub(r"\s+", " ", name).strip().lstrip(".")
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    ext = ext[:10]
    room = max_length - (len(ext) + 1 if ext else 0)
    stem = stem[:room].strip()
    return (f"{stem}.{ext}" if ext else stem) or "file"


def extension_of(name: str) -> str:
    _, dot, ext = safe_display_name(name).rpartition(".")
    return ext.lower() if dot else ""


def random_name(kind: Kind) -> str:
    return f"{uuid.uuid4().hex}.{kind.extension}"


def _read_head(file, size=8192) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _tail(file, size=4096) -> bytes:
    file.seek(0, os.SEEK_END)
    end = file.tell()
    file.seek(max(0, end - size))
    data = file.read()
    file.seek(0)
    return data


def _contains(file, needle: bytes) -> bool:
    """Stream the file looking for ``needle`` without loading it whole."""
    file.seek(0)
    previous = b""
    while chunk := file.read(CHUNK):
        if needle in previous + chunk:
            file.seek(0)
            return True
        previous = chunk[-len(needle) :]
    file.seek(0)
    return False


def _zip_kind(file):
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            if len(members) > ZIP_MAX_MEMBERS:
                raise ValidationError("This document has too many parts to be a résumé.", code="zip_bomb")
            total = 0
            for member in members:
                total += member.file_size
                ratio = member.file_size / max(member.compress_size, 1)
                if total > ZIP_MAX_UNCOMPRESSED or (member.file_size > 1024 * 1024 and ratio > ZIP_MAX_RATIO):
                    raise ValidationError(
                        "This document unpacks to far more data than a résumé could hold, so we can\u2019t accept it.",
                        code="zip_bomb",
                    )
            names = {member.filename for member in members}
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                _check_member(archive, "word/document.xml")
                return KINDS["docx"]
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE and "content.xml" in names:
                _check_member(archive, "content.xml")
                return KINDS["odt"]
    except zipfile.BadZipFile:
        raise ValidationError("This file is damaged: it looks like a ZIP-based document but can\u2019t be opened.", code="corrupt")
    finally:
        file.seek(0)
    return None


def _check_member(archive, name):
    """Decompress one member under a hard cap: catches sizes that lie in the ZIP directory."""
    read = 0
    with archive.open(name) as member:
        while chunk := member.read(CHUNK):
            read += len(chunk)
            if read > ZIP_MAX_UNCOMPRESSED:
                raise ValidationError(
                    "This document unpacks to far more data than a résumé could hold, so we can\u2019t accept it.",
                    code="zip_bomb",
                )


def _looks_like_text(file):
    head = _read_head(file, 64 * 1024)
    if b"\x00" in head:
        return False
    try:
        # A multi-byte character may be cut at the end of the sample.
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:
            return False
    text = head.decode("utf-8", errors="ignore")
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return printable >= 0.95 * max(len(text), 1)


def _looks_like_markup(file):
    start = _read_head(file, 1024).lstrip().lower()
    return start.startswith((b"<!doctype", b"<html", b"<script", b"<?xml", b"<svg", b"<body", b"<head"))


def detect_kind(file):
    """The document type proven by the file's bytes, or None."""
    head = _read_head(file)
    if head[:1024].find(b"%PDF-") != -1:
        if b"%%EOF" not in _tail(file):
            raise ValidationError("This PDF looks incomplete (it has no end marker). Please export it again.", code="corrupt")
        return KINDS["pdf"]
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(file)
    if head.startswith(OLE_MAGIC):
        # OLE containers also hold Excel sheets and installers; a Word file has a WordDocument stream.
        return KINDS["doc"] if _contains(file, "WordDocument".encode("utf-16-le")) else None
    if head.startswith(b"{\\rtf"):
        return KINDS["rtf"]
    if _looks_like_text(file) and not _looks_like_markup(file):
        return KINDS["txt"]
    return None


def validate_document(upload, *, max_bytes: int, what: str = "résumé") -> Kind:
    """Check an uploaded document and return its proven kind, or raise ValidationError."""
    size = upload.size
    if not size:
        raise ValidationError(f"The {what} file is empty. Please choose the file again.", code="empty")
    if size > max_bytes:
        raise ValidationError(
            f"The {what} file is {filesizeformat(size)}; the limit is {filesizeformat(max_bytes)}.",
            code="too_large",
        )
    kind = detect_kind(upload)
    if kind is None:
        raise ValidationError(
            f"We couldn\u2019t recognise this file as a document. Please upload your {what} as {ALLOWED_LIST}.",
            code="unsupported",
        )
    named = extension_of(upload.name)
    if not named:
        raise ValidationError(f"The file name needs an extension ({ALLOWED_LIST}).", code="no_extension")
    if named != kind.extension:
        raise ValidationError(
            f"This file is named \u201c.{named}\u201d but its contents are {kind.label}. "
            f"Please check you chose the right file.",
            code="mismatch",
        )
    return kind


def document_response(field, display_name):
    """Stream a stored document as a download: never rendered inline, never sniffed, never cached."""
    from django.http import FileResponse

    extension = field.name.rsplit(".", 1)[-1]
    response = FileResponse(
        field.storage.open(field.name, "rb"),
        as_attachment=True,
        filename=display_name,
        content_type=KINDS[extension].content_type if extension in KINDS else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
