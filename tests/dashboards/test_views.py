import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Organization, User
from awards.models import Award
from campaigns.models import Report
from dashboards.figures import Scope, dashboard_figures
from nominations.models import Nomination
from tests.factories import CampaignFactory, NominationFactory, OrganizationFactory, UserFactory

from .helpers import sector

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("dashboards:dashboard")


def figures_of(response):
    return {figure.slug: figure for column in response.context["columns"] for figure, _chart in column}


def values(figure):
    return {row.label: [cell.value for cell in row.cells] for row in figure.rows}


@pytest.mark.parametrize("role", ["office_user", "leader"])
def test_dashboard_opens_for_the_office_and_its_leaders(client_of, request, role):
    response = client_of(request.getfixturevalue(role)).get(DASHBOARD)

    assert response.status_code == 200
    assert "Hồ sơ theo trạng thái" in response.content.decode()


@pytest.mark.parametrize("role", ["unit_user", "council_member"])
def test_dashboard_and_its_excel_are_refused_to_units_and_council_members(client_of, request, role):
    client = client_of(request.getfixturevalue(role))

    assert client.get(DASHBOARD).status_code == 403
    assert client.get(reverse("dashboards:export", args=["status"])).status_code == 403


def test_dashboard_asks_an_anonymous_visitor_to_log_in(client):
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_dashboard_link_is_in_the_menu_of_the_office_only(client_of, office_user, unit_user):
    assert f'href="{DASHBOARD}"' in client_of(office_user).get(reverse("home")).content.decode()
    assert f'href="{DASHBOARD}"' not in client_of(unit_user).get(reverse("home")).content.decode()


@pytest.mark.parametrize("rows", [1, 5])
def test_dashboard_query_count_does_not_grow_with_dossiers(client_of, office_user, django_assert_num_queries, rows):
    sector(rows)
    client = client_of(office_user)

    with django_assert_num_queries(18):
        response = client.get(DASHBOARD)

    assert response.status_code == 200


def test_dashboard_figures_equal_the_counts_of_the_dossiers_reports_and_awards(client_of, office_user):
    campaign, units = sector(3)
    nominations = list(Nomination.objects.all())
    awards = list(Award.objects.select_related("person", "organization", "award_form"))

    figures = figures_of(client_of(office_user).get(DASHBOARD))

    assert values(figures["status"]) == {
        label: [sum(n.status == value for n in nominations)] for value, label in Nomination.Status.choices
    }
    assert values(figures["units"]) == {
        unit.name: [
            sum(n.submitting_unit_id == unit.pk for n in nominations),
            sum(n.submitting_unit_id == unit.pk and n.status == "submitted" for n in nominations),
            sum(n.submitting_unit_id == unit.pk and n.status == "awarded" for n in nominations),
        ]
        for unit in units
    }
    assert values(figures["award_forms"]) == {
        "Bằng khen": [0, sum(a.award_form.kind == "bang_khen" for a in awards)],
        "Giấy khen": [sum(a.award_form.kind == "giay_khen" for a in awards), 0],
    }
    assert values(figures["award_levels"]) == {"Cấp tỉnh": [0, 3], "Cấp cơ sở": [3, 0]}
    assert values(figures["award_years"]) == {"Bằng khen": [0, 0, 0, 3, 0], "Giấy khen": [0, 0, 3, 0, 0]}
    assert figures["award_years"].columns == ["2022", "2023", "2024", "2025", "2026"]
    women = sum(a.person is not None and a.person.gender == "female" for a in awards)
    majority = sum(a.organization is not None and a.organization.women_percent >= 70 for a in awards)
    assert values(figures["women"]) == {
        "Cá nhân": [3, women, round(100 * women / 3, 1)], "Tập thể": [3, majority, round(100 * majority / 3, 1)],
    }
    overdue = Report.objects.filter(submitted_at=None).count()
    assert values(figures["late_reports"]) == {campaign.number: [overdue, 3, 23]}


def test_every_dossier_and_award_figure_links_to_a_list_of_as_many_rows(client_of, office_user):
    sector(2)
    client = client_of(office_user)
    figures = figures_of(client.get(DASHBOARD))

    linked = [
        (cell.value, cell.url)
        for slug in ("status", "units", "late_dossiers", "award_forms", "award_levels", "award_years", "women")
        for row in figures[slug].rows for cell in row.cells if cell.url
    ]

    assert [value for value, url in linked] == [client.get(url).context["page"].paginator.count for value, url in linked]
    assert len(linked) > 30


