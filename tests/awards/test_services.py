import datetime
import io
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from pikepdf.models.metadata import decode_pdf_date
from pypdf import PdfReader

from accounts.models import Organization
from awards.models import Award, Decision, DecisionError, NumberSeries
from awards.services import draft_decision, sign_decision
from awards.tasks import fail_stuck_documents, generate_decision_documents
from config.celery import app as celery_app
from nominations.models import Nomination
from tests.factories import AwardFormFactory, OrganizationFactory, approved_nomination


@pytest.fixture
def award_form(db):
    city = OrganizationFactory(name="Ủy ban nhân dân thành phố Cần Thơ", short_name="UBND TP Cần Thơ", document_code="UBND", kind=Organization.Kind.PEOPLES_COMMITTEE)
    return AwardFormFactory(
        name="Bằng khen của Chủ tịch Ủy ban nhân dân thành phố", kind="bang_khen", granting_organization=city,
        signer_title="Chủ tịch Ủy ban nhân dân thành phố Cần Thơ",
        campaign__nomination_deadline=datetime.date(2099, 1, 1), campaign__award_deadline=datetime.date(2099, 1, 1),
        campaign__number="67/KH-UBND",
    )


@pytest.fixture
def decision(award_form, office_user):
    approved_nomination(campaign=award_form.campaign, award_form=award_form, nominee_person__full_name="Nguyễn Thị Ngọc Hà")
    approved_nomination(campaign=award_form.campaign, award_form=award_form, nominee_person__full_name="Trần Văn Đức")
    decision = draft_decision(award_form, by=office_user)
    decision.signer_name = "Nguyễn Ngọc Hè"
    decision.signing_authority = "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    decision.save()
    return decision


def pdf_text(field_file):
    with field_file.open("rb") as handle:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)


@pytest.mark.django_db
def test_decision_draft_is_prefilled_from_the_plan_with_a_blank_number_and_day(decision, award_form):
    assert decision.number_symbol == "…/QĐ-UBND"
    assert (decision.number, decision.issue_date) == (None, None)
    assert decision.authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"
    assert "Căn cứ Kế hoạch số 67/KH-UBND ngày 28 tháng 3 năm 2025" in decision.legal_bases
    assert "cho 02 cá nhân đã có thành tích xuất sắc" in decision.article_1
    assert decision.awardees.filter(nomination__isnull=False).count() == 2


