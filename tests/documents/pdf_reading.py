"""Read back what a rendered PDF shows: text, page sizes, fonts."""

import functools
import io
import subprocess
import tempfile
from pathlib import Path
from xml.etree import ElementTree

import zxingcpp
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops
from pypdf import PdfReader

MM = 72 / 25.4


def read(pdf_bytes):
    """Open PDF bytes."""
    return PdfReader(io.BytesIO(pdf_bytes))


def page_text(reader, index):
    """Return a page's text with whitespace collapsed, so wrapped lines read as one."""
    return " ".join(reader.pages[index].extract_text().split())


def text_positions(reader, index):
    """Return (text, mm from the left edge, mm from the top edge) for each text run of a page."""
    runs = []
    page_height = page_size(reader, index)[1]

    def visit(text, matrix, text_matrix, font, size):
        if text.strip():
            x = text_matrix[4] * matrix[0] + text_matrix[5] * matrix[2] + matrix[4]
            y = text_matrix[4] * matrix[1] + text_matrix[5] * matrix[3] + matrix[5]
            runs.append((text.strip(), x / MM, (page_height - y) / MM))

    reader.pages[index].extract_text(visitor_text=visit)
    return runs


def page_size(reader, index):
    """Return a page's (width, height) in points."""
    box = reader.pages[index].mediabox
    return float(box.width), float(box.height)


def embedded_font_names(reader):
    """Return the PostScript names read from the font programs embedded in the PDF."""
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
            names.add(program["name"].getDebugName(6))
    return names


def text_boxes(pdf_bytes, element="line"):
    """Return (page, text, x0, y0, x1, y1) in points of each text line (or "word"), read by `pdftotext -bbox-layout`."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox-layout", "-", "-"], input=pdf_bytes, capture_output=True, check=True
    ).stdout
    namespace = "{http://www.w3.org/1999/xhtml}"
    boxes = []
    for page_number, page in enumerate(ElementTree.fromstring(xhtml).iter(f"{namespace}page"), start=1):
        for node in page.iter(f"{namespace}{element}"):
            text = " ".join(word.text or "" for word in node.iter(f"{namespace}word"))
            corners = [float(node.get(side)) for side in ("xMin", "yMin", "xMax", "yMax")]
            boxes.append((page_number, text, *corners))
    return boxes


def overlapping(boxes, tolerance=0.5):
    """Return the pairs of boxes of one page that cover each other by more than the tolerance (points)."""
    pairs = []
    for index, (page, text, x0, y0, x1, y1) in enumerate(boxes):
        for other_page, other, u0, v0, u1, v1 in boxes[index + 1 :]:
            if page == other_page and min(x1, u1) - max(x0, u0) > tolerance and min(y1, v1) - max(y0, v0) > tolerance:
                pairs.append((text, other))
    return pairs


def page_image(pdf_bytes, page=1, resolution=150):
    """Return a page rasterised by pdftoppm, as a printer or a screen shows it."""
    with tempfile.TemporaryDirectory() as folder:
        source, image = Path(folder) / "page.pdf", Path(folder) / "page"
        source.write_bytes(pdf_bytes)
        subprocess.run(
            ["pdftoppm", "-png", "-singlefile", "-r", str(resolution), "-f", str(page), source, image], check=True
        )
        return Image.open(image.with_suffix(".png")).convert("RGB")


def qr_codes(pdf_bytes, page=1):
    """Return the texts of the QR codes printed on a page, read from its image as a phone camera would."""
    codes = zxingcpp.read_barcodes(page_image(pdf_bytes, page), formats=zxingcpp.BarcodeFormat.QRCode)
    return [code.text for code in codes]


def colour_box(pdf_bytes, colour, page=1, resolution=50):
    """Return (left, top, right, bottom) in mm of the pixels of a page in that colour (within a small tolerance), or None."""
    image = page_image(pdf_bytes, page, resolution)
    bands = [band.point(lambda value, target=target: 255 if abs(value - target) < 40 else 0)
             for band, target in zip(image.split(), colour, strict=True)]
    corners = functools.reduce(ImageChops.multiply, bands).getbbox()
    return corners and tuple(corner * 25.4 / resolution for corner in corners)
