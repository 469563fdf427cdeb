"""Vietnamese alphabetical order (a ă â b c d đ e ê …, tones second), for every list of names.

In Python (rendered documents, SQLite) with PyICU; in SQL on PostgreSQL with the ICU collation
`vi_vn` that this app's first migration creates, so a paginated list sorts in the database.
"""

import functools
import unicodedata

import icu
from django.db import connection
from django.db.models import F
from django.db.models.functions import Collate

SQL_COLLATION = "vi_vn"


@functools.cache
def _collator():
    # ICU's Vietnamese rules: letters with a breve or circumflex and đ are letters of their own,
    # tones only break ties. Code point order would put Đặng and Đỗ after Võ.
    return icu.Collator.createInstance(icu.Locale("vi_VN"))


def vietnamese_key(text):
    """Return the sort key of a text in Vietnamese alphabetical order."""
    return _collator().getSortKey(unicodedata.normalize("NFC", str(text)))


def vietnamese_order(field):
    """Return an order_by() term sorting a text field ("name", "-name" or an expression) in Vietnamese order.

    SQLite has no ICU: there the field sorts by code point, and documents sort in Python.
    """
    descending = isinstance(field, str) and field.startswith("-")
    expression = F(field.lstrip("-")) if isinstance(field, str) else field
    if connection.vendor == "postgresql":
        expression = Collate(expression, SQL_COLLATION)
    return expression.desc() if descending else expression.asc()
