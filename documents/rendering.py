"""Render HTML documents to PDF with WeasyPrint (official documents: official.py; certificates: typesetting.py), and store PDFs."""

import functools
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


def render_pdf(template_name, context):
    """Render an HTML template to PDF bytes with the app's CSS and fonts (the statistics form)."""
    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=BASE_URL).write_pdf(font_config=font_config())


@storing()
def save_pdf(field_file, filename, pdf_bytes, *, save=True):
    """Store the PDF in a FileField in place of its old file: saving twice leaves one file."""
    old_name = field_file.name
    # Free the name first, or the storage would keep the old file and add "name_x7Kq.pdf".
    field_file.storage.delete(field_file.field.generate_filename(field_file.instance, filename))
    field_file.save(filename, ContentFile(pdf_bytes), save=save)
    if old_name and old_name != field_file.name:
        field_file.storage.delete(old_name)
