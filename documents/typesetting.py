"""Typeset documents with Typst, each in a process of its own: certificates here, official documents in official.py.

Typst lays out a certificate in about a millisecond where WeasyPrint took some 30 ms (issue #18: 1,000
certificates in about 1.5 s instead of 16 s), with the same fonts at the same positions.
"""

import json
import subprocess
import sys
from pathlib import Path

import segno
from django.utils import timezone

from documents.certificates import BLOCK_UNDER_EMBLEM, positions_with_defaults
from documents.naming import last_words
from documents.texts import date_line, number_symbol, upper_vi

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates" / "documents"
TEMPLATE = TEMPLATES / "certificate.typ"
FONTS = HERE / "fonts"  # Liberation Serif, and no other font
COMPILE = HERE / "compile_typst.py"
TIMEOUT_SECONDS = 300
# Archives law 33/2024/QH15: a signed document is kept as PDF/A (here PDF/A-2b: fonts embedded,
# colours with an output intent, metadata as XMP).
ARCHIVAL = "a-2b"


class TypesettingError(RuntimeError):
    """Typst refused the document: its message says why."""


def render_certificates(certificates):
    """Return one PDF with a page per certificate, in order (documents/templates/documents/certificate.typ).

    Each certificate is a dict:
      print_on_blank   True: only the variable texts, for the office's pre-printed blank (phôi);
                       False: the complete digital page with its frame
      title            "Bằng khen" / "Giấy khen" (digital)
      authority        "Chủ tịch Ủy ban nhân dân thành phố Cần Thơ" (digital)
      awardee          "Bà Nguyễn Thị Ngọc Hà" or a collective's name
      awardee_detail   "Trợ giúp viên pháp lý, Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ"
      achievement      "Đã có thành tích xuất sắc trong …"
      place, date      "Cần Thơ", a datetime.date
      signer_lines     ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
      signer_name      "Trần Văn Đức"
      decision         {"number": 12, "symbol": "QĐ-UBND", "date": datetime.date}
      register_number  "125" ("Số sổ: 125")
      verification_url optional, digital: the award's public verification page, printed as a QR code
      issuer, subject  optional: the PDF's author (the awarding body) and subject, read from the first
      created          optional: the PDF's creation time (the decision's signing time), read from the first
      emblem           optional, digital: the national emblem as a PNG data URI, centred above the national name
      test_print       optional, on a blank: outline every box, to hold the print against the blank
      positions        optional, on a blank: {field: {"top": mm, "left": mm, "width": mm}} for the fields
                       date_line, signer_lines, signer_name, decision, register_number, and for awardee the
                       box (with "height") of the whole variable block, whose type shrinks to fit it
    """
    certificates = list(certificates)
    created = certificates[0].get("created") or timezone.now()
    return typeset(TEMPLATE, "certificates", certificates_input(certificates), created)


def typeset(template, name, data, created, *, archival=False):
    """Compile a Typst template in a process of its own, `data` given as JSON in sys.inputs.<name>; return the PDF.

    created is the PDF's creation time; archival=True makes it PDF/A-2b.
    """
    command = [sys.executable, COMPILE, template, FONTS, name, str(int(created.timestamp())), ARCHIVAL if archival else ""]
    done = subprocess.run(command, input=json.dumps(data).encode(), capture_output=True, cwd=template.parent,
                          timeout=TIMEOUT_SECONDS)
    if done.returncode:
        raise TypesettingError(done.stderr.decode(errors="replace").strip().splitlines()[-1])
    return done.stdout


def certificates_input(certificates):
    """Return what the template reads: the PDF's metadata, each page's texts and boxes, the images once."""
    first, images = certificates[0], {}
    pages = [_page(certificate, images) for certificate in certificates]
    return {
        "title": _title(first),
        "author": [first["issuer"]] if first.get("issuer") else [],
        "description": first.get("subject") or None,
        "pages": pages,
        "images": images,
    }


def _title(certificate):
    title = upper_vi(certificate["title"])
    return f"{title} – {_decision_number(certificate['decision'])}" if certificate["decision"]["number"] else title


def _decision_number(decision):
    return f"Quyết định số {number_symbol(decision['number'], decision['symbol'])}"


def _page(certificate, images):
    """The texts of one certificate as printed, and the boxes they print in."""
    framed = not certificate.get("print_on_blank")
    emblem = certificate.get("emblem") if framed else ""
    boxes = positions_with_defaults(None if framed else certificate.get("positions"))
    if emblem:
        boxes["awardee"] |= BLOCK_UNDER_EMBLEM
    decision = certificate["decision"]
    return {
        "framed": framed,
        "test_print": bool(certificate.get("test_print")),
        "title": upper_vi(certificate.get("title", "")),
        "authority": upper_vi(certificate.get("authority", "")),
        "emblem": _image_key(emblem, images) if emblem else None,
        "qr": _qr_svg(certificate["verification_url"]) if framed and certificate.get("verification_url") else None,
        "awardee": last_words(certificate["awardee"]),
        "awardee_detail": last_words(certificate.get("awardee_detail") or ""),
        "achievement": last_words(certificate["achievement"]),
        "date_line": date_line(certificate["place"], certificate["date"]),
        "signer_lines": [upper_vi(line) for line in certificate["signer_lines"]],
        "signer_name": certificate["signer_name"],
        "decision": f"{_decision_number(decision)} ngày {decision['date']:%d/%m/%Y}",
        "register_number": f"Số sổ: {certificate['register_number']}",
        "boxes": boxes,
    }


def _image_key(png_data_uri, images):
    """Give an image once for all the pages that show it, as SVG around the PNG: Typst reads it without a file."""
    key = str(hash(png_data_uri))
    images.setdefault(key, (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><image width="100" height="100" '
        f'preserveAspectRatio="xMidYMid meet" href="{png_data_uri}"/></svg>'
    ))
    return key


def _qr_svg(url):
    """The QR code of a URL, drawn in vectors."""
    return segno.make(url, error="m").svg_inline(border=0)
