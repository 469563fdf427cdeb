"""Official documents as Word files (python-docx), for an office that edits them further or sends them upward.

Domain-free: the context of documents/official.py's render_official in, the bytes of a .docx out,
laid out as Decree 30/2020 asks: A4, Times New Roman, the two-column header, the title, the bases, the body,
Nơi nhận beside the signature, and the annex's tables on a page of their own.
"""

import io

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Mm, Pt

from documents.naming import header_names
from documents.texts import annex_reference, date_line, end_document, ended, number_symbol, upper_vi

FONT = "Times New Roman"
BODY_SIZE = Pt(14)
HEADER_SIZE = Pt(13)
TABLE_SIZE = Pt(12)


def official_docx(context, *, doc_type, paragraphs, addressee="", annex_kind=""):
    """The document with its `paragraphs` as the body, "Kính gửi:" the addressee, and its annex when there is one."""
    document = _new_document()
    _header(document, context)
    _line(document, upper_vi(doc_type), bold=True, space_before=Pt(12))
    if context.get("summary"):
        _line(document, context["summary"], bold=True)
    if addressee:
        _line(document, f"Kính gửi: {addressee}.", space_before=Pt(6))
    for basis in ended(context.get("legal_bases") or []):
        _body(document, basis, italic=True)
    for position, paragraph in enumerate(paragraphs, start=1):
        _body(document, end_document(paragraph) if position == len(paragraphs) else paragraph)
    _closing(document, context)
    if annex_kind and context.get("annex"):
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _annex(document, context, annex_kind)
    return _saved(document)


def annex_docx(context, *, kind):
    """Only the annex of a document ("DANH SÁCH …", kèm theo `kind` số …): the list as its own Word file."""
    document = _new_document()
    _annex(document, context, kind)
    return _saved(document)


def _new_document():
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.start_type = WD_SECTION.NEW_PAGE
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, BODY_SIZE
    normal.paragraph_format.space_after = Pt(0)
    return document


def _run(paragraph, text, *, bold=False, italic=False, size=None):
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = size
    return run


def _line(container, text, *, bold=False, italic=False, size=None, space_before=None, align=WD_ALIGN_PARAGRAPH.CENTER):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    if space_before:
        paragraph.paragraph_format.space_before = space_before
    _run(paragraph, text, bold=bold, italic=italic, size=size)
    return paragraph


def _body(document, text, *, italic=False):
    paragraph = _line(document, text, italic=italic, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Cm(1.27)
    paragraph.paragraph_format.space_after = Pt(6)
    return paragraph


def _cell(table, row, column):
    """A table cell emptied of its first paragraph, to fill with _line."""
    cell = table.cell(row, column)
    cell._element.remove(cell.paragraphs[0]._element)
    return cell


def _header(document, context):
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    parent, body = header_names(context.get("parent_body", ""), context["issuing_body"])
    bodies = _cell(table, 0, 0)
    for line in parent:
        _line(bodies, upper_vi(line), size=HEADER_SIZE)
    for line in body:
        _line(bodies, upper_vi(line), bold=True, size=HEADER_SIZE)
    nation = _cell(table, 0, 1)
    _line(nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=Pt(12))
    _line(nation, "Độc lập - Tự do - Hạnh phúc", bold=True, size=HEADER_SIZE)
    _line(_cell(table, 1, 0), f"Số: {number_symbol(context.get('number'), context.get('symbol', ''))}", size=HEADER_SIZE,
          space_before=Pt(6))
    _line(_cell(table, 1, 1), date_line(context.get("place", ""), context.get("date")), italic=True, space_before=Pt(6))


def _closing(document, context):
    table = document.add_table(rows=1, cols=2)
    recipients = _cell(table, 0, 0)
    items = ended(context.get("recipients") or [])
    if items:
        _line(recipients, "Nơi nhận:", bold=True, italic=True, size=Pt(12), align=WD_ALIGN_PARAGRAPH.LEFT,
              space_before=Pt(12))
        for item in items:
            _line(recipients, f"- {item}", size=Pt(11), align=WD_ALIGN_PARAGRAPH.LEFT)
    signature = _cell(table, 0, 1)
    for position, line in enumerate(context.get("signer_lines") or []):
        _line(signature, upper_vi(line), bold=True, space_before=Pt(12) if position == 0 else None)
    _line(signature, context.get("signer_name", ""), bold=True, space_before=Pt(72))


def _annex(document, context, kind):
    annex = context["annex"]
    _line(document, upper_vi(annex.get("title") or "Danh sách"), bold=True)
    if annex.get("summary"):
        _line(document, annex["summary"], bold=True)
    _line(document, annex_reference(kind, context), italic=True)
    both = annex.get("collectives") and annex.get("individuals")
    if annex.get("collectives"):
        _list(document, "I. TẬP THỂ" if both else "", ["STT", "Tên tập thể", "Đơn vị"],
              [(row["name"], row["unit"]) for row in annex["collectives"]])
    if annex.get("individuals"):
        _list(document, "II. CÁ NHÂN" if both else "", ["STT", "Họ và tên", "Chức vụ, chức danh", "Đơn vị"],
              [(row["name"], row["position"], row["unit"]) for row in annex["individuals"]])


def _list(document, heading, columns, rows):
    if heading:
        _line(document, heading, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, space_before=Pt(12))
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, columns, strict=True):
        _fill(cell, title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for number, values in enumerate(rows, start=1):
        cells = table.add_row().cells
        _fill(cells[0], str(number), align=WD_ALIGN_PARAGRAPH.CENTER)
        for cell, value in zip(cells[1:], values, strict=True):
            _fill(cell, value)


def _fill(cell, text, *, bold=False, align=WD_ALIGN_PARAGRAPH.LEFT):
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    _run(paragraph, text, bold=bold, size=TABLE_SIZE)


def _saved(document):
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
