import datetime

import factory

from accounts.models import Organization, Person, User
from campaigns.models import AwardForm, Campaign, CampaignPeriod, Criterion, EligibleSubject, Task


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Trung tâm Trợ giúp pháp lý nhà nước số {n}")
    short_name = factory.Sequence(lambda n: f"TTTGPL{n}")
    kind = Organization.Kind.LEGAL_AID_CENTRE
    province = "Cần Thơ"


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

    number = factory.Sequence(lambda n: f"{n + 1}/KH-UBND")
    title = factory.Sequence(lambda n: f"Phát động phong trào thi đua về trợ giúp pháp lý số {n}")
    kind = Campaign.Kind.ANNUAL
    status = Campaign.Status.LAUNCHED
    issuing_organization = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.PEOPLES_COMMITTEE)
    issue_place = "Cần Thơ"
    issue_date = datetime.date(2025, 3, 28)
    starts_on = datetime.date(2025, 1, 1)
    ends_on = datetime.date(2025, 10, 31)
    nomination_deadline = datetime.date(2025, 10, 31)
    award_deadline = datetime.date(2025, 11, 30)


class AwardFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardForm

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Sequence(lambda n: f"Giấy khen của Giám đốc Sở Tư pháp {n}")
    kind = AwardForm.Kind.COMMENDATION
    granting_organization = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.JUSTICE_DEPARTMENT)
    signer_title = "Giám đốc Sở Tư pháp"


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
