"""Turn one candidate document into something safe to show staff: page images, clean HTML or text.

This module runs in a child process (``python -m applications.viewer.convert``) started by
``applications.viewer.previews`` with CPU, memory and wall-clock limits and no secrets in its
environment: the bytes are hostile, the parsers are large (PDFium is C++), and a document
that loops or balloons must cost one child, never a web worker. It imports no Django.

Input: the document's kind (``pdf``, ``docx``, ``odt``, ``rtf``, ``txt``), CPU seconds and memory
bytes allowed as arguments, and its bytes on stdin. Output: one JSON object on stdout (``preview()``'s result).

Why PDFs become images: Chromium's built-in PDF viewer runs a PDF's JavaScript, even when the
PDF is served with ``Content-Security-Policy: sandbox; default-src 'none'`` (tried in the Debian
Chromium here: ``app.alert`` from an OpenAction opened a dialog), and in a ``sandbox`` frame (the
only safe way to show hostile content) it shows nothing. PDFium here is built without V8 or
XFA (``pypdfium2.PDFIUM_INFO.flags`` is empty), so rendering a page to PNG cannot run a script
or follow a link, and the browser only ever receives pixels plus the page's extracted text
(for screen readers and copying).
"""

import base64
import io
import json
import sys
import zipfile

MAX_PAGES = 10  # rendered; the rest are counted and left to the download
PAGE_WIDTH_PX = 1000  # a page is rendered this wide...
PAGE_MAX_HEIGHT_PX = 2000  # ...unless that makes it taller than this (odd page sizes)
MAX_TEXT_CHARS = 200_000  # characters of text or HTML converted, whatever the format
MAX_XML_BYTES = 20 * 1024 * 1024  # an ODT's content.xml, read under a cap (the ZIP's sizes may lie)

# Only structure survives: no attribute at all (nothing can load, link, style or script).
ALLOWED_TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "b", "i", "u", "s",
    "sub", "sup", "blockquote", "pre", "code", "table", "thead", "tbody", "tr", "th", "td",
}


def clean_html(html: str) -> str:
    """Candidate HTML reduced to harmless structure: tags above only, no attributes, no comments."""
    import nh3

    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={}, url_schemes=set(), strip_comments=True,
                     clean_content_tags={"script", "style", "title", "template", "iframe", "object", "noscript"})


def _capped(text: str):
    return (text[:MAX_TEXT_CHARS], True) if len(text) > MAX_TEXT_CHARS else (text, False)


def pdf_preview(data: bytes) -> dict:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        pages, text_budget = [], MAX_TEXT_CHARS
        for index in range(min(len(document), MAX_PAGES)):
            page = document[index]
            width, height = page.get_size()
            scale = min(PAGE_WIDTH_PX / max(width, 1), PAGE_MAX_HEIGHT_PX / max(height, 1))
            image = page.render(scale=scale).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", compress_level=1)  # encoding dominates; size matters less (cached)
            full_text = page.get_textpage().get_text_bounded()
            text = full_text[: max(text_budget, 0)]
            text_budget -= len(full_text)
            pages.append({
                "png": base64.b64encode(buffer.getvalue()).decode("ascii"),
                "width": image.width, "height": image.height, "text": text,
            })
        return {"format": "pages", "pages": pages, "page_count": len(document),
                "truncated": len(document) > MAX_PAGES or text_budget < 0}
    finally:
        document.close()


def _skip_image(image):
    return {}  # images are dropped by clean_html; do not read or encode them


def docx_preview(data: bytes) -> dict:
    import mammoth

    result = mammoth.convert_to_html(
        io.BytesIO(data), external_file_access=False, include_embedded_style_map=False,
        convert_image=mammoth.images.img_element(_skip_image),
    )
    html, truncated = _capped(result.value)
    return {"format": "html", "html": clean_html(html), "truncated": truncated}


ODF = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}


def _odf(prefix, name):
    return f"{{{ODF[prefix]}}}{name}"


