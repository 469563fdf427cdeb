"""Text helpers shared by every app: NFC input and diacritic-free search."""

import unicodedata

# Some Vietnamese PDFs carry ƣ/Ƣ (U+01A3/U+01A2) where ư/Ư is meant.
_MISTAKEN_LETTERS = str.maketrans({"ƣ": "ư", "Ƣ": "Ư"})


def normalize(text):
    """Return text in NFC with the mistaken ƣ letters mended."""
    return unicodedata.normalize("NFC", text).translate(_MISTAKEN_LETTERS)


def fold(text):
    """Fold text for search: lowercase, marks removed, đ → d ("Nguyễn" → "nguyen")."""
    decomposed = unicodedata.normalize("NFD", normalize(text or "").lower())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.replace("đ", "d")
