import pytest
from django.core.exceptions import ValidationError

from notifications.models import MessageTemplate, fold, validate_placeholders
from tests.factories import MessageTemplateFactory


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Nguyễn Thị Hồng", "nguyen thi hong"), ("ĐỒNG THÁP", "dong thap"), ("Hạn nộp hồ sơ", "han nop ho so")],
)
def test_fold_removes_vietnamese_diacritics(text, folded):
    assert fold(text) == folded


def test_message_template_renders_placeholders_and_leaves_unknown_ones_visible():
    template = MessageTemplate(subject_template="Nhắc hạn: {campaign}", body_template="Hạn {deadline}, {days_left} ngày.")

    rendered = template.render({"campaign": "Kế hoạch 67/KH-UBND", "deadline": "31/10/2025"})

    assert rendered == ("Nhắc hạn: Kế hoạch 67/KH-UBND", "Hạn 31/10/2025, {days_left} ngày.")


def test_message_template_keeps_doubled_braces_as_literal_braces():
    template = MessageTemplate(subject_template="{{mẫu}} {campaign}", body_template="")

    assert template.render({"campaign": "67/KH-UBND"})[0] == "{mẫu} 67/KH-UBND"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Hạn {deadline", "unbalanced_braces"),
        ("Hạn }", "unbalanced_braces"),
        ("{campaign.title}", "bad_placeholder"),
        ("{days_left:d}", "bad_placeholder"),
        ("{}", "bad_placeholder"),
    ],
)
def test_message_template_with_a_placeholder_that_could_fail_is_refused(text, code):
    with pytest.raises(ValidationError) as error:
        validate_placeholders(text)

    assert error.value.code == code


@pytest.mark.django_db
def test_message_template_is_found_by_code_and_language():
    vietnamese = MessageTemplateFactory(code="nhac_han", language="vi")
    english = MessageTemplateFactory(code="nhac_han", language="en")

    assert MessageTemplate.objects.for_language("nhac_han", "en") == english
    assert MessageTemplate.objects.for_language("nhac_han", "vi") == vietnamese


@pytest.mark.django_db
def test_message_template_missing_code_raises_does_not_exist():
    with pytest.raises(MessageTemplate.DoesNotExist):
        MessageTemplate.objects.for_language("khong_co", "vi")


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["nomination_deadline", "report_due", "award_deadline", "appraisal_due"])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_seeded_message_templates_render_every_documented_placeholder(code, language):
    context = {
        "recipient": "Trung tâm TGPL", "campaign": "Kế hoạch 67/KH-UBND", "deadline": "31/10/2025", "days_left": 7,
        "report": "Báo cáo năm 2025", "nomination": "Hồ sơ số 12", "link": "http://127.0.0.1:8000/phong-trao/3/",
    }

    subject, body = MessageTemplate.objects.get(code=code, language=language).render(context)

    assert "{" not in subject + body


@pytest.mark.django_db
def test_message_template_made_again_keeps_the_row_another_process_made_meanwhile():
    MessageTemplate.objects.filter(code="nomination_deadline").delete()
    # What a second reminder finds when the first made the English row between its read and its write.
    english = MessageTemplateFactory(code="nomination_deadline", language="en", subject_template="Made meanwhile")

    found = MessageTemplate.objects.all()._create_default("nomination_deadline", "en")

    assert found[0] == english
    assert MessageTemplate.objects.filter(code="nomination_deadline").count() == 2
