"""A typo in an award is corrected by a later signed decision of the same body (quyết định đính chính): the register,
its search and export, the public page and a reprinted certificate show the corrected text; the person's record and
the decision already issued keep theirs."""

import datetime
import io
import re
import unicodedata

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import User
from awards.models import Award, DecisionError
from awards.printing import certificate_contexts
from documents.storing import save_pdf
from documents.typesetting import render_certificates
from tests.awards.test_revocation import award, revoking  # noqa: F401  the award and a later decision of its body
from tests.awards.test_views import award_form, draft, leader, signed  # noqa: F401  the decision fixtures
from tests.documents.pdf_reading import page_text, read
from tests.factories import OrganizationFactory, UserFactory

CORRECTED = "Nguyễn Thị Ngọc Hằng"


@pytest.fixture
def correcting(revoking):  # noqa: F811
    """A later signed decision of the award's own body: the quyết định đính chính."""
    return revoking


def correct(client, award, decision, name=CORRECTED, reason="Sai chính tả họ tên", **fields):  # noqa: F811
    data = {"decision": decision.pk, "name": name, "detail": award.awardee_detail, "reason": reason} | fields
    return client.post(reverse("awards:correct", args=[award.pk]), data, follow=True)


def refusal(award, **arguments):  # noqa: F811
    with pytest.raises(DecisionError) as error:
        award.correct(**{"name": CORRECTED, "reason": "Sai chính tả"} | arguments)
    return error.value


def unchanged(award):  # noqa: F811
    award.refresh_from_db()
    return not award.is_corrected and not award.decision.history.filter(note__startswith="Đính chính").exists()


@pytest.mark.django_db
def test_award_corrected_by_the_office_shows_the_new_name_in_the_register(client_of, office_user, award, correcting):  # noqa: F811
    response = correct(client_of(office_user), award, correcting)

    register = client_of(office_user).get(reverse("awards:register")).content.decode()
    assert "Đã ghi nhận đính chính khen thưởng của Nguyễn Thị Ngọc Hằng." in response.content.decode()
    assert CORRECTED in register
    assert "Nguyễn Thị Ngọc Hà<" not in register
    assert f"Đính chính theo Quyết định số {correcting.number_symbol}" in register


@pytest.mark.django_db
def test_register_search_without_diacritics_finds_the_corrected_name(client_of, office_user, award, correcting):  # noqa: F811
    award.correct(decision=correcting, name=CORRECTED, reason="Sai chính tả", by=office_user)

    page = client_of(office_user).get(reverse("awards:register"), {"q": "ngoc hang"}).content.decode()

    assert CORRECTED in page
    assert "Trần Văn Đức" not in page


@pytest.mark.django_db
def test_award_correction_leaves_the_person_record_and_the_decision_list_as_issued(office_user, award, correcting):  # noqa: F811
    award.correct(decision=correcting, name=CORRECTED, reason="Sai chính tả", by=office_user)

    award.person.refresh_from_db()
    assert award.person.full_name == "Nguyễn Thị Ngọc Hà"
    assert award.decision.awardees.filter(person__full_name="Nguyễn Thị Ngọc Hà").exists()


@pytest.mark.django_db
def test_award_correction_history_names_who_what_and_the_decision_in_both_decisions(office_user, award, correcting):  # noqa: F811
    award.correct(decision=correcting, name=CORRECTED, reason="Sai chính tả", by=office_user)

    for decision in (correcting, award.decision):
        entry = decision.history.last()
        assert entry.actor == office_user
        assert entry.note == (
            f"Đính chính khen thưởng số vào sổ {award.register_number} theo Quyết định số {correcting.number_symbol}: "
            "“Nguyễn Thị Ngọc Hà” thành “Nguyễn Thị Ngọc Hằng”. Lý do: Sai chính tả"
        )


@pytest.mark.django_db
def test_decision_page_history_heads_a_correction_with_what_it_did_not_with_signing(client_of, office_user, award, correcting):  # noqa: F811
    award.correct(decision=correcting, name=CORRECTED, reason="Sai chính tả", by=office_user)

    page = client_of(office_user).get(award.decision.get_absolute_url()).content.decode()

    history = page[page.index("Lịch sử"):]
    entries = re.findall(r'<li class="list-group-item">(.*?)</li>', history, re.S)
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", entries[-1])).strip().endswith(
        "Đính chính khen thưởng số vào sổ " + award.register_number + " theo Quyết định số "
        + correcting.number_symbol + ": “Nguyễn Thị Ngọc Hà” thành “Nguyễn Thị Ngọc Hằng”. Lý do: Sai chính tả"
    )
    assert "Ký số" not in entries[-1]


