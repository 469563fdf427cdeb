"""Official documents in the format of Decree 30/2020/NĐ-CP, typeset with Typst (templates/documents/official.typ).

Each document comes from the plain context a domain app gives (see render_official); every text is set here as
it prints (capitals, the date line, "./.", the words that must stay together), and Typst lays it out: a decision
with a 200-row annex in a fraction of a second, where WeasyPrint took about one (issue #18).
"""

from django.utils import timezone

from documents.naming import header_names, last_words
from documents.texts import (
    annex_reference,
    date_line,
    end_document,
    ended,
    number_symbol,
    upper_vi,
)
from documents.typesetting import TEMPLATES, typeset

TEMPLATE = TEMPLATES / "official.typ"
DOC_TYPES = {"decision": "QUYẾT ĐỊNH", "minutes": "BIÊN BẢN", "proposal": "TỜ TRÌNH"}
# The document an annex is attached to, as its "(Kèm theo …)" line names it.
ANNEX_OF = {"decision": "Quyết định", "proposal": "Tờ trình", "list": "Quyết định"}


def render_official(kind, context, *, archival=False):
    """Return the PDF of a document (PDF/A-2b if archival, as a signed document is kept).

    kind is "decision", "minutes", "proposal" (the office's tờ trình) or "list" (a decision's annex alone).
    The context (strings unless said; all optional but issuing_body and place):
      parent_body    body above the issuer, "Ủy ban nhân dân thành phố Cần Thơ"
      issuing_body   "Sở Tư pháp thành phố Cần Thơ" (the place its parent names is left out)
      number         12 (below 10 printed "05"); empty on an unsigned draft
      symbol         "QĐ-STP"
      place, date    "Cần Thơ", a datetime.date (none on a draft: blanks to fill by hand)
      summary        "Về việc tặng Giấy khen cho …"
      authority      "Giám đốc Sở Tư pháp" (a decision), addressee "Chủ tịch …" (a tờ trình: "Kính gửi")
      legal_bases    list of "Căn cứ …" lines; ";" ends each, "." the last
      articles       a decision's articles, each a list of paragraphs; "Điều N." opens the first of each
      paragraphs     a tờ trình's paragraphs
      sections       the minutes' sections: {"heading", "paragraphs", optional "table": {"columns", "rows"}
                     (the first column the row's number), "notes"}; the last stays on the signatures' page
      recipients     list of items without the dash, the last "Lưu: VT, VP"
      signer_lines, signer_name   ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Trần Văn Đức"
      signatures     the minutes' signatures side by side: [{"lines", "name"}]
      annex          {"title" ("DANH SÁCH"), "summary", "issuer", "collectives": [{"name", "unit"}],
                     "individuals": [{"name", "position", "unit"}]}
      draft          True on a draft: "DỰ THẢO" is printed in the top margin of every page
      created        the PDF's creation date (a datetime: the signing); its author is the issuing body
    """
    created = context.get("created") or timezone.now()
    return typeset(TEMPLATE, "document", document_input(kind, context), created, archival=archival)


def document_input(kind, context):
    """The JSON the template reads: the metadata, the header, the body as blocks, the closing and the annex."""
    number = number_symbol(context.get("number"), context.get("symbol", ""))
    annex = context.get("annex")
    is_list = kind == "list"
    return {
        "title": _title(kind, context, number),
        "author": [context["issuing_body"]],
        "description": context.get("summary") or None,
        "draft": bool(context.get("draft")),
        "header": None if is_list else _header(context, number),
        "doc_type": DOC_TYPES.get(kind, ""),
        "summary": context.get("summary", ""),
        "authority": upper_vi(context.get("authority", "")),
        "addressee": f"Kính gửi: {context['addressee']}." if context.get("addressee") else "",
        "bases": ended(context.get("legal_bases", [])),
        "blocks": _BODIES[kind](context),
        "closing": None if is_list else _closing(kind, context),
        "annex": _annex(annex, annex_reference(ANNEX_OF[kind], context)) if annex else None,
    }


