"""The bytes OpenSID writes, reproduced for the simulator:
- its CSV (OpenSpout: BOM, PHP fputcsv quoting, LF);
- its XLSX (Spout: inline strings, no cell for an empty value);
- its ZIPs (CodeIgniter: flat, deflated, DOS attributes);
- the multipart bodies of its two HTTP clients (Guzzle and PHP curl);
- PHP's json_encode and http_build_query;
- the small PDFs and photos a desa uploads.
Compared with the captured bytes in tests/opensid/samples/ by
tests/opensid/test_simulator.py. Every function is pure: data in, bytes
out, nothing written to disk."""

import io
import json
import zipfile
from datetime import datetime
from urllib.parse import quote_plus

BOM = b"\xef\xbb\xbf"
_FPUTCSV_SPECIALS = (",", '"', "\\", "\n", "\r", "\t", " ")


def _csv_field(value) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "1"
    text = str(value)
    if any(special in text for special in _FPUTCSV_SPECIALS):
        return '"' + text.replace('"', '""') + '"'
    return text


def php_csv(header: list[str], rows: list[list]) -> bytes:
    """A CSV as OpenSpout writes it: a UTF-8 BOM, `,`, a field quoted only
    when it holds a space, comma, quote, tab, backslash or newline (PHP's
    fputcsv), LF line ends, a final newline. None and False are empty."""
    lines = [",".join(_csv_field(cell) for cell in row) for row in [header, *rows]]
    return BOM + "".join(line + "\n" for line in lines).encode("utf-8")


def php_escape(text: str) -> str:
    """htmlspecialchars(ENT_QUOTES), as Spout escapes cell text."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#039;")
    )


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _cell(reference: str, value) -> str:
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int | float):
        return f'<c r="{reference}" s="0" t="n"><v>{value}</v></c>'
    return (
        f'<c r="{reference}" s="0" t="inlineStr"><is><t>{php_escape(str(value))}'
        "</t></is></c>"
    )


def _sheet(rows: list[list]) -> str:
    width = max((len(row) for row in rows), default=1)
    xml = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(
            _cell(f"{_column(index)}{number}", value)
            for index, value in enumerate(row)
            if value is not None and value != ""
        )
        xml.append(
            f'<row r="{number}" spans="1:{width}" customHeight="0">{cells}</row>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{_MAIN}" xmlns:r="{_RELS}"><sheetData>'
        + "".join(xml)
        + "</sheetData></worksheet>"
    )


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "application/vnd.openxmlformats-officedocument"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CONTENT_TYPES = (
    _XML + f'<Types xmlns="{_PKG}/content-types">'
    '<Default ContentType="application/xml" Extension="xml"/>'
    '<Default ContentType="application/vnd.openxmlformats-package.relationships+xml"'
    ' Extension="rels"/>'
    f'<Override ContentType="{_OFFICE}.spreadsheetml.sheet.main+xml"'
    ' PartName="/xl/workbook.xml"/>'
    f'<Override ContentType="{_OFFICE}.spreadsheetml.worksheet+xml"'
    ' PartName="/xl/worksheets/sheet1.xml"/>'
    f'<Override ContentType="{_OFFICE}.spreadsheetml.styles+xml"'
    ' PartName="/xl/styles.xml"/>'
    f'<Override ContentType="{_OFFICE}.spreadsheetml.sharedStrings+xml"'
    ' PartName="/xl/sharedStrings.xml"/>'
    '<Override ContentType="application/vnd.openxmlformats-package.core-properties'
    '+xml" PartName="/docProps/core.xml"/>'
    f'<Override ContentType="{_OFFICE}.extended-properties+xml"'
    ' PartName="/docProps/app.xml"/></Types>'
)
_WORKBOOK = (
    _XML + f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}"><sheets>'
    '<sheet name="Sheet1" sheetId="1" r:id="rIdSheet1" state="visible"/>'
    "</sheets></workbook>"
)
_STYLES = (
    _XML + f'<styleSheet xmlns="{_MAIN}"><numFmts count="0"></numFmts>'
    '<fonts count="1"><font><sz val="12"/><color rgb="FF000000"/>'
    '<name val="Calibri"/></font></fonts><fills count="2"><fill>'
    '<patternFill patternType="none"/></fill><fill>'
    '<patternFill patternType="gray125"/></fill></fills><borders count="1">'
    "<border><left/><right/><top/><bottom/></border></borders>"
    '<cellStyleXfs count="1"><xf borderId="0" fillId="0" fontId="0" numFmtId="0"/>'
    '</cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0"'
    ' borderId="0" xfId="0" applyFont="1" applyBorder="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle builtinId="0" name="Normal" xfId="0"/>'
    "</cellStyles></styleSheet>"
)
_APP = (
    _XML + f'<Properties xmlns="{_RELS[:-14]}/extended-properties">'
    "<Application>Spout</Application><TotalTime>0</TotalTime></Properties>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rIdWorkbook" Type="{_RELS}/officeDocument"'
    ' Target="xl/workbook.xml"/>'
    '<Relationship Id="rIdCore" Type="http://schemas.openxmlformats.org/'
    'officedocument/2006/relationships/metadata/core-properties"'
    ' Target="docProps/core.xml"/>'
    f'<Relationship Id="rIdApp" Type="{_RELS}/extended-properties"'
    ' Target="docProps/app.xml"/></Relationships>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rIdStyles" Target="styles.xml" Type="{_RELS}/styles"/>'
    '<Relationship Id="rIdSharedStrings" Target="sharedStrings.xml"'
    f' Type="{_RELS}/sharedStrings"/>'
    '<Relationship Id="rIdSheet1" Target="worksheets/sheet1.xml"'
    f' Type="{_RELS}/worksheet"/></Relationships>'
)
_SHARED_STRINGS = _XML + f'<sst xmlns="{_MAIN}" count="0" uniqueCount="0"></sst>'


def _core(moment: datetime) -> str:
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%S+07:00")
    return (
        _XML + f'<cp:coreProperties xmlns:cp="{_PKG}/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"'
        ' xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "<cp:revision>0</cp:revision></cp:coreProperties>"
    )


def spout_xlsx(rows: list[list], moment: datetime) -> bytes:
    """One sheet as Spout writes it: strings as inline strings (no shared
    strings), numbers (int, float) as numeric cells, no cell at all for
    None or "". Pass every value as str for v2410 (all inline strings)."""
    parts = [
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("xl/workbook.xml", _WORKBOOK),
        ("xl/styles.xml", _STYLES),
        ("docProps/app.xml", _APP),
        ("docProps/core.xml", _core(moment)),
        ("_rels/.rels", _ROOT_RELS),
        ("xl/worksheets/sheet1.xml", _sheet(rows)),
        ("xl/sharedStrings.xml", _SHARED_STRINGS),
        ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
    ]
    return flat_zip([(name, text.encode("utf-8")) for name, text in parts], moment)


def flat_zip(entries: list[tuple[str, bytes]], moment: datetime) -> bytes:
    """A ZIP as CodeIgniter's Zip library builds it: entries in the given
    order, deflated, DOS attributes ("made by" 0, external 0x20), the local
    time of `moment`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, moment.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.create_version = 0
            info.external_attr = 0x20
            archive.writestr(info, data)
    return buffer.getvalue()