@pytest.mark.django_db
def test_decision_numbers_run_per_body_and_year_and_are_never_reused(award_form, office_user):
    first = NumberSeries.take_next(award_form.granting_organization, 2026)
    second = NumberSeries.take_next(award_form.granting_organization, 2026)
    other_body = NumberSeries.take_next(OrganizationFactory(), 2026)
    next_year = NumberSeries.take_next(award_form.granting_organization, 2027)

    assert (first, second, other_body, next_year) == (1, 2, 1, 1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (set DATABASE_URL)")
@pytest.mark.django_db(transaction=True)
def test_decision_numbers_of_concurrent_drafts_do_not_collide():
    organization = OrganizationFactory()
    numbers, barrier = [], threading.Barrier(6)

    def take():
        barrier.wait()
        numbers.append(NumberSeries.take_next(organization, 2026))
        connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(numbers) == [1, 2, 3, 4, 5, 6]


@pytest.mark.django_db
def test_decision_draft_without_approved_nominations_is_refused(award_form, office_user):
    with pytest.raises(DecisionError) as error:
        draft_decision(award_form, by=office_user)

    assert error.value.code == "nothing_to_grant"


@pytest.mark.django_db
def test_decision_signing_awards_the_dossiers_and_fills_the_register(decision, leader):
    sign_decision(decision, by=leader)

    decision.refresh_from_db()
    assert decision.status == Decision.Status.SIGNED
    assert decision.signed_by == leader
    assert set(Nomination.objects.values_list("status", flat=True)) == {Nomination.Status.AWARDED}
    assert list(Award.objects.values_list("register_number", flat=True)) == [f"01.001/{decision.year}", f"01.002/{decision.year}"]
    assert [award.awardee_name for award in Award.objects.all()] == ["Nguyễn Thị Ngọc Hà", "Trần Văn Đức"]


@pytest.mark.django_db
def test_decision_signed_twice_is_refused(decision, leader):
    sign_decision(decision, by=leader)

    with pytest.raises(DecisionError) as error:
        sign_decision(decision, by=leader)

    assert error.value.code == "signed"
    assert Award.objects.count() == 2


@pytest.mark.django_db
def test_decision_signed_keeps_the_signer_named_in_the_draft_and_records_who_clicked(decision, leader):
    sign_decision(decision, by=leader)

    decision.refresh_from_db()
    assert decision.signer_name == "Nguyễn Ngọc Hè"
    assert decision.signed_by == leader and decision.signed_at is not None
    assert decision.number_symbol == "01/QĐ-UBND"
    assert decision.issue_date == timezone.localdate()


@pytest.mark.django_db
def test_decision_pdf_holds_the_number_date_articles_annex_and_signer(decision, leader, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sign_decision(decision, by=leader)

    generate_decision_documents(decision_id=decision.pk)

    decision.refresh_from_db()
    text = pdf_text(decision.pdf)
    assert decision.documents_state == Decision.DocumentsState.DONE
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Số: 01/QĐ-UBND" in text
    assert f"ngày {decision.issue_date:%d} tháng {decision.issue_date:%m} năm {decision.issue_date:%Y}" in text
    assert "Điều 1." in text and "Điều 2." in text
    assert "Nguyễn Thị Ngọc Hà" in text and "Trần Văn Đức" in text
    assert "Nguyễn Ngọc Hè" in text and leader.get_full_name() not in text
    assert "KT. CHỦ TỊCH" in text


@pytest.mark.django_db
def test_decision_certificates_one_page_per_awardee_with_register_number(decision, leader, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sign_decision(decision, by=leader)

    generate_decision_documents(decision_id=decision.pk)

    decision.refresh_from_db()
    with decision.certificates_pdf.open("rb") as handle:
        pages = PdfReader(io.BytesIO(handle.read())).pages
    assert len(pages) == 2
    assert "Bà Nguyễn Thị Ngọc Hà" in pages[0].extract_text() or "Nguyễn Thị Ngọc Hà" in pages[0].extract_text()
    assert f"01.002/{decision.year}" in pages[1].extract_text()
    assert pages[0].mediabox.width > pages[0].mediabox.height


@pytest.mark.django_db
def test_decision_documents_task_run_twice_leaves_one_set_of_files(decision, leader, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sign_decision(decision, by=leader)

    generate_decision_documents(decision_id=decision.pk)
    generate_decision_documents(decision_id=decision.pk)

    assert len(list(tmp_path.rglob("*.pdf"))) == 2


@pytest.mark.django_db
def test_decision_documents_task_for_a_deleted_decision_returns_quietly():
    generate_decision_documents(decision_id=999999)


@pytest.mark.django_db
def test_decision_documents_failure_is_recorded_for_a_retry(decision, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path

    def broken(*args, **kwargs):
        raise OSError("đĩa đầy")

    monkeypatch.setattr("awards.tasks.render_official", broken)
    generate_decision_documents(decision_id=decision.pk)

    decision.refresh_from_db()
    assert decision.documents_state == Decision.DocumentsState.FAILED
    assert "đĩa đầy" in decision.documents_error


@pytest.mark.django_db
def test_decision_draft_signature_names_the_head_and_article_2_is_the_reward_rule(award_form, office_user):
    award_form.reward_note = "Kèm theo Bằng khen là tiền thưởng theo quy định."
    award_form.save()
    approved_nomination(campaign=award_form.campaign, award_form=award_form)

    decision = draft_decision(award_form, by=office_user)

    assert decision.signing_authority == "CHỦ TỊCH"
    assert decision.article_2 == "Kèm theo Bằng khen là tiền thưởng theo quy định."


@pytest.mark.django_db
def test_decision_draft_pdf_says_draft_and_the_signed_one_does_not(decision, leader, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    generate_decision_documents(decision_id=decision.pk)
    decision.refresh_from_db()
    draft_text = pdf_text(decision.pdf)
    sign_decision(decision, by=leader)
    generate_decision_documents(decision_id=decision.pk)
    decision.refresh_from_db()

    assert "DỰ THẢO" in draft_text
    assert "DỰ THẢO" not in pdf_text(decision.pdf)


@pytest.mark.django_db
def test_decision_annex_and_register_follow_vietnamese_alphabetical_order(award_form, office_user, leader):
    for name in ["Võ Thị Ngọc Hân", "Đặng Minh Trí", "Đỗ Thị Lan", "Dương Văn Hải"]:
        approved_nomination(campaign=award_form.campaign, award_form=award_form, nominee_person__full_name=name)
    decision = draft_decision(award_form, by=office_user)
    decision.signer_name = "Nguyễn Ngọc Hè"
    decision.save()

    sign_decision(decision, by=leader)

    names = [award.person.full_name for award in decision.awards.order_by("position")]
    assert names == ["Dương Văn Hải", "Đặng Minh Trí", "Đỗ Thị Lan", "Võ Thị Ngọc Hân"]


@pytest.mark.django_db
def test_decision_draft_cites_the_bases_in_lawful_order_each_with_its_date(decision):
    bases = decision.legal_basis_lines

    assert bases == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều "
        "của Luật Thi đua, khen thưởng;",
        "Căn cứ Quyết định số … ban hành Quy chế Thi đua, khen thưởng của Ủy ban nhân dân thành phố Cần Thơ;",
        f"Căn cứ Kế hoạch số 67/KH-UBND ngày 28 tháng 3 năm 2025 của {decision.campaign.issuing_organization};",
        "Theo đề nghị của Thường trực Hội đồng Thi đua – Khen thưởng tại Tờ trình số … ngày ….",
    ]


@pytest.mark.parametrize(("date", "decree"), [(datetime.date(2025, 6, 30), "98/2023/NĐ-CP ngày 31 tháng 12 năm 2023"),
                                              (datetime.date(2025, 7, 1), "152/2025/NĐ-CP ngày 14 tháng 6 năm 2025")])
def test_decision_bases_cite_the_decree_in_force_on_the_decisions_date(date, decree):
    from awards.wording import DECREES, in_force

    assert decree in in_force(DECREES, date)


@pytest.mark.django_db
def test_decision_draft_names_the_bodies_that_carry_it_out_and_receive_it(decision):
    units = ", ".join(sorted({a.nomination.submitting_unit.name for a in decision.awardees.all()}))

    assert f"Chánh Văn phòng Ủy ban nhân dân thành phố Cần Thơ, Thủ trưởng {units}, các cơ quan" in decision.article_3
    assert decision.recipient_lines[0] == "Như Điều 3;"
    assert decision.recipient_lines[-1] == "Lưu: VT, TĐKT."


@pytest.mark.django_db
def test_signed_decision_pdf_is_pdf_a_2b_with_its_metadata(decision, leader, settings, tmp_path):
    import pikepdf

    settings.MEDIA_ROOT = tmp_path
    sign_decision(decision, by=leader)

    generate_decision_documents(decision_id=decision.pk)

    decision.refresh_from_db()
    with decision.pdf.open("rb") as handle:
        pdf = pikepdf.open(io.BytesIO(handle.read()))
    metadata = pdf.open_metadata()
    assert metadata.pdfa_status == "2B"
    assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"
    assert pdf.Root.Lang == "vi"
    assert str(pdf.docinfo.Author) == "Ủy ban nhân dân thành phố Cần Thơ"
    assert str(pdf.docinfo.Title) == "QUYẾT ĐỊNH 01/QĐ-UBND – Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố"
    assert decode_pdf_date(str(pdf.docinfo.CreationDate)) == decision.signed_at.replace(microsecond=0)


@pytest.mark.django_db
def test_draft_decision_pdf_is_not_archival(decision, settings, tmp_path):
    import pikepdf

    settings.MEDIA_ROOT = tmp_path

    generate_decision_documents(decision_id=decision.pk)

    decision.refresh_from_db()
    with decision.pdf.open("rb") as handle:
        assert pikepdf.open(io.BytesIO(handle.read())).open_metadata().pdfa_status == ""
# Jobs that survive crashes


def documents_job(decision, state, minutes_ago):
    moved_at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    Decision.objects.filter(pk=decision.pk).update(documents_state=state, documents_progress=5, documents_updated_at=moved_at)


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["pending", "running"])
def test_documents_job_stuck_past_its_deadline_is_marked_failed_with_a_message(decision, state):
    documents_job(decision, state, minutes_ago=11)

    swept = fail_stuck_documents()

    decision.refresh_from_db()
    assert swept == 1
    assert (decision.documents_state, decision.documents_progress) == ("failed", 0)
    assert decision.documents_error == "Quá thời gian tạo văn bản (máy chủ có thể đã khởi động lại giữa chừng). Hãy bấm “Thử lại”."


@pytest.mark.django_db
def test_documents_job_within_its_deadline_is_left_running(decision):
    documents_job(decision, "running", minutes_ago=9)

    swept = fail_stuck_documents()

    decision.refresh_from_db()
    assert (swept, decision.documents_state) == (0, "running")


@pytest.mark.django_db
def test_finished_or_failed_documents_jobs_are_left_alone_by_the_sweep(decision):
    documents_job(decision, "done", minutes_ago=600)

    assert fail_stuck_documents() == 0


@pytest.mark.django_db
def test_stuck_documents_sweep_is_scheduled_every_five_minutes():
    task = PeriodicTask.objects.get(name="awards.fail_stuck_documents")

    assert (task.task, task.interval.every, task.interval.period) == ("awards.tasks.fail_stuck_documents", 5, "minutes")


def test_tasks_are_acknowledged_once_done_and_requeued_when_their_worker_dies():
    assert (celery_app.conf.task_acks_late, celery_app.conf.task_reject_on_worker_lost) == (True, True)
    assert celery_app.conf.worker_prefetch_multiplier == 1
    assert celery_app.conf.broker_transport_options == {"visibility_timeout": 1200}