@pytest.mark.django_db
def test_award_corrected_twice_keeps_both_corrections_in_history(office_user, award, correcting):  # noqa: F811
    award.correct(decision=correcting, name="Nguyễn Thị Ngọc Hạ", reason="Lần một", by=office_user)
    award.correct(decision=correcting, name=CORRECTED, reason="Lần hai", by=office_user)

    award.refresh_from_db()
    notes = list(correcting.history.filter(note__startswith="Đính chính").values_list("note", flat=True))
    assert award.awardee_name == CORRECTED
    assert "“Nguyễn Thị Ngọc Hà” thành “Nguyễn Thị Ngọc Hạ”" in notes[0]
    assert "“Nguyễn Thị Ngọc Hạ” thành “Nguyễn Thị Ngọc Hằng”" in notes[1]


@pytest.mark.django_db
def test_award_correction_of_the_line_alone_keeps_the_name(office_user, award, correcting):  # noqa: F811
    award.correct(decision=correcting, name=award.awardee_name, detail="Giám đốc, Trung tâm", reason="Sai", by=office_user)

    award.refresh_from_db()
    assert (award.awardee_name, award.awardee_detail) == ("Nguyễn Thị Ngọc Hà", "Giám đốc, Trung tâm")
    assert "thành “Giám đốc, Trung tâm”" in correcting.history.last().note


@pytest.mark.django_db
def test_award_correction_of_the_name_alone_keeps_the_line_of_the_records(office_user, award, correcting):  # noqa: F811
    award.correct(decision=correcting, name=CORRECTED, detail="", reason="Sai", by=office_user)

    award.refresh_from_db()
    assert award.corrected_detail == ""
    assert award.awardee_detail == f"Phó Giám đốc, {award.person.organization.name}"


@pytest.mark.django_db
def test_award_correction_stores_the_typed_name_in_nfc_without_surrounding_spaces(office_user, award, correcting):  # noqa: F811
    award.correct(decision=correcting, name=f"  {unicodedata.normalize('NFD', CORRECTED)} ", reason="Sai", by=office_user)

    award.refresh_from_db()
    assert award.corrected_name == CORRECTED


@pytest.mark.django_db
def test_verification_page_of_a_corrected_award_shows_the_corrected_name_and_says_so(client, office_user, award, correcting):  # noqa: F811
    award.correct(decision=correcting, name=CORRECTED, reason="Sai chính tả", by=office_user)

    page = client.get(award.get_verification_url()).content.decode()

    assert CORRECTED in page
    assert "Nguyễn Thị Ngọc Hà<" not in page
    assert f"Đính chính theo Quyết định số {correcting.number_symbol} ngày {correcting.issue_date:%d/%m/%Y}." in page
    assert "Sai chính tả" not in page


@pytest.mark.django_db
def test_decision_page_lists_the_corrected_name_of_its_award(client_of, office_user, award, correcting):  # noqa: F811
    award.correct(decision=correcting, name=CORRECTED, reason="Sai chính tả", by=office_user)

    page = client_of(office_user).get(award.decision.get_absolute_url()).content.decode()

    assert CORRECTED in page
    assert f"Đính chính theo Quyết định số {correcting.number_symbol}" in page


@pytest.mark.django_db
def test_register_export_carries_the_corrected_name(client_of, office_user, award, correcting):  # noqa: F811
    award.correct(decision=correcting, name=CORRECTED, reason="Sai chính tả", by=office_user)

    response = client_of(office_user).get(reverse("awards:register_export"))

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert CORRECTED in names
    assert "Nguyễn Thị Ngọc Hà" not in names


@pytest.mark.django_db
def test_reprinted_certificate_shows_the_corrected_name_and_line(office_user, award, correcting):  # noqa: F811
    award.correct(
        decision=correcting, name=CORRECTED, detail="Giám đốc, Trung tâm Trợ giúp pháp lý", reason="Sai", by=office_user
    )

    pdf = render_certificates(certificate_contexts(award.decision, awards=Award.objects.filter(pk=award.pk)))

    text = page_text(read(pdf), 0)
    assert f"Bà {CORRECTED}" in text
    assert "Giám đốc, Trung tâm Trợ giúp pháp lý" in text
    assert "Ngọc Hà " not in text


@pytest.mark.django_db
def test_correction_reprints_the_certificates_for_blanks_and_leaves_the_signed_decision_as_it_was(
    client_of, office_user, award, correcting, settings, tmp_path, django_capture_on_commit_callbacks,  # noqa: F811
):
    settings.MEDIA_ROOT = tmp_path
    decision = award.decision
    save_pdf(decision.pdf, "quyet-dinh-da-ky.pdf", b"%PDF-1.7 the signed decision")

    with django_capture_on_commit_callbacks(execute=True):
        correct(client_of(office_user), award, correcting)

    decision.refresh_from_db()
    with decision.certificates_pdf.open("rb") as certificates:
        pages = read(certificates.read())
    assert any(page_text(pages, index).startswith(f"Bà {CORRECTED}") for index in range(len(pages.pages)))
    with decision.pdf.open("rb") as signed_pdf:
        assert signed_pdf.read() == b"%PDF-1.7 the signed decision"
    assert decision.documents_state == decision.DocumentsState.DONE


