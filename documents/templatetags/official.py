"""Filters and tags for documents in the format of Decree 30/2020/NĐ-CP."""

import unicodedata

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from documents.naming import header_names, last_words

register = template.Library()

# Blanks a signer fills by hand on a document that has no number or date yet.
NUMBER_BLANK = "\u00a0" * 6
DAY_BLANK = "\u00a0" * 4
WORD_JOINER = "\u2060"


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
    # A word joiner after a space forbids a break there and prints nothing: the PDF's text keeps plain spaces
    # (no-break spaces would not), and a table cell gets no box of its own (a span per cell cost a third of an annex).
    return f"{head} {tail.replace(' ', ' ' + WORD_JOINER)}" if head else text


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
