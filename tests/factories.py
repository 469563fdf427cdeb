import datetime

import factory

from accounts.models import Organization, Person, User
from campaigns.models import (
    AwardForm,
    Campaign,
    CampaignPeriod,
    Criterion,
    EligibleSubject,
    Extension,
    QuotaRule,
    Report,
    Task,
)
from notifications.models import Message, MessageTemplate, Notification


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Trung tâm Trợ giúp pháp lý nhà nước số {n}")
    short_name = factory.Sequence(lambda n: f"TTTGPL{n}")
    kind = Organization.Kind.LEGAL_AID_CENTRE
    province = "Cần Thơ"


class CommitteeFactory(OrganizationFactory):
    """The city People's Committee of Cần Thơ: the body that issues the tests' plans, one row however often asked."""

    name = "Ủy ban nhân dân thành phố Cần Thơ"
    short_name = "UBND TP Cần Thơ"
    document_code = "UBND"
    kind = Organization.Kind.PEOPLES_COMMITTEE


class OfficeFactory(OrganizationFactory):
    """The Sở Tư pháp of Cần Thơ, under the committee: the office of the tests' plans, councils and decisions."""

    name = "Sở Tư pháp thành phố Cần Thơ"
    short_name = "STP Cần Thơ"
    document_code = "STP"
    kind = Organization.Kind.JUSTICE_DEPARTMENT
    parent = factory.SubFactory(CommitteeFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Thị Hồng {n}")
    gender = Person.Gender.FEMALE
    position = "Trợ giúp viên pháp lý"
    title = "Trợ giúp viên pháp lý"
    organization = factory.SubFactory(OrganizationFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Trần Văn Bình {n}")
    role = User.Role.UNIT
    organization = factory.SubFactory(OrganizationFactory)
    password = factory.django.Password("demo")


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    # From 1001 up: the committee is one row, and a number equal to a test's own plan (67/KH-UBND) would break the
    # unique (body, number) whenever the sequence got there, at a point that moves with the order the tests run in.
    number = factory.Sequence(lambda n: f"{n + 1001}/KH-UBND")
    title = factory.Sequence(lambda n: f"Phát động phong trào thi đua về trợ giúp pháp lý số {n}")
    kind = Campaign.Kind.ANNUAL
    status = Campaign.Status.LAUNCHED
    issuing_organization = factory.SubFactory(CommitteeFactory)
    issue_place = "Cần Thơ"
    issue_date = datetime.date(2025, 3, 28)
    starts_on = datetime.date(2025, 1, 1)
    ends_on = datetime.date(2025, 10, 31)
    nomination_deadline = datetime.date(2025, 10, 31)
    award_deadline = datetime.date(2025, 11, 30)


class AwardFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardForm
        skip_postgeneration_save = True

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Sequence(lambda n: f"Giấy khen của Giám đốc Sở Tư pháp {n}")
    kind = AwardForm.Kind.COMMENDATION
    granting_organization = factory.SubFactory(OfficeFactory)
    signer_title = "Giám đốc Sở Tư pháp"

    # `individual_cap=1` / `collective_cap=1`: a cap of that many for all units together, over the plan.
    @factory.post_generation
    def individual_cap(award_form, create, extracted, **kwargs):
        if create and extracted is not None:
            QuotaRuleFactory(award_form=award_form, per="all", counts="individuals", amount=extracted)

    @factory.post_generation
    def collective_cap(award_form, create, extracted, **kwargs):
        if create and extracted is not None:
            QuotaRuleFactory(award_form=award_form, per="all", counts="collectives", amount=extracted)


class QuotaRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuotaRule

    award_form = factory.SubFactory(AwardFormFactory)
    campaign = factory.SelfAttribute("award_form.campaign")
    per = QuotaRule.Per.UNIT
    counts = QuotaRule.Counts.INDIVIDUALS
    amount = 1


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    campaign = factory.SubFactory(CampaignFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    text = "Triển khai thực hiện có hiệu quả Luật Trợ giúp pháp lý năm 2017."


class EligibleSubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EligibleSubject

    campaign = factory.SubFactory(CampaignFactory)
    kind = EligibleSubject.Kind.INDIVIDUAL
    description = "Người thực hiện trợ giúp pháp lý"


class CampaignPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignPeriod

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Sequence(lambda n: f"Năm {2023 + n}")
    starts_on = datetime.date(2023, 1, 1)
    ends_on = datetime.date(2023, 12, 31)


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    campaign = factory.SubFactory(CampaignFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    title = "Tuyên truyền, phổ biến pháp luật về trợ giúp pháp lý"
    is_ongoing = True


class NominationFactory(factory.django.DjangoModelFactory):
    """A draft dossier for a person of the submitting unit, in a launched campaign open to individuals."""

    class Meta:
        model = "nominations.Nomination"
        skip_postgeneration_save = True

    campaign = factory.SubFactory(CampaignFactory, nomination_deadline=datetime.date(2099, 12, 31), award_deadline=datetime.date(2099, 12, 31))
    award_form = factory.SubFactory(AwardFormFactory, campaign=factory.SelfAttribute("..campaign"))
    submitting_unit = factory.SubFactory(OrganizationFactory)
    nominee_person = factory.SubFactory(PersonFactory, organization=factory.SelfAttribute("..submitting_unit"))
    achievement_report = "Năm 2025 đã tham gia tố tụng 45 vụ việc, đạt mức chỉ tiêu từ khá trở lên."

    @factory.post_generation
    def eligible(nomination, create, extracted, **kwargs):
        if create and not nomination.campaign.subjects.exists():
            EligibleSubjectFactory(campaign=nomination.campaign, kind="individual")
            EligibleSubjectFactory(campaign=nomination.campaign, kind="collective")


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    campaign = factory.SubFactory(CampaignFactory)
    kind = Report.Kind.YEARLY
    title = factory.Sequence(lambda n: f"Báo cáo kết quả thi đua năm 2024 số {n}")
    organization = factory.SubFactory(OrganizationFactory)
    due_date = datetime.date(2025, 12, 15)


class ExtensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Extension

    campaign = factory.SubFactory(CampaignFactory)
    organization = factory.SubFactory(OrganizationFactory)
    deadline = datetime.date(2025, 11, 15)
    reason = "Đơn vị đang hoàn thiện hồ sơ"


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "councils.Council"

    name = factory.Sequence(lambda n: f"Hội đồng phối hợp liên ngành về trợ giúp pháp lý số {n}")
    organization = factory.SubFactory(OfficeFactory)


class CouncilMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "councils.CouncilMember"

    council = factory.SubFactory(CouncilFactory)
    user = factory.SubFactory(UserFactory, role=User.Role.COUNCIL_MEMBER)
    role = "member"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "councils.Meeting"

    council = factory.SubFactory(CouncilFactory)
    campaign = factory.SubFactory(
        CampaignFactory, nomination_deadline=datetime.date(2099, 12, 31), award_deadline=datetime.date(2099, 12, 31)
    )
    title = "Họp xét khen thưởng phong trào thi đua năm 2025"
    starts_at = factory.LazyFunction(lambda: datetime.datetime(2025, 11, 20, 8, 0, tzinfo=datetime.UTC))
    place = "Phòng họp Sở Tư pháp"


def approved_nomination(**kwargs):
    """A dossier through submission, appraisal, review and approval."""
    nomination = NominationFactory(**kwargs)
    nomination.submit(by=None)
    nomination.appraise(by=None, checklist={"Đủ điều kiện": True})
    nomination.accept_for_review(by=None)
    nomination.approve(by=None)
    return nomination


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    subject = factory.Sequence(lambda n: f"Nhắc hạn nộp hồ sơ đề nghị khen thưởng số {n}")
    body = "Hạn nộp hồ sơ là ngày 31/10/2025, còn 7 ngày."
    link = "/phong-trao/1/"


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    recipient = factory.SubFactory(UserFactory, email=factory.Sequence(lambda n: f"donvi{n}@example.gov.vn"))
    address = factory.SelfAttribute("recipient.email")
    subject = "Nhắc hạn nộp hồ sơ đề nghị khen thưởng"
    body = "Hạn nộp hồ sơ là ngày 31/10/2025, còn 7 ngày."
    link = "/phong-trao/1/"


class MessageTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MessageTemplate

    code = factory.Sequence(lambda n: f"test_reminder_{n}")
    language = "vi"
    subject_template = "Nhắc hạn: {campaign}"
    body_template = "Kính gửi {recipient},\n\nHạn nộp hồ sơ theo {campaign} là ngày {deadline}, còn {days_left} ngày."
