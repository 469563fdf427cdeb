"""Fit a certificate's variable block in its box: the largest type at which every line holds.

The widths are the font's own advance widths (Liberation Serif, shipped in fonts/), so the
estimate agrees with the layout to within kerning; a small allowance covers that.
"""

import functools
import math
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent / "fonts"
FACES = {"regular": "LiberationSerif-Regular.ttf", "bold": "LiberationSerif-Bold.ttf", "italic": "LiberationSerif-Italic.ttf"}
MM = 72 / 25.4
ALLOWANCE = 1.04  # kerning and rounding: count a line as 4% wider than its advances
SCALES = [1 - step * 0.04 for step in range(11)]  # 100% down to 60%


@functools.cache
def _advances(face):
    """Return {code point: advance in em} of a face, and the advance of a missing glyph."""
    font = TTFont(FONTS / FACES[face])
    metrics, per_em = font["hmtx"].metrics, font["head"].unitsPerEm
    widths = {code: metrics[glyph][0] / per_em for code, glyph in font.getBestCmap().items()}
    return widths, metrics[".notdef"][0] / per_em


def text_width(text, face, size):
    """Return the width in points of one line of text at a size in points."""
    widths, missing = _advances(face)
    return sum(widths.get(ord(char), missing) for char in text) * size * ALLOWANCE


def line_count(text, face, size, width_mm):
    """Return how many lines a paragraph takes in a box width, words wrapped greedily."""
    width, lines, line = width_mm * MM, 1, ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, face, size) > width:
            lines, line = lines + 1, word
        else:
            line = candidate
    # A word longer than the box breaks where it must.
    return lines + max(0, math.ceil(text_width(line, face, size) / width) - 1)


def fit(paragraphs, width_mm, height_mm):
    """Return the scale (1 down to 0.6) at which the paragraphs fit the box, and their lines.

    paragraphs: (text, face, size in pt, line height, space after in mm) for each paragraph.
    """
    for scale in SCALES:
        lines = [line_count(text, face, size * scale, width_mm) for text, face, size, _, _ in paragraphs]
        height = sum(
            count * size * scale * leading / MM + space
            for count, (_, _, size, leading, space) in zip(lines, paragraphs, strict=True)
        )
        if height <= height_mm:
            return scale, lines
    return SCALES[-1], lines