def _title(kind, context, number):
    if kind == "list":
        return f"DANH SÁCH – {context['annex']['summary']} ({number})"
    title = f"{DOC_TYPES[kind]} {number}"
    return f"{title} – {context['summary']}" if context.get("summary") else title


def _header(context, number):
    parent, body = header_names(context.get("parent_body"), context["issuing_body"])
    return {
        "parent": [last_words(upper_vi(line)) for line in parent],
        "body": [last_words(upper_vi(line)) for line in body],
        "number": f"Số: {number}",
        "date_line": date_line(context["place"], context.get("date")),
    }


def _paragraph(text, lead=""):
    return {"type": "paragraph", "lead": lead, "text": text}


def _decision_body(context):
    articles = context["articles"]
    blocks = [{"type": "centred", "text": "QUYẾT ĐỊNH:"}]
    for number, article in enumerate(articles, start=1):
        for index, text in enumerate(article):
            is_end = number == len(articles) and index == len(article) - 1
            blocks.append(_paragraph(end_document(text) if is_end else text, f"Điều {number}." if index == 0 else ""))
    return blocks


def _proposal_body(context):
    *paragraphs, last = context["paragraphs"]
    return [_paragraph(text) for text in [*paragraphs, end_document(last)]]


def _minutes_body(context):
    return [block for section in context["sections"][:-1] for block in _section(section)]


def _section(section, *, last=False):
    """A section of the minutes; the document's last ends with "./." (after its paragraphs, when it has no table)."""
    paragraphs = list(section.get("paragraphs", []))
    if last and paragraphs and not section.get("table"):
        paragraphs[-1] = end_document(paragraphs[-1])
    blocks = [{"type": "heading", "text": section["heading"]}] if section.get("heading") else []
    blocks += [_paragraph(text) for text in paragraphs]
    if section.get("table"):
        blocks.append(_table("results", section["table"]["columns"], section["table"]["rows"]))
    return blocks + [_paragraph(note) for note in section.get("notes", [])]


_BODIES = {"decision": _decision_body, "proposal": _proposal_body, "minutes": _minutes_body, "list": lambda context: []}


def _closing(kind, context):
    if kind == "minutes":
        signatures = context["signatures"]
        kept = _section(context["sections"][-1], last=True)
    else:
        signatures = [{"lines": context["signer_lines"], "name": context["signer_name"]}]
        kept = []
    return {
        "with": kept,
        "recipients": ended(context.get("recipients", [])),
        "signatures": [{"lines": [upper_vi(line) for line in s["lines"]], "name": s["name"]} for s in signatures],
    }


def _table(kind, columns, rows):
    return {"type": "table", "kind": kind, "columns": columns, "rows": [[last_words(cell) for cell in row] for row in rows]}


def _annex(annex, reference):
    """The list on a page of its own: "DANH SÁCH", the "(Kèm theo …)" line, collectives and individuals apart."""
    tables = []
    if annex.get("collectives"):
        rows = [[index, row["name"], row["unit"]] for index, row in enumerate(annex["collectives"], start=1)]
        tables.append(_table("collectives", ["STT", "Tên tập thể", "Đơn vị"], rows))
    if annex.get("individuals"):
        rows = [[index, row["name"], row["position"], row["unit"]]
                for index, row in enumerate(annex["individuals"], start=1)]
        tables.append(_table("individuals", ["STT", "Họ và tên", "Chức vụ, chức danh", "Đơn vị"], rows))
    # With both lists, each is headed; with one, the summary names it.
    headings = ["I. TẬP THỂ", "II. CÁ NHÂN"] if len(tables) == 2 else [""] * len(tables)
    return {
        "title": upper_vi(annex.get("title") or "DANH SÁCH"),
        "summary": annex.get("summary", ""),
        "reference": reference,
        "tables": list(zip(headings, tables, strict=True)),
    }
