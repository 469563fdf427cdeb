"""The dashboard's figures: each one aggregate query over what the user may see, as rows of linked cells.

A figure's query count never grows with the data: counts are grouped in the database (by status, unit,
province, campaign, award form, level, year), and the few per-row lists are cut to a fixed length.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Min, Q
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from awards.models import WOMEN_MAJORITY_PERCENT, Award, AwardLevel, level_case
from campaigns.forms import report_state_q
from campaigns.models import AwardForm, Campaign, Report
from campaigns.workdays import working_day_numbers
from documents.collation import vietnamese_order
from nominations.models import LATENESS_BANDS, Nomination, Status, lateness_band_conditions

TOP_ROWS = 15  # units, campaigns and reports drawn; the Excel copy holds them all
YEARS_SIDE_BY_SIDE = 5


@dataclass
class Cell:
    value: float | int | None
    url: str = ""


@dataclass
class Row:
    label: str
    cells: list
    note: str = ""


@dataclass
class Figure:
    slug: str
    title: str
    columns: list
    rows: list
    drawn: int = 1  # the leading columns drawn as bars; the others are only in the table
    note: str = ""
    truncated: bool = False

    @property
    def is_empty(self):
        return not any(cell.value for row in self.rows for cell in row.cells[: self.drawn])


@dataclass
class Scope:
    """What one user may see (the apps' visible_to querysets), narrowed by the dashboard's filters."""

    user: object
    campaign: Campaign | None = None
    year: int | None = None
    unit: object = None
    is_national: bool = field(init=False)

    def __post_init__(self):
        organization = self.user.organization
        # The Ministry's office looks across provinces; a provincial office at its own units.
        self.is_national = organization is None or not organization.province

    @property
    def nominations(self):
        nominations = Nomination.objects.visible_to(self.user).order_by()
        if self.campaign:
            nominations = nominations.filter(campaign=self.campaign)
        if self.unit:
            nominations = nominations.filter(submitting_unit=self.unit)
        if self.year:
            nominations = nominations.filter(created_at__year=self.year)
        return nominations

    def awards(self, *, with_year=True):
        awards = Award.objects.visible_to(self.user).order_by()
        if self.campaign:
            awards = awards.filter(award_form__campaign=self.campaign)
        if self.unit:
            awards = awards.filter(nomination__submitting_unit=self.unit)
        if self.year and with_year:
            awards = awards.filter(decision__year=self.year)
        return awards

    @property
    def reports(self):
        reports = Report.objects.filter(campaign__in=Campaign.objects.visible_to(self.user)).order_by()
        if self.campaign:
            reports = reports.filter(campaign=self.campaign)
        if self.unit:
            reports = reports.filter(organization=self.unit)
        if self.year:
            reports = reports.filter(due_date__year=self.year)
        return reports

    def describe(self):
        """The filters in words, written above an Excel copy."""
        parts = []
        if self.campaign:
            parts.append(_("Phong trào: %(number)s") % {"number": self.campaign.number})
        if self.year:
            parts.append(_("Năm: %(year)s") % {"year": self.year})
        if self.unit:
            parts.append(_("Đơn vị: %(unit)s") % {"unit": self.unit})
        read_on = _("Số liệu ngày %(date)s") % {"date": timezone.localdate().strftime("%d/%m/%Y")}
        return "; ".join([*parts, read_on])

    def nominations_url(self, **params):
        scope = {"campaign": self.campaign and self.campaign.pk, "submitting_unit": self.unit and self.unit.pk, "year": self.year}
        return _url("nominations:list", {**scope, **params})

    def register_url(self, **params):
        scope = {"campaign": self.campaign and self.campaign.pk, "unit": self.unit and self.unit.pk, "year": self.year}
        return _url("awards:register", {**scope, **params})

    def reports_url(self, campaign_id, **params):
        return _url("campaigns:reports", {"organization": self.unit and self.unit.pk, **params}, args=[campaign_id])


def _url(name, params, args=()):
    query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
    return f"{reverse(name, args=args)}?{query}" if query else reverse(name, args=args)


def dossiers_by_status(scope):
    counts = dict(scope.nominations.values_list("status").annotate(count=Count("pk")))
    rows = [
        Row(label, [Cell(counts.get(value, 0), scope.nominations_url(status=value))])
        for value, label in Status.choices
    ]
    return Figure("status", _("Hồ sơ theo trạng thái"), [_("Số hồ sơ")], rows)


SUBMITTER_COLUMNS = [_("Tổng số"), _("Chờ thẩm định"), _("Đã khen thưởng")]


def _by_submitter(scope, group, limit):
    """Dossiers counted per group of submitting units, largest first: (rows, whether some were left out)."""
    rows = (
        scope.nominations.values(*group)
        .annotate(
            total=Count("pk"),
            waiting=Count("pk", filter=Q(status=Status.SUBMITTED)),
            awarded=Count("pk", filter=Q(status=Status.AWARDED)),
        )
        .order_by("-total", *group)
    )
    rows = list(rows[: limit + 1]) if limit else list(rows)
    return rows[:limit] if limit else rows, bool(limit) and len(rows) > limit


def _submitter_cells(row, url):
    """Total, waiting and awarded dossiers of one group, each linked to its list (no link without a url)."""
    return [
        Cell(row["total"], url and url()),
        Cell(row["waiting"], url and url(status=Status.SUBMITTED)),
        Cell(row["awarded"], url and url(status=Status.AWARDED)),
    ]


def dossiers_by_unit(scope, limit=TOP_ROWS):
    found, truncated = _by_submitter(scope, ["submitting_unit", "submitting_unit__name"], limit)
    rows = [
        Row(row["submitting_unit__name"], _submitter_cells(
            row, lambda unit=row["submitting_unit"], **params: scope.nominations_url(submitting_unit=unit, **params)
        ))
        for row in found
    ]
    return Figure("units", _("Hồ sơ theo đơn vị đề nghị"), SUBMITTER_COLUMNS, rows, truncated=truncated)


def dossiers_by_province(scope, limit=None):
    found, truncated = _by_submitter(scope, ["submitting_unit__province"], limit)
    rows = []
    for row in found:
        province = row["submitting_unit__province"]
        # A central unit has no province: the list cannot be narrowed to "no province", so its figures are not linked.
        url = province and (lambda province=province, **params: scope.nominations_url(province=province, **params))
        rows.append(Row(province or _("Đơn vị trung ương"), _submitter_cells(row, url)))
    return Figure("provinces", _("Hồ sơ theo tỉnh, thành phố"), SUBMITTER_COLUMNS, rows, truncated=truncated)


def late_dossiers(scope):
    """Dossiers waiting for appraisal past the statutory time, by working days late."""
    conditions = lateness_band_conditions()
    counts = scope.nominations.aggregate(**{slug: Count("pk", filter=condition) for slug, condition in conditions.items()})
    rows = [Row(label, [Cell(counts[slug], scope.nominations_url(late=slug))]) for slug, (*_bounds, label) in LATENESS_BANDS.items()]
    note = _("Hạn thẩm định hồ sơ đầy đủ: %(days)s ngày làm việc kể từ ngày nhận.") % {"days": settings.APPRAISE_COMPLETE_WORKING_DAYS}
    return Figure("late_dossiers", _("Hồ sơ quá hạn thẩm định"), [_("Số hồ sơ")], rows, note=note)


def _cut(rows, limit):
    """The first `limit` rows (all when None) and whether some were left out, read with one query."""
    if limit is None:
        return list(rows), False
    rows = list(rows[: limit + 1])
    return rows[:limit], len(rows) > limit


def late_reports(scope, limit=TOP_ROWS):
    """Per plan: reports owed past their due date, reports sent late, and the longest wait."""
    today = timezone.localdate()
    overdue, late = report_state_q("overdue", today), report_state_q("late", today)
    found, truncated = _cut(
        scope.reports.values("campaign", "campaign__number")
        .annotate(overdue=Count("pk", filter=overdue), late=Count("pk", filter=late), oldest=Min("due_date", filter=overdue))
        .filter(Q(overdue__gt=0) | Q(late__gt=0))
        .order_by("-overdue", "-late", "campaign__number"),
        limit,
    )
    rows = [
        Row(row["campaign__number"], [
            Cell(row["overdue"], scope.reports_url(row["campaign"], state="overdue")),
            Cell(row["late"], scope.reports_url(row["campaign"], state="late")),
            Cell((today - row["oldest"]).days if row["oldest"] else 0),
        ])
        for row in found
    ]
    columns = [_("Quá hạn, chưa nộp"), _("Nộp muộn"), _("Số ngày quá hạn lâu nhất")]
    return Figure("late_reports", _("Báo cáo quá hạn theo phong trào"), columns, rows, drawn=2, truncated=truncated)


def overdue_reports(scope, limit=TOP_ROWS):
    """The reports owed longest past their due date, with the days late."""
    today = timezone.localdate()
    found, truncated = _cut(
        scope.reports.filter(report_state_q("overdue", today))
        .select_related("organization", "campaign").order_by("due_date", vietnamese_order("organization__name"), "pk"),
        limit,
    )
    rows = [
        Row(f"{report.organization} – {report.title}", [Cell((today - report.due_date).days, report.get_absolute_url())],
            note=report.campaign.number)
        for report in found
    ]
    return Figure("overdue_reports", _("Báo cáo chưa nộp lâu nhất"), [_("Số ngày quá hạn")], rows, truncated=truncated)


def processing_times(scope):
    """Working days from receipt to acceptance for review, and to return of an incomplete dossier, against the statutory times."""
    steps = {
        Status.IN_REVIEW: (_("Thẩm định, đưa vào xét"), settings.APPRAISE_COMPLETE_WORKING_DAYS),
        Status.RETURNED: (_("Trả lại hồ sơ chưa đầy đủ"), settings.RETURN_INCOMPLETE_WORKING_DAYS),
    }
    # One row per (step, day received, day handled): the rows grow with the calendar, not with the dossiers.
    # A dossier sent again after a return keeps only its last receipt: that return is left out.
    pairs = list(
        scope.nominations.filter(
            history__from_status=Status.SUBMITTED, history__to_status__in=list(steps),
            history__created_at__gte=F("submitted_at"),
        )
        .values(to_status=F("history__to_status"), received=TruncDate("submitted_at"), handled=TruncDate("history__created_at"))
        .annotate(count=Count("history"))
    )
    index = working_day_numbers([pair["received"] for pair in pairs] + [pair["handled"] for pair in pairs])
    totals = {status: {"within": 0, "beyond": 0, "days": 0} for status in steps}
    for pair in pairs:
        days = index[pair["handled"]] - index[pair["received"]]
        total = totals[pair["to_status"]]
        total["within" if days <= steps[pair["to_status"]][1] else "beyond"] += pair["count"]
        total["days"] += days * pair["count"]
    rows = []
    for status, (label, statutory) in steps.items():
        total = totals[status]
        handled = total["within"] + total["beyond"]
        average = round(total["days"] / handled, 1) if handled else None
        rows.append(Row(label, [Cell(total["within"]), Cell(total["beyond"]), Cell(average), Cell(statutory)]))
    columns = [_("Trong hạn"), _("Quá hạn"), _("Bình quân (ngày)"), _("Luật định (ngày)")]
    note = _("Tính bằng ngày làm việc từ ngày nhận hồ sơ, không kể thứ Bảy, Chủ nhật, ngày lễ, Tết và ngày nghỉ bù.")
    return Figure("processing", _("Thời gian xử lý hồ sơ so với thời hạn luật định"), columns, rows, drawn=2, note=note)


AWARDEE_COLUMNS = [_("Tập thể"), _("Cá nhân")]


def award_counts(scope):
    """Awards per form kind and level: collectives, individuals, women, collectives of at least 70% women (one query)."""
    return list(
        scope.awards().annotate(level=level_case()).values("award_form__kind", "level")
        .annotate(
            collectives=Count("pk", filter=Q(organization__isnull=False)),
            individuals=Count("pk", filter=Q(person__isnull=False)),
            women=Count("pk", filter=Q(person__gender="female")),
            women_collectives=Count("pk", filter=Q(organization__women_percent__gte=WOMEN_MAJORITY_PERCENT)),
        )
        .order_by()
    )


AWARD_COUNTS = ("collectives", "individuals", "women", "women_collectives")


def _sum_by(counts, key=None):
    """The award counts added up per value of `key`, or all together under None."""
    sums = {}
    for row in counts:
        total = sums.setdefault(row[key] if key else None, dict.fromkeys(AWARD_COUNTS, 0))
        for name in AWARD_COUNTS:
            total[name] += row[name]
    return sums


def _awardee_rows(found, choices, param, scope):
    """Collectives and individuals per value of `param` (award kind or level), leaving out values never granted."""
    return [
        Row(label, [
            Cell(found[value]["collectives"], scope.register_url(**{param: value}, kind="collective")),
            Cell(found[value]["individuals"], scope.register_url(**{param: value}, kind="individual")),
        ])
        for value, label in choices if value in found
    ]


def awards_by_form(scope, counts=None):
    found = _sum_by(award_counts(scope) if counts is None else counts, "award_form__kind")
    rows = _awardee_rows(found, AwardForm.Kind.choices, "award_kind", scope)
    return Figure("award_forms", _("Khen thưởng theo hình thức"), AWARDEE_COLUMNS, rows, drawn=2)


def awards_by_level(scope, counts=None):
    found = _sum_by(award_counts(scope) if counts is None else counts, "level")
    rows = _awardee_rows(found, AwardLevel.choices, "level", scope)
    return Figure("award_levels", _("Khen thưởng theo cấp"), AWARDEE_COLUMNS, rows, drawn=2)


def awards_by_year(scope):
    """Awards per form kind over the last five years up to the chosen one, years side by side."""
    last = scope.year or timezone.localdate().year
    years = list(range(last - YEARS_SIDE_BY_SIDE + 1, last + 1))
    counts = {
        (row["decision__year"], row["award_form__kind"]): row["count"]
        for row in scope.awards(with_year=False).filter(decision__year__in=years)
        .values("decision__year", "award_form__kind").annotate(count=Count("pk"))
    }
    rows = [
        Row(label, [Cell(counts.get((year, value), 0), scope.register_url(award_kind=value, year=year)) for year in years])
        for value, label in AwardForm.Kind.choices
        if any(counts.get((year, value)) for year in years)
    ]
    return Figure("award_years", _("Khen thưởng qua các năm"), [str(year) for year in years], rows, drawn=len(years))


def women_share(scope, counts=None):
    """Women among the individuals awarded, and collectives of at least 70% women (preferred in a tie, Decree 152/2025)."""
    counts = _sum_by(award_counts(scope) if counts is None else counts).get(None, dict.fromkeys(AWARD_COUNTS, 0))

    def share(part, whole):
        return round(100 * part / whole, 1) if whole else None

    rows = [
        Row(_("Cá nhân"), [
            Cell(counts["individuals"], scope.register_url(kind="individual")),
            Cell(counts["women"], scope.register_url(kind="individual", gender="female")),
            Cell(share(counts["women"], counts["individuals"])),
        ]),
        Row(_("Tập thể"), [
            Cell(counts["collectives"], scope.register_url(kind="collective")),
            Cell(counts["women_collectives"], scope.register_url(kind="collective", women_majority="true")),
            Cell(share(counts["women_collectives"], counts["collectives"])),
        ]),
    ]
    columns = [_("Được khen thưởng"), _("Nữ; tập thể ≥ 70% nữ"), _("Tỷ lệ (%)")]
    return Figure("women", _("Nữ và tập thể có từ 70% nữ được khen thưởng"), columns, rows, drawn=2)


def dashboard_figures(scope):
    """The figures of the dashboard in two columns, short ones on the left, long lists on the right."""
    provinces = [dossiers_by_province(scope, limit=TOP_ROWS)] if scope.is_national else []
    counts = award_counts(scope)
    left = [
        dossiers_by_status(scope), late_dossiers(scope), processing_times(scope),
        awards_by_form(scope, counts), awards_by_level(scope, counts), women_share(scope, counts),
    ]
    right = [*provinces, dossiers_by_unit(scope), awards_by_year(scope), late_reports(scope), overdue_reports(scope)]
    return left, right


# The figures an Excel download may ask for, each in full (no row left out).
FIGURES = {
    "status": dossiers_by_status,
    "provinces": dossiers_by_province,
    "units": lambda scope: dossiers_by_unit(scope, limit=None),
    "late_dossiers": late_dossiers,
    "processing": processing_times,
    "late_reports": lambda scope: late_reports(scope, limit=None),
    "overdue_reports": lambda scope: overdue_reports(scope, limit=None),
    "award_forms": awards_by_form,
    "award_levels": awards_by_level,
    "award_years": awards_by_year,
    "women": women_share,
}
