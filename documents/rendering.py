"""Render documents to PDF with WeasyPrint: one document, or many pages in bulk."""

import collections
import functools
import hashlib
import io
import math
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pikepdf
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont
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


def html_to_pdf(html, *, archival=False, full_fonts=False):
    """Lay out an HTML string with the app's CSS and fonts, and return the PDF (PDF/A-2b if archival).

    full_fonts embeds whole font programs, for `merge` to keep one of each.
    """
    document = HTML(string=html, base_url=BASE_URL)
    return document.write_pdf(
        font_config=font_config(), pdf_variant=ARCHIVAL if archival else None, full_fonts=full_fonts
    )


def render_pdf(template_name, context, *, archival=False):
    """Render a template to PDF bytes; archival=True for a signed document, kept as PDF/A-2b."""
    return html_to_pdf(render_to_string(template_name, context), archival=archival)


def render_pdf_pages(template_name, contexts, *, processes=2, chunk_size=CHUNK_SIZE):
    """Render one page per context into one PDF, in chunks laid out by warm worker processes.

    The template receives `pages`, a chunk of the contexts in order, and gives each a page.
    """
    contexts = list(contexts)
    chunks = split(contexts, chunk_count(len(contexts), processes, chunk_size))
    if len(chunks) == 1:
        return render_pdf(template_name, {"pages": chunks[0]})
    htmls = (render_to_string(template_name, {"pages": chunk}) for chunk in chunks)
    # A Celery prefork worker is daemonic and may not start processes: lay out here.
    if processes == 1 or multiprocessing.current_process().daemon:
        return merge(html_to_pdf(html, full_fonts=True) for html in htmls)
    # The pool's processes start once and stay warm: each job is laid out with fonts already loaded.
    return merge(render_pool(processes).map(functools.partial(html_to_pdf, full_fonts=True), htmls))


@functools.cache
def render_pool(processes):
    """Return this process's pool of `processes` warm render processes, started on first use."""
    # Spawned, not forked: a forked copy of a big parent lays out slower.
    return ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"), initializer=warm_up)


def warm_up():
    """Load WeasyPrint and the fonts once in a render process, so no job pays for it."""
    html_to_pdf(WARM_UP_HTML)


WARM_UP_HTML = (
    '<link rel="stylesheet" href="css/fonts.css"><p>Ấn định <b>Đạt</b> <i>Ước</i> <b><i>Ưu</i></b></p>'
)


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
    """Join PDFs rendered with full fonts into one, in order, each font program embedded once and subset."""
    # The chunks stay open until the merged file is written: their pages are copied from them then.
    first, *others = chunks = [pikepdf.open(io.BytesIO(pdf)) for pdf in pdfs]
    for chunk in others:
        first.pages.extend(chunk.pages)  # the first's title, author, date and language stand for all
    embed_each_font_once(first)
    output = io.BytesIO()
    first.save(output, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    for chunk in chunks:
        chunk.close()
    return output.getvalue()


def embed_each_font_once(pdf):
    """Point every font of the same program at one stream, subset to the glyphs all of them use."""
    programs, glyphs = {}, collections.defaultdict(set)
    for font in embedded_fonts(pdf):
        descriptor = font.FontDescriptor
        key = hashlib.sha256(descriptor.FontFile2.read_raw_bytes()).digest()
        programs.setdefault(key, descriptor.FontFile2)
        descriptor.FontFile2 = programs[key]
        glyphs[key].update(glyph_ids(font))
    for key, program in programs.items():
        program.write(subset(program.read_bytes(), glyphs[key]))


def embedded_fonts(pdf):
    """Yield each CID font (TrueType outlines embedded) used by the pages."""
    seen = set()
    for page in pdf.pages:
        for font in page.Resources.get("/Font", {}).values():
            for descendant in font.get("/DescendantFonts", []):
                if descendant.objgen not in seen and "/FontFile2" in descendant.FontDescriptor:
                    seen.add(descendant.objgen)
                    yield descendant


def glyph_ids(font):
    """The glyph ids a CID font gives widths for: those its pages show (CID = glyph id)."""
    widths = list(font.get("/W", []))
    ids = set()
    for first, rest in zip(widths, widths[1:], strict=False):
        if isinstance(first, int) and isinstance(rest, pikepdf.Array):
            ids.update(range(int(first), int(first) + len(rest)))
    return ids


def subset(font_program, glyphs):
    """A TrueType program keeping only these glyphs, each at its original id (the pages refer to them by id)."""
    font = TTFont(io.BytesIO(font_program))
    options = Options(retain_gids=True, notdef_outline=True, hinting=False, name_IDs=["*"])
    options.drop_tables.append("FFTM")  # FontForge's timestamps, which the subsetter cannot cut
    subsetter = Subsetter(options)
    subsetter.populate(gids=sorted({0, *glyphs}))
    subsetter.subset(font)
    output = io.BytesIO()
    font.save(output)
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