def _odt_inline(element, out):
    """Text of a paragraph-level element: spans, links (text only), spaces, tabs, line breaks."""
    from html import escape

    if element.text:
        out.append(escape(element.text))
    for child in element:
        if child.tag == _odf("text", "s"):
            out.append(" " * min(int(child.get(_odf("text", "c"), "1") or 1), 100))
        elif child.tag == _odf("text", "tab"):
            out.append("\t")
        elif child.tag == _odf("text", "line-break"):
            out.append("<br>")
        elif child.tag in (_odf("text", "note"), _odf("office", "annotation")):
            pass  # footnotes and comments are not the résumé's text
        else:
            _odt_inline(child, out)
        if child.tail:
            out.append(escape(child.tail))


def _odt_blocks(element, out):
    for child in element:
        if child.tag == _odf("text", "h"):
            level = min(max(int(child.get(_odf("text", "outline-level"), "1") or 1), 1), 6)
            out.append(f"<h{level}>")
            _odt_inline(child, out)
            out.append(f"</h{level}>")
        elif child.tag == _odf("text", "p"):
            out.append("<p>")
            _odt_inline(child, out)
            out.append("</p>")
        elif child.tag == _odf("text", "list"):
            out.append("<ul>")
            for item in child:
                out.append("<li>")
                _odt_blocks(item, out)
                out.append("</li>")
            out.append("</ul>")
        elif child.tag == _odf("table", "table"):
            out.append("<table>")
            for row in child.iter(_odf("table", "table-row")):
                out.append("<tr>")
                for cell in row.iter(_odf("table", "table-cell")):
                    out.append("<td>")
                    _odt_blocks(cell, out)
                    out.append("</td>")
                out.append("</tr>")
            out.append("</table>")
        elif child.tag in (_odf("text", "section"), _odf("office", "text"), _odf("office", "body")):
            _odt_blocks(child, out)
        # Anything else (frames, images, scripts, forms, change tracking) shows nothing.


def odt_preview(data: bytes) -> dict:
    """ODT's content.xml read with defusedxml (no DTDs, entities or external references) into clean HTML."""
    from defusedxml.ElementTree import fromstring

    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as member:
        xml = member.read(MAX_XML_BYTES + 1)
    if len(xml) > MAX_XML_BYTES:
        raise ValueError("content.xml is too large")
    root = fromstring(xml)
    out = []
    body = root.find(_odf("office", "body"))
    if body is not None:
        _odt_blocks(body, out)
    html, truncated = _capped("".join(out))
    return {"format": "html", "html": clean_html(html), "truncated": truncated}


def rtf_preview(data: bytes) -> dict:
    from striprtf.striprtf import rtf_to_text

    text, truncated = _capped(rtf_to_text(data.decode("latin-1"), errors="ignore"))
    return {"format": "text", "text": text, "truncated": truncated}


def txt_preview(data: bytes) -> dict:
    text, truncated = _capped(data.decode("utf-8", errors="replace"))
    return {"format": "text", "text": text, "truncated": truncated}


CONVERTERS = {"pdf": pdf_preview, "docx": docx_preview, "odt": odt_preview, "rtf": rtf_preview, "txt": txt_preview}


def preview(kind: str, data: bytes) -> dict:
    """The preview of ``data`` (a document of ``kind``): a dict with ``format`` pages, html, text or none."""
    if kind not in CONVERTERS:
        return {"format": "none", "reason": "unsupported"}
    try:
        return CONVERTERS[kind](data)
    except Exception as error:  # noqa: BLE001 (any failure of a hostile file means: show nothing)
        return {"format": "none", "reason": "unreadable", "detail": type(error).__name__}


def limit_self(cpu_seconds: int, memory_bytes: int):
    """Hard limits on this process, set before any byte of the document is read."""
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main():
    kind, cpu_seconds, memory_bytes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    limit_self(cpu_seconds, memory_bytes)
    data = sys.stdin.buffer.read()
    json.dump(preview(kind, data), sys.stdout)


if __name__ == "__main__":
    main()
