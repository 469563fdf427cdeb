"""Render official documents to PDF with WeasyPrint (certificates: documents/typesetting.py)."""

import contextlib
import functools
import gc
from pathlib import Path

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from core.storage import storing

# Templates link their CSS (css/…) and fonts (fonts/…) relative to this folder.
BASE_URL = Path(__file__).resolve().parent.as_uri() + "/"


@functools.cache
def font_config():
    """Return the process's font configuration, shared by every render."""
    # Building one costs as much as laying out a page; reusing it saves that on every render.
    return FontConfiguration()


# Archives law 33/2024/QH15: a signed document is kept as PDF/A (here PDF/A-2b: fonts embedded,
# colours with an output intent, metadata as XMP).
ARCHIVAL = "pdf/a-2b"


def html_to_pdf(html, *, archival=False):
    """Lay out an HTML string with the app's CSS and fonts, and return the PDF (PDF/A-2b if archival)."""
    with collector_paused():
        document = HTML(string=html, base_url=BASE_URL)
        return document.write_pdf(font_config=font_config(), pdf_variant=ARCHIVAL if archival else None)


@contextlib.contextmanager
def collector_paused():
    """Hold Python's cyclic garbage collector back during a layout, then free the layout's cycles in one pass."""
    # A layout makes some 10^5 objects: the collector would run over them some 200 times, and over the whole
    # process once or twice, a fifth of a 200-row annex's time. They are all still in the youngest generation after.
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)


def render_pdf(template_name, context, *, archival=False):
    """Render a template to PDF bytes; archival=True for a signed document, kept as PDF/A-2b."""
    return html_to_pdf(render_to_string(template_name, context), archival=archival)


@storing()
def save_pdf(field_file, filename, pdf_bytes, *, save=True):
    """Store the PDF in a FileField in place of its old file: saving twice leaves one file."""
    old_name = field_file.name
    # Free the name first, or the storage would keep the old file and add "name_x7Kq.pdf".
    field_file.storage.delete(field_file.field.generate_filename(field_file.instance, filename))
    field_file.save(filename, ContentFile(pdf_bytes), save=save)
    if old_name and old_name != field_file.name:
        field_file.storage.delete(old_name)