@pytest.mark.django_db
def test_award_correction_by_an_unsigned_decision_is_refused(office_user, award, correcting):  # noqa: F811
    type(correcting).objects.filter(pk=correcting.pk).update(status=type(correcting).Status.DRAFT)
    correcting.refresh_from_db()

    error = refusal(award, decision=correcting, by=office_user)

    assert (error.code, error.message) == (
        "wrong_decision", "Chỉ đính chính theo một quyết định đã ký của chính cơ quan đã khen thưởng."
    )
    assert unchanged(award)


@pytest.mark.django_db
def test_award_correction_by_another_bodys_decision_is_refused(office_user, award, correcting):  # noqa: F811
    type(correcting).objects.filter(pk=correcting.pk).update(issuing_organization=OrganizationFactory())
    correcting.refresh_from_db()

    error = refusal(award, decision=correcting, by=office_user)

    assert error.code == "wrong_decision"
    assert unchanged(award)


@pytest.mark.django_db
def test_award_correction_by_its_own_decision_or_an_earlier_one_is_refused(office_user, award, correcting):  # noqa: F811
    type(correcting).objects.filter(pk=correcting.pk).update(issue_date=award.decision.issue_date - datetime.timedelta(days=1))
    correcting.refresh_from_db()

    earlier = refusal(award, decision=correcting, by=office_user)
    own = refusal(award, decision=award.decision, by=office_user)

    assert (earlier.code, own.code) == ("decision_before_award", "decision_before_award")
    assert earlier.message == "Quyết định đính chính phải ban hành sau quyết định khen thưởng."
    assert unchanged(award)


@pytest.mark.django_db
def test_award_correction_without_a_reason_is_refused(office_user, award, correcting):  # noqa: F811
    error = refusal(award, decision=correcting, reason="  ", by=office_user)

    assert (error.code, error.message) == ("no_reason", "Hãy ghi lý do đính chính.")
    assert unchanged(award)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "code", "message"),
    [
        ("Nguyễn Thị Ngọc Hà", "unchanged", "Nội dung đính chính trùng với nội dung hiện có."),
        ("   ", "blank_name", "Hãy nhập họ và tên hoặc tên tập thể đã đính chính."),
    ],
)
def test_award_correction_to_the_same_or_a_blank_name_is_refused(office_user, award, correcting, name, code, message):  # noqa: F811
    error = refusal(award, decision=correcting, name=name, by=office_user)

    assert (error.code, error.message) == (code, message)
    assert unchanged(award)


@pytest.mark.django_db
def test_correction_of_a_revoked_award_is_refused(office_user, award, correcting):  # noqa: F811
    award.revoke(decision=correcting, reason="Kê khai không trung thực", by=office_user)

    error = refusal(award, decision=correcting, by=office_user)

    assert (error.code, error.message) == ("revoked", "Khen thưởng này đã bị thu hồi: không thể đính chính.")
    assert unchanged(award)


@pytest.mark.django_db
def test_award_correction_refused_keeps_what_was_typed_and_says_why(client_of, office_user, award, correcting):  # noqa: F811
    response = correct(client_of(office_user), award, correcting, name="Nguyễn Thị Ngọc Hà", reason="Gõ nhầm")

    form = response.context["form"]
    assert "Nội dung đính chính trùng với nội dung hiện có." in response.content.decode()
    assert (form["decision"].value(), form["reason"].value()) == (str(correcting.pk), "Gõ nhầm")
    assert unchanged(award)


@pytest.mark.django_db
def test_award_correction_without_a_reason_keeps_the_typed_name(client_of, office_user, award, correcting):  # noqa: F811
    response = correct(client_of(office_user), award, correcting, reason="")

    form = response.context["form"]
    assert form.has_error("reason", code="required")
    assert form["name"].value() == CORRECTED


@pytest.mark.django_db
@pytest.mark.parametrize("role", [User.Role.STAFF, User.Role.UNIT, User.Role.LEADER, User.Role.COUNCIL_MEMBER])
def test_award_correction_is_for_the_issuing_bodys_office_only(client_of, award, correcting, role):  # noqa: F811
    response = client_of(UserFactory(role=role)).post(
        reverse("awards:correct", args=[award.pk]),
        {"decision": correcting.pk, "name": CORRECTED, "reason": "Không được phép"},
    )

    assert response.status_code == 403
    assert unchanged(award)