def guzzle_multipart(
    boundary: str, file_name: str, data: bytes, desa_id: str
) -> tuple[str, bytes]:
    """Guzzle's multipart: the part `file` (the ZIP, its basename, with its
    own Content-Length and Content-Type application/zip), then `desa_id`
    (Content-Length, no Content-Type). Returns (content type, body)."""
    code = desa_id.encode("utf-8")
    body = b"".join(
        [
            f"--{boundary}\r\n".encode(),
            f'Content-Disposition: form-data; name="file"; filename="{file_name}"'
            "\r\n".encode(),
            f"Content-Length: {len(data)}\r\n".encode(),
            b"Content-Type: application/zip\r\n\r\n",
            data,
            f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="desa_id"\r\n'
            f"Content-Length: {len(code)}\r\n\r\n".encode(),
            code,
            f"\r\n--{boundary}--\r\n".encode(),
        ]
    )
    return f"multipart/form-data; boundary={boundary}", body


def curl_multipart(boundary: str, file_name: str, data: bytes) -> tuple[str, bytes]:
    """PHP curl's multipart for the resident upload: the part `file` only,
    named with the path OpenSID gave curl (desa/upload/sinkronisasi/...), as
    application/octet-stream."""
    body = b"".join(
        [
            f"--{boundary}\r\n".encode(),
            f'Content-Disposition: form-data; name="file"; filename="{file_name}"'
            "\r\nContent-Type: application/octet-stream\r\n\r\n".encode(),
            data,
            f"\r\n--{boundary}--\r\n".encode(),
        ]
    )
    return f"multipart/form-data; boundary={boundary}", body


def php_form(fields: list[tuple[str, str]]) -> bytes:
    """http_build_query: spaces as "+", everything else but [A-Za-z0-9-_.]
    percent-encoded (PHP's urlencode encodes "~" too)."""
    return "&".join(
        f"{quote_plus(name)}={quote_plus(str(value)).replace('~', '%7E')}"
        for name, value in fields
    ).encode("ascii")


def php_json(document) -> bytes:
    """json_encode with PHP's defaults: compact, non-ASCII as \\uXXXX, and
    "/" escaped as "\\/"."""
    text = json.dumps(document, ensure_ascii=True, separators=(",", ":"))
    return text.replace("/", "\\/").encode("ascii")


def _pdf_text(text: str) -> str:
    ascii_text = text.encode("ascii", "replace").decode("ascii")
    return ascii_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def tiny_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF (Helvetica, a few lines of text) with a correct
    cross-reference table: what a desa uploads as its report, in miniature."""
    text = " ".join(
        f"({_pdf_text(line)}) Tj 0 -20 Td" for line in lines if line is not None
    )
    stream = f"BT /F1 12 Tf 40 160 Td {text} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 200] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = "%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
    out += f"startxref\n{xref}\n%%EOF\n"
    return out.encode("ascii")


def photo(label: str, size: tuple[int, int], fmt: str, hue: int) -> bytes:
    """A small illustration: sky, ground, a block and the label, in JPEG or
    PNG. Enough to be a real image (the server checks images), a few KB."""
    from PIL import Image, ImageDraw

    width, height = size
    sky = (110 + hue % 60, 160 + hue % 50, 210)
    ground = (90 + hue % 40, 120 + hue % 30, 60)
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, height * 2 // 3, width, height], fill=ground)
    left = width // 4 + hue % (width // 4 or 1)
    draw.rectangle(
        [left, height // 3, left + width // 4, height * 2 // 3], fill=(150, 150, 150)
    )
    if width >= 80:
        draw.text((4, 4), label[:28], fill=(20, 20, 20))
    buffer = io.BytesIO()
    if fmt == "png":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "JPEG", quality=70)
    return buffer.getvalue()
