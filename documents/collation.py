"""Vietnamese alphabetical order (a ă â b c d đ e ê …, tones second), for every list of names."""

import functools
import unicodedata

import icu


@functools.cache
def _collator():
    # ICU's Vietnamese rules: letters with a breve or circumflex and đ are letters of their own,
    # tones only break ties. Code point order would put Đặng and Đỗ after Võ.
    return icu.Collator.createInstance(icu.Locale("vi_VN"))


def vietnamese_key(text):
    """Return the sort key of a text in Vietnamese alphabetical order."""
    return _collator().getSortKey(unicodedata.normalize("NFC", str(text)))
