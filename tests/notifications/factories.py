import factory

from notifications.models import Message, MessageTemplate, Notification
from tests.factories import UserFactory


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
