"""How Decree 30/2020/NĐ-CP writes numbers, dates and the ends of lines in an official document."""

import unicodedata

# Blanks a signer fills by hand on a document that has no number or date yet.
NUMBER_BLANK = "\u00a0" * 6
DAY_BLANK = "\u00a0" * 4


def upper_vi(text):
    """Return Vietnamese text in capitals ("Sở Tư pháp" → "SỞ TƯ PHÁP")."""
    return unicodedata.normalize("NFC", str(text)).upper()


def decision_date_words(date):
    """Return "ngày 05 tháng 01 năm 2026", or blanks to fill by hand when there is no date."""
    if not date:
        return f"ngày{DAY_BLANK}tháng{DAY_BLANK}năm{DAY_BLANK}"
    # Decree 30: a zero before days below 10 and before months 1 and 2, not other months.
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


def date_line(place, date):
    """Return the place-and-date line, "Cần Thơ, ngày 05 tháng 01 năm 2026"."""
    return f"{place}, {decision_date_words(date)}"


def number_symbol(number, symbol):
    """Return "05/QĐ-STP" (a zero below 10), or a blank for the number of an unsigned draft."""
    if number in (None, ""):
        return f"{NUMBER_BLANK}/{symbol}"
    if str(number).isdigit():
        number = f"{int(number):02d}"
    return f"{number}/{symbol}"


def item_end(text, is_last):
    """End a list line with ";", the last with "." (legal bases, recipients)."""
    return str(text).rstrip(" .;") + ("." if is_last else ";")


def annex_reference(kind, context):
    """Return the line under an annex's title: "(Kèm theo Quyết định số 12/QĐ-STP ngày 05 tháng 01 năm 2026 của …)"."""
    number = number_symbol(context.get("number"), context.get("symbol", ""))
    issuer = context["annex"].get("issuer")
    return f"(Kèm theo {kind} số {number} {decision_date_words(context.get('date'))}{f' của {issuer}' if issuer else ''})"


def ended(items):
    """Return a list's lines each ended by item_end: ";" after each, "." after the last."""
    return [item_end(item, index == len(items) - 1) for index, item in enumerate(items)]


def end_document(text):
    """End the last paragraph of a document with "./." as Decree 30 asks."""
    return str(text).rstrip(" .;") + "./."
