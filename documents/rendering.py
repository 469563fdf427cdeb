"""Render documents to PDF with WeasyPrint: one document, or many pages in bulk."""

import functools
import io
import math
import multiprocessing
from pathlib import Path

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from core.storage import storing

# Templates link their CSS (css/…) and fonts (fonts/…) relative to this folder.
BASE_URL = Path(__file__).resolve().parent.as_uri() + "/"
CHUNK_SIZE = 100


@functools.cache
def font_config():
    """Return the process's font configuration, shared by every render."""
    # Building one costs as much as laying out a certificate; reusing it halves a render.
    return FontConfiguration()


# Archives law 33/2024/QH15: a signed document is kept as PDF/A (here PDF/A-2b: fonts embedded,
# colours with an output intent, metadata as XMP).
ARCHIVAL = "pdf/a-2b"


def html_to_pdf(html, *, archival=False):
    """Lay out an HTML string with the app's CSS and fonts, and return the PDF (PDF/A-2b if archival)."""
    document = HTML(string=html, base_url=BASE_URL)
    return document.write_pdf(font_config=font_config(), pdf_variant=ARCHIVAL if archival else None)


def render_pdf(template_name, context, *, archival=False):
    """Render a template to PDF bytes; archival=True for a signed document, kept as PDF/A-2b."""
    return html_to_pdf(render_to_string(template_name, context), archival=archival)


def render_pdf_pages(template_name, contexts, *, processes=2, chunk_size=CHUNK_SIZE):
    """Render one page per context into one PDF, in chunks laid out by worker processes.

    The template receives `pages`, a chunk of the contexts in order, and gives each a page.
    """
    contexts = list(contexts)
    chunks = split(contexts, chunk_count(len(contexts), processes, chunk_size))
    if len(chunks) == 1:
        return render_pdf(template_name, {"pages": chunks[0]})
    # A Celery prefork worker is daemonic and may not start processes: lay out here.
    if processes == 1 or multiprocessing.current_process().daemon:
        return merge(render_pdf(template_name, {"pages": chunk}) for chunk in chunks)
    # Spawned, not forked: a forked copy of a big parent lays out slower. The workers start
    # while this process renders the templates, and chunks are merged as they come back.
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        htmls = [render_to_string(template_name, {"pages": chunk}) for chunk in chunks]
        return merge(pool.imap(html_to_pdf, htmls))


def chunk_count(total, processes, chunk_size):
    """Return how many chunks to cut: at most chunk_size pages each, a multiple of processes."""
    count = math.ceil(total / chunk_size)
    if count <= 1:
        return 1
    return math.ceil(count / processes) * processes


def split(items, count):
    """Cut a list into at most count chunks of nearly equal size, in order."""
    size = max(1, math.ceil(len(items) / count))
    return [items[start : start + size] for start in range(0, len(items), size)] or [items]


def merge(pdfs):
    """Join PDFs into one, in order."""
    writer = PdfWriter()
    for pdf in pdfs:
        reader = PdfReader(io.BytesIO(pdf))
        writer.append(reader, import_outline=False)
    # Every chunk carries the same title, author, subject, date and language: keep the last one's.
    writer.add_metadata(reader.metadata)
    if "/Lang" in reader.root_object:
        writer.root_object[NameObject("/Lang")] = TextStringObject(reader.root_object["/Lang"])
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


@storing()
def save_pdf(field_file, filename, pdf_bytes, *, save=True):
    """Store the PDF in a FileField in place of its old file: saving twice leaves one file."""
    old_name = field_file.name
    # Free the name first, or the storage would keep the old file and add "name_x7Kq.pdf".
    field_file.storage.delete(field_file.field.generate_filename(field_file.instance, filename))
    field_file.save(filename, ContentFile(pdf_bytes), save=save)
    if old_name and old_name != field_file.name:
        field_file.storage.delete(old_name)
