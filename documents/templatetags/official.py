"""Filters and tags for documents in the format of Decree 30/2020/NĐ-CP."""

import unicodedata

import segno
from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from documents.certificates import BLOCK_UNDER_EMBLEM, CERTIFICATE_POSITIONS
from documents.fitting import fit
from documents.naming import header_names, last_words

register = template.Library()

# Blanks a signer fills by hand on a document that has no number or date yet.
NUMBER_BLANK = "\u00a0" * 6
DAY_BLANK = "\u00a0" * 4

BOX_SIDES = ("top", "left", "width", "height")

# A certificate's variable block: (field, face, size in pt, line height, space after in mm).
# The block is one box; its paragraphs flow inside it and shrink together to fit it.
CERTIFICATE_BLOCK = (
    ("awardee", "bold", 24, 1.25, 2),
    ("awardee_detail", "regular", 15, 1.25, 2.5),
    ("achievement", "italic", 16, 1.3, 0),
)


@register.filter
def upper_vi(text):
    """Return Vietnamese text in capitals ("Sở Tư pháp" → "SỞ TƯ PHÁP")."""
    return unicodedata.normalize("NFC", str(text)).upper()


@register.filter
def decision_date_words(date):
    """Return "ngày 05 tháng 01 năm 2026", or blanks to fill by hand when there is no date."""
    if not date:
        return f"ngày{DAY_BLANK}tháng{DAY_BLANK}năm{DAY_BLANK}"
    # Decree 30: a zero before days below 10 and before months 1 and 2, not other months.
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


@register.filter
def date_line(place, date):
    """Return the place-and-date line, "Cần Thơ, ngày 05 tháng 01 năm 2026"."""
    return f"{place}, {decision_date_words(date)}"


@register.simple_tag
def number_symbol(number, symbol):
    """Return "05/QĐ-STP" (a zero below 10), or a blank for the number of an unsigned draft."""
    if number in (None, ""):
        return f"{NUMBER_BLANK}/{symbol}"
    if str(number).isdigit():
        number = f"{int(number):02d}"
    return f"{number}/{symbol}"


@register.filter
def item_end(text, is_last):
    """End a list line with ";", the last with "." (legal bases, recipients)."""
    return str(text).rstrip(" .;") + ("." if is_last else ";")


@register.filter
def end_document(text):
    """End the last paragraph of a document with "./." as Decree 30 asks."""
    return str(text).rstrip(" .;") + "./."


@register.filter
def unorphan(text):
    """Keep a place's name whole and the last two words together, so no line ends on one word."""
    head, tail = last_words(text)
    # A span that does not wrap, not no-break spaces: the PDF's text keeps plain spaces.
    return format_html('{} <span class="nowrap">{}</span>', head, tail) if head else text


def _header_lines(lines):
    # The name wraps if it must, never before its last word; the place under it never breaks.
    return format_html_join(mark_safe("<br>"), '<span class="line-{}">{}</span>', (
        (index, unorphan(upper_vi(line))) for index, line in enumerate(lines)
    ))


@register.simple_tag
def header_bodies(parent_body, issuing_body):
    """Return {"parent", "body"}, in capitals, lines broken: the body without the place its parent names."""
    parent, body = header_names(parent_body, issuing_body)
    return {"parent": _header_lines(parent), "body": _header_lines(body)}


@register.simple_tag
def certificate_block(certificate):
    """Return the variable block's style and its paragraphs' styles, type fitted to the box.

    On a blank, positions["awardee"] sets the block's box (top, left, width, height in mm); on the
    digital page the box starts lower when the national emblem heads the page.
    """
    box = CERTIFICATE_POSITIONS["awardee"]
    if certificate.get("emblem") and not certificate.get("print_on_blank"):
        box = box | BLOCK_UNDER_EMBLEM
    box = box | ((certificate.get("positions") or {}).get("awardee") or {})
    paragraphs = [(certificate.get(field) or "", *layout) for field, *layout in CERTIFICATE_BLOCK]
    scale, _ = fit(paragraphs, box["width"], box["height"])
    styles = {"box": _mm_style(box)}
    for field, _face, size, leading, space in CERTIFICATE_BLOCK:
        styles[field] = f"font-size:{size * scale:.1f}pt;line-height:{leading:g};margin-bottom:{space:g}mm;"
    return styles


def _mm_style(box):
    # Formatted here, not by the template, so a localised "95,5" never reaches the CSS.
    return "".join(f"{side}:{box[side]:g}mm;" for side in BOX_SIDES if side in box)


@register.simple_tag
def qr_code(url):
    """Return the QR code of a URL as an SVG data URI, drawn in vectors."""
    return segno.make(url, error="m").svg_data_uri(border=0)


@register.simple_tag
def box(positions, field):
    """Return a style attribute placing a certificate's field at its mm offsets: the defaults, or those given."""
    return format_html(' style="{}"', _mm_style(CERTIFICATE_POSITIONS[field] | ((positions or {}).get(field) or {})))