def test_report_figures_link_to_the_report_tracking_of_their_plan(client_of, office_user):
    campaign, _units = sector(2)
    figure = figures_of(client_of(office_user).get(DASHBOARD))["late_reports"]

    overdue, late, _days = figure.rows[0].cells

    assert overdue.url == reverse("campaigns:reports", args=[campaign.pk]) + "?state=overdue"
    assert client_of(office_user).get(overdue.url).context["page"].paginator.count == overdue.value == 2
    assert client_of(office_user).get(late.url).context["page"].paginator.count == late.value == 2


def test_dashboard_filters_by_plan_year_and_unit(client_of, office_user):
    campaign, units = sector(2)
    NominationFactory(submitting_unit=units[0])  # another plan's dossier

    response = client_of(office_user).get(DASHBOARD, {"campaign": campaign.pk, "unit": units[0].pk, "year": 2026})

    figures = figures_of(response)
    expected = Nomination.objects.filter(campaign=campaign, submitting_unit=units[0], created_at__year=2026).count()
    assert sum(row.cells[0].value for row in figures["status"].rows) == expected == 6
    assert figures["status"].rows[0].cells[0].url == (
        f"{reverse('nominations:list')}?campaign={campaign.pk}&submitting_unit={units[0].pk}&year=2026&status=draft"
    )


def test_dashboard_ignores_a_plan_the_user_may_not_see(client_of, office_user):
    sector(1)
    response = client_of(office_user).get(DASHBOARD, {"campaign": 999999})

    assert response.status_code == 200
    assert sum(row.cells[0].value for row in figures_of(response)["status"].rows) == Nomination.objects.count()


def test_the_ministry_sees_dossiers_by_province(client_of):
    campaign, _units = sector(2)
    ministry_body = OrganizationFactory(name="Bộ Tư pháp", kind=Organization.Kind.MINISTRY, province="")
    ministry = UserFactory(role=User.Role.STAFF, organization=ministry_body)
    # The Ministry sees the sent dossiers of the provincial plans that implement its own plan (seed 001): 12 less the
    # 2 drafts, which stay the province's.
    campaign.implements = CampaignFactory(issuing_organization=ministry_body, number="157/QĐ-BTP")
    campaign.save(update_fields=["implements"])

    client = client_of(ministry)
    figures = figures_of(client.get(DASHBOARD))

    assert Nomination.objects.filter(campaign=campaign, status=Nomination.Status.DRAFT).count() == 2
    assert values(figures["provinces"]) == {"Cần Thơ": [10, 4, 4]}
    assert [client.get(cell.url).context["page"].paginator.count for cell in figures["provinces"].rows[0].cells] == [10, 4, 4]


def test_a_provincial_office_sees_no_province_figure(office_user):
    left, right = dashboard_figures(Scope(office_user))

    assert "provinces" not in [figure.slug for figure in left + right]


def test_figure_excel_holds_the_table_with_a_formula_like_name_written_as_text(client_of, office_user):
    campaign, units = sector(1)
    Organization.objects.filter(pk=units[0].pk).update(name='=HYPERLINK("http://x.example","Bấm")')

    response = client_of(office_user).get(reverse("dashboards:export", args=["units"]), {"campaign": campaign.pk})

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert response["Content-Disposition"] == 'attachment; filename="thong-ke-units.xlsx"'
    assert rows[0][0] == "Hồ sơ theo đơn vị đề nghị"
    assert rows[1][0].startswith(f"Phong trào: {campaign.number}; Số liệu ngày 24/11/2026")
    assert rows[3] == ["Nội dung", "Tổng số", "Chờ thẩm định", "Đã khen thưởng"]
    assert rows[4] == ['\'=HYPERLINK("http://x.example","Bấm")', 6, 2, 2]


def test_figure_excel_of_an_unknown_figure_is_not_found(client_of, office_user):
    assert client_of(office_user).get(reverse("dashboards:export", args=["nothing"])).status_code == 404


def test_the_unit_filter_is_searched_as_one_types_not_a_list_of_every_unit(client_of, office_user):
    _campaign, units = sector(3)

    page = client_of(office_user).get(DASHBOARD, {"unit": units[1].pk}).content.decode()

    assert reverse("nominations:unit_picker") in page
    assert units[1].name in page
    assert units[0].name not in page.split("</form>")[0]
