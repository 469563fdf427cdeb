import pytest
from playwright.sync_api import expect

from nominations.models import CriterionAssessment, Nomination
from tests.factories import CriterionFactory, NominationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_appraiser_scores_a_dossier_level_with_another_and_the_ranking_hands_the_tie_to_the_council(live_server, login, office_user):
    first = NominationFactory(status=Nomination.Status.SUBMITTED, nominee_person__gender="male")
    second = NominationFactory(
        campaign=first.campaign, award_form=first.award_form, status=Nomination.Status.SUBMITTED, nominee_person__gender="male",
    )
    for number in ("1", "2"):
        CriterionFactory(campaign=first.campaign, number=number, max_points=50, text=f"Nội dung thi đua số {number}")
    for dossier in (first, second):
        dossier.add_missing_assessments()
        CriterionAssessment.objects.filter(nomination=dossier).update(self_score=40, remarks="Báo cáo thành tích năm 2025")
    CriterionAssessment.objects.filter(nomination=second).update(appraisal_score=38)
    page = login(office_user)

    page.goto(f"{live_server.url}/ho-so/{first.pk}/cham-diem/")
    page.fill("#id_score-0-appraisal_score", "51")
    page.fill("#id_score-1-appraisal_score", "38")
    page.click("text=Ghi điểm thẩm định")
    expect(page.locator("body")).to_contain_text("Điểm phải từ 0 đến 50")
    expect(page.locator("#id_score-0-appraisal_score")).to_have_value("51")
    page.fill("#id_score-0-appraisal_score", "38")
    page.click("text=Ghi điểm thẩm định")
    expect(page.locator(".alert-success")).to_contain_text("Đã ghi điểm thẩm định.")

    page.goto(f"{live_server.url}/ho-so/xep-hang/{first.award_form_id}/")
    expect(page.locator("body")).to_contain_text("Hội đồng Thi đua – Khen thưởng biểu quyết")
    expect(page.locator("tbody tr.table-warning")).to_have_count(2)
    expect(page.locator("text=Đưa vào cuộc họp Hội đồng để biểu quyết").first).to_have_attribute(
        "href", f"/hoi-dong/cuoc-hop/tao-moi/?campaign={first.campaign_id}",
    )
