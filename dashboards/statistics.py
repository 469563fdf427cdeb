"""The yearly statistics form on emulation and commendation, filled from the plans and the award register.

Its rows are the indicators of the Home Affairs statistical regime for the sector (movements launched,
emulation titles and commendations by level and form), each split into collectives and individuals,
with the women among the individuals.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from awards.models import AwardLevel, level_case
from campaigns.models import AwardForm, Campaign
from documents.spreadsheets import as_text
from documents.typesetting import TEMPLATES, typeset

Kind = AwardForm.Kind

# (number, indicator, code, counting unit, what it counts): a section sums the rows under it.
CAMPAIGN_ROWS = [
    ("1", gettext_lazy("Thi đua thường xuyên, hằng năm"), "02", Campaign.Kind.ANNUAL),
    ("2", gettext_lazy("Thi đua theo chuyên đề, đợt cao điểm"), "03", Campaign.Kind.THEMATIC),
    ("3", gettext_lazy("Thi đua nhiều năm"), "04", Campaign.Kind.MULTI_YEAR),
    ("4", gettext_lazy("Tổng kết phong trào"), "05", Campaign.Kind.REVIEW),
]
TITLE_ROWS = [
    ("1", gettext_lazy("Cờ thi đua"), "07", lambda kind, level: kind == Kind.EMULATION_FLAG),
    ("2", gettext_lazy("Chiến sĩ thi đua"), "08", lambda kind, level: kind == Kind.EMULATION_SOLDIER),
    ("3", gettext_lazy("Danh hiệu thi đua khác"), "09", lambda kind, level: kind == Kind.EMULATION_TITLE),
]
AWARD_ROWS = [
    ("1", gettext_lazy("Bằng khen cấp Bộ, ngành trung ương"), "11", lambda kind, level: kind == Kind.CERTIFICATE_OF_MERIT and level == AwardLevel.CENTRAL),
    ("2", gettext_lazy("Bằng khen cấp tỉnh"), "12", lambda kind, level: kind == Kind.CERTIFICATE_OF_MERIT and level != AwardLevel.CENTRAL),
    ("3", gettext_lazy("Giấy khen"), "13", lambda kind, level: kind == Kind.COMMENDATION),
    ("4", gettext_lazy("Biểu dương và hình thức khác"), "14", lambda kind, level: kind == Kind.PRAISE),
]
COLUMNS = 8  # STT, indicator, code, unit, total, collectives, individuals, women


@dataclass
class Line:
    number: str
    indicator: str
    code: str
    unit: str
    total: int
    collectives: int | None = None
    individuals: int | None = None
    women: int | None = None
    is_section: bool = False


def statistics_lines(scope, year):
    """The form's lines for one year: plans launched in it, and awards of decisions of that year."""
    campaigns = dict(
        Campaign.objects.visible_to(scope.user).exclude(status=Campaign.Status.DRAFT).filter(issue_date__year=year)
        .values_list("kind").annotate(count=Count("pk")).order_by()
    )
    awards = list(
        scope.awards(with_year=False).filter(decision__year=year).annotate(level=level_case())
        .values("award_form__kind", "level")
        .annotate(
            collectives=Count("pk", filter=Q(organization__isnull=False)),
            individuals=Count("pk", filter=Q(person__isnull=False)),
            women=Count("pk", filter=Q(person__gender="female")),
        )
        .order_by()
    )
    campaign_lines = [Line(number, str(label), code, _("Phong trào"), campaigns.get(kind, 0)) for number, label, code, kind in CAMPAIGN_ROWS]
    lines = [_section("I", _("Phong trào thi đua được phát động"), "01", _("Phong trào"), campaign_lines, counted=False), *campaign_lines]
    for roman, title, code, rows in (("II", _("Danh hiệu thi đua"), "06", TITLE_ROWS), ("III", _("Hình thức khen thưởng"), "10", AWARD_ROWS)):
        children = [_award_line(number, label, row_code, matches, awards) for number, label, row_code, matches in rows]
        lines += [_section(roman, title, code, _("Lượt"), children), *children]
    return lines


def _award_line(number, label, code, matches, awards):
    found = [row for row in awards if matches(row["award_form__kind"], row["level"])]
    collectives, individuals = sum(row["collectives"] for row in found), sum(row["individuals"] for row in found)
    return Line(number, str(label), code, _("Lượt"), collectives + individuals, collectives, individuals, sum(row["women"] for row in found))


def _section(number, indicator, code, unit, children, *, counted=True):
    def total(name):
        return sum(getattr(child, name) for child in children) if counted else None

    return Line(number, indicator, code, unit, sum(child.total for child in children), total("collectives"),
                total("individuals"), total("women"), is_section=True)


THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
HEADER_ROW = 7
FIRST_LINE_ROW = 10


MARKS = ["A", "B", "C", "D", "1", "2", "3", "4"]


def _texts(year, reporting_body, scope_text):
    """The form's own words, the same in Excel and in PDF."""
    return {
        "title": _("Biểu thống kê thi đua, khen thưởng năm %(year)s") % {"year": year},
        "reporting": _("Đơn vị báo cáo: %(body)s") % {"body": as_text(reporting_body)},
        "receiving": _("Đơn vị nhận báo cáo: ……………………"),
        "heading": _("SỐ PHONG TRÀO THI ĐUA, DANH HIỆU THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG"),
        "year": _("Năm %(year)s") % {"year": year},
        "scope": as_text(scope_text),
        # Five columns over two header rows, "Chia ra" over the next two, then the women over two rows.
        "heads": [_("STT"), _("Chỉ tiêu"), _("Mã số"), _("Đơn vị tính"), _("Tổng số"), _("Chia ra"), _("Tập thể"),
                  _("Cá nhân"), _("Trong đó: cá nhân nữ")],
        "date_line": _("…, ngày … tháng … năm …"),
        "signers": [_("Người lập biểu"), _("Thủ trưởng đơn vị")],
    }


def _values(line):
    return [line.number, line.indicator, line.code, line.unit, line.total, line.collectives, line.individuals, line.women]


def statistics_pdf(lines, *, year, reporting_body, scope_text):
    """The form as PDF, with the same cells as the Excel sheet."""
    texts = _texts(year, reporting_body, scope_text)
    form = texts | {
        "author": [as_text(reporting_body)],
        "marks": MARKS,
        "lines": [{"cells": ["" if value is None else str(value) for value in _values(line)], "bold": line.is_section}
                  for line in lines],
    }
    return typeset(TEMPLATES / "statistics.typ", "form", form, timezone.now())


def statistics_workbook(lines, *, year, reporting_body, scope_text):
    """The form as an Excel sheet in its official layout: bodies, title, two header rows, column letters, lines, signatures."""
    texts = _texts(year, reporting_body, scope_text)
    number, indicator, code, unit, total, split, collectives, individuals, women = texts["heads"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Biểu thống kê %(year)s") % {"year": year}
    _merged(sheet, "A1:D1", texts["reporting"], bold=True)
    _merged(sheet, "E1:H1", texts["receiving"])
    _merged(sheet, "A3:H3", texts["heading"], bold=True, centre=True)
    _merged(sheet, "A4:H4", texts["year"], centre=True)
    _merged(sheet, "A5:H5", texts["scope"], centre=True, italic=True)
    for letter, title in zip("ABCDE", [number, indicator, code, unit, total], strict=True):
        _merged(sheet, f"{letter}7:{letter}8", title, bold=True, centre=True)
    _merged(sheet, "F7:G7", split, bold=True, centre=True)
    _merged(sheet, "H7:H8", women, bold=True, centre=True)
    for cell, title in (("F8", collectives), ("G8", individuals)):
        sheet[cell] = title
        sheet[cell].font, sheet[cell].alignment = Font(bold=True), CENTRE
    for column, mark in enumerate(MARKS, start=1):
        sheet.cell(row=9, column=column, value=mark).alignment = CENTRE
    for row, line in enumerate(lines, start=FIRST_LINE_ROW):
        for column, value in enumerate(_values(line), start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.font = Font(bold=line.is_section)
            cell.alignment = Alignment(vertical="center", wrap_text=True, horizontal="left" if column == 2 else "center")
    for row in sheet.iter_rows(min_row=HEADER_ROW, max_row=FIRST_LINE_ROW + len(lines) - 1, max_col=COLUMNS):
        for cell in row:
            cell.border = BOX
    signing = FIRST_LINE_ROW + len(lines) + 1
    _merged(sheet, f"F{signing}:H{signing}", texts["date_line"], centre=True, italic=True)
    _merged(sheet, f"A{signing + 1}:C{signing + 1}", texts["signers"][0], bold=True, centre=True)
    _merged(sheet, f"F{signing + 1}:H{signing + 1}", texts["signers"][1], bold=True, centre=True)
    for letter, width in zip("ABCDEFGH", [6, 46, 8, 12, 10, 10, 10, 12], strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.print_options.horizontalCentered = True
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    return workbook


def _merged(sheet, cells, value, *, bold=False, centre=False, italic=False):
    sheet.merge_cells(cells)
    first = sheet[cells.split(":")[0]]
    first.value = value
    first.font = Font(bold=bold, italic=italic)
    first.alignment = CENTRE if centre else Alignment(vertical="center", wrap_text=True)
