import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.spreadsheets import xlsx_response

from .charts import bar_chart
from .exports import figure_workbook
from .figures import FIGURES, Scope, dashboard_figures
from .forms import DashboardFilterForm
from .statistics import statistics_lines, statistics_pdf, statistics_workbook


def _scope(request):
    if not request.user.has_perm("dashboards.view_dashboard"):
        raise PermissionDenied
    form = DashboardFilterForm(request.GET, user=request.user)
    return form, Scope(request.user, **form.filters())


@login_required
def dashboard(request):
    """The sector at a glance: dossiers, reports, processing times and awards, each drawn with its table."""
    form, scope = _scope(request)
    columns = [[(figure, bar_chart(figure)) for figure in column] for column in dashboard_figures(scope)]
    context = {"form": form, "scope": scope, "columns": columns, "statistics_year": scope.year or timezone.localdate().year}
    return render(request, "dashboards/dashboard.html", context)


@login_required
def figure_export(request, slug):
    """One figure, in full and with the same filters, as an Excel file."""
    if slug not in FIGURES:
        raise Http404
    _form, scope = _scope(request)
    figure = FIGURES[slug](scope)
    return xlsx_response(figure_workbook(figure, scope.describe()), f"thong-ke-{slug.replace('_', '-')}.xlsx")


def _statistics(request):
    """The form's year, lines and headings for the chosen year (this year by default) and scope."""
    _form, scope = _scope(request)
    year = scope.year or timezone.localdate().year
    body = request.user.organization or _("Không thuộc đơn vị nào")
    return {"lines": statistics_lines(scope, year), "year": year, "reporting_body": str(body), "scope_text": scope.describe()}


@login_required
def statistics_form(request):
    """The yearly statistics form on emulation and commendation, as Excel in the official layout."""
    form = _statistics(request)
    workbook = statistics_workbook(form.pop("lines"), **form)
    return xlsx_response(workbook, f"bieu-thong-ke-thi-dua-khen-thuong-{form['year']}.xlsx")


@login_required
def statistics_form_pdf(request):
    """The same form, with the same figures, as PDF."""
    form = _statistics(request)
    pdf = statistics_pdf(form.pop("lines"), **form)
    return FileResponse(io.BytesIO(pdf), as_attachment=True, filename=f"bieu-thong-ke-thi-dua-khen-thuong-{form['year']}.pdf")
