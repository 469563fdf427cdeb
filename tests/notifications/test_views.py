import pytest
import rules
from django.urls import reverse
from rules.permissions import permissions

from notifications.models import MessageTemplate, Notification
from tests.factories import MessageTemplateFactory, NotificationFactory

EDIT_TEMPLATES = "notifications.change_messagetemplate"


@pytest.fixture
def template_editor(office_user):
    """Office staff may edit message templates, as the higher app's rule says; the rule is restored after."""
    previous = permissions.get(EDIT_TEMPLATES)
    rules.set_perm(EDIT_TEMPLATES, rules.predicate(lambda user: user.pk == office_user.pk))
    yield office_user
    if previous is None:
        rules.remove_perm(EDIT_TEMPLATES)
    else:
        rules.set_perm(EDIT_TEMPLATES, previous)


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
def test_notification_list_query_count_does_not_grow_with_rows(client_of, unit_user, django_assert_num_queries, rows):
    NotificationFactory.create_batch(rows, recipient=unit_user)
    client = client_of(unit_user)

    with django_assert_num_queries(9):
        response = client.get(reverse("notifications:list"))

    assert len(response.context["page"]) == rows


@pytest.mark.django_db
def test_notification_list_shows_only_the_users_own_notifications(client_of, unit_user, other_unit_user):
    mine = NotificationFactory(recipient=unit_user)
    NotificationFactory(recipient=other_unit_user)

    response = client_of(unit_user).get(reverse("notifications:list"))

    assert list(response.context["page"]) == [mine]


@pytest.mark.django_db
def test_notification_list_search_ignores_diacritics(client_of, unit_user):
    NotificationFactory(recipient=unit_user, subject="Nhắc hạn nộp hồ sơ đề nghị khen thưởng", body="")
    NotificationFactory(recipient=unit_user, subject="Hội đồng họp xét khen thưởng", body="")

    response = client_of(unit_user).get(reverse("notifications:list"), {"q": "han nop ho so"})

    assert [n.subject for n in response.context["page"]] == ["Nhắc hạn nộp hồ sơ đề nghị khen thưởng"]


@pytest.mark.django_db
def test_notification_list_filters_unread(client_of, unit_user):
    unread = NotificationFactory(recipient=unit_user)
    NotificationFactory(recipient=unit_user).mark_read()

    response = client_of(unit_user).get(reverse("notifications:list"), {"unread": "1"})

    assert list(response.context["page"]) == [unread]


@pytest.mark.django_db
def test_notification_list_paginates_twenty_to_a_page(client_of, unit_user):
    NotificationFactory.create_batch(21, recipient=unit_user)

    response = client_of(unit_user).get(reverse("notifications:list"))

    assert len(response.context["page"]) == 20
    assert "page=2" in response.content.decode()


@pytest.mark.django_db
def test_notification_list_htmx_request_renders_only_the_rows(client_of, unit_user):
    response = client_of(unit_user).get(reverse("notifications:list"), HTTP_HX_REQUEST="true")

    assert [t.name for t in response.templates][0] == "notifications/_notification_rows.html"


def test_notification_list_requires_login(client):
    response = client.get(reverse("notifications:list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_opening_a_notification_marks_it_read_and_follows_its_link(client_of, unit_user):
    notification = NotificationFactory(recipient=unit_user, link="/phong-trao/3/")

    response = client_of(unit_user).get(notification.get_absolute_url())

    assert response.status_code == 302
    assert response.url == "/phong-trao/3/"
    notification.refresh_from_db()
    assert notification.is_read


@pytest.mark.django_db
def test_opening_a_notification_never_leads_off_the_portal(client_of, unit_user):
    notification = NotificationFactory(recipient=unit_user, link="//example.com/lua-dao")

    response = client_of(unit_user).get(notification.get_absolute_url())

    assert response.url == reverse("notifications:list")


@pytest.mark.django_db
def test_opening_another_users_notification_is_refused(client_of, unit_user, other_unit_user):
    notification = NotificationFactory(recipient=other_unit_user)

    response = client_of(unit_user).get(notification.get_absolute_url())

    assert response.status_code == 403
    notification.refresh_from_db()
    assert not notification.is_read


@pytest.mark.django_db
def test_mark_read_marks_the_notification_read(client_of, unit_user):
    notification = NotificationFactory(recipient=unit_user)

    response = client_of(unit_user).post(reverse("notifications:mark_read", args=[notification.pk]))

    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.is_read


@pytest.mark.django_db
def test_mark_read_of_another_users_notification_is_refused(client_of, unit_user, other_unit_user):
    notification = NotificationFactory(recipient=other_unit_user)

    response = client_of(unit_user).post(reverse("notifications:mark_read", args=[notification.pk]))

    assert response.status_code == 403
    notification.refresh_from_db()
    assert not notification.is_read


@pytest.mark.django_db
def test_mark_read_by_get_is_refused(client_of, unit_user):
    notification = NotificationFactory(recipient=unit_user)

    response = client_of(unit_user).get(reverse("notifications:mark_read", args=[notification.pk]))

    assert response.status_code == 405


@pytest.mark.django_db
def test_mark_all_read_marks_only_the_users_own(client_of, unit_user, other_unit_user):
    NotificationFactory.create_batch(3, recipient=unit_user)
    others = NotificationFactory(recipient=other_unit_user)

    client_of(unit_user).post(reverse("notifications:mark_all_read"))

    assert Notification.objects.filter(recipient=unit_user).unread().count() == 0
    others.refresh_from_db()
    assert not others.is_read


@pytest.mark.django_db
def test_header_badge_shows_the_unread_count_linking_to_the_list(client_of, unit_user, other_unit_user):
    NotificationFactory.create_batch(3, recipient=unit_user)
    NotificationFactory(recipient=unit_user).mark_read()
    NotificationFactory(recipient=other_unit_user)

    page = client_of(unit_user).get(reverse("home")).content.decode()

    badge = page[page.index('id="notification-badge"'):]
    assert f'href="{reverse("notifications:list")}"' in page[:page.index('id="notification-badge"') + 30]
    assert '<span class="badge rounded-pill text-bg-light">3<' in badge


@pytest.mark.django_db
def test_header_badge_without_unread_notifications_shows_no_count(client_of, unit_user):
    page = client_of(unit_user).get(reverse("notifications:list")).content.decode()

    assert 'id="notification-badge"' in page
    assert "badge rounded-pill" not in page


@pytest.mark.django_db
def test_template_list_is_refused_to_a_unit(client_of, unit_user):
    response = client_of(unit_user).get(reverse("notifications:template_list"))

    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
def test_template_list_query_count_does_not_grow_with_rows(client_of, template_editor, django_assert_num_queries, rows):
    MessageTemplate.objects.all().delete()
    MessageTemplateFactory.create_batch(rows)
    client = client_of(template_editor)

    with django_assert_num_queries(8):
        response = client.get(reverse("notifications:template_list"))

    assert len(response.context["page"]) == rows


@pytest.mark.django_db
def test_template_list_search_ignores_diacritics(client_of, template_editor):
    wanted = MessageTemplateFactory(subject_template="Nhắc hạn nộp hồ sơ: {campaign}")
    MessageTemplateFactory(subject_template="Thư mời họp Hội đồng")

    response = client_of(template_editor).get(reverse("notifications:template_list"), {"q": "han nop"})

    assert wanted in response.context["page"]
    assert all("han nop" in template.search_text for template in response.context["page"])


@pytest.mark.django_db
def test_template_edit_saves_the_new_wording(client_of, template_editor):
    template = MessageTemplateFactory()
    data = {"subject_template": "Sắp hết hạn: {campaign}", "body_template": "Còn {days_left} ngày.", "description": ""}

    response = client_of(template_editor).post(reverse("notifications:template_edit", args=[template.pk]), data)

    assert response.status_code == 302
    template.refresh_from_db()
    assert template.subject_template == "Sắp hết hạn: {campaign}"


@pytest.mark.django_db
def test_template_edit_with_a_broken_placeholder_is_refused(client_of, template_editor):
    template = MessageTemplateFactory()
    data = {"subject_template": "Sắp hết hạn: {campaign", "body_template": "Còn {days_left} ngày.", "description": ""}

    response = client_of(template_editor).post(reverse("notifications:template_edit", args=[template.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].has_error("subject_template", code="unbalanced_braces")


@pytest.mark.django_db
def test_template_edit_is_refused_to_a_unit(client_of, unit_user):
    template = MessageTemplateFactory()

    response = client_of(unit_user).post(reverse("notifications:template_edit", args=[template.pk]), {})

    assert response.status_code == 403


@pytest.mark.django_db
def test_template_edit_opens_for_the_administrator(client_of, administrator):
    template = MessageTemplateFactory()

    response = client_of(administrator).get(reverse("notifications:template_edit", args=[template.pk]))

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["notification", "message", "reminderlog", "messagetemplate"])
def test_admin_lists_every_notifications_model(client_of, administrator, model):
    response = client_of(administrator).get(f"/admin/notifications/{model}/")

    assert response.status_code == 200


@pytest.mark.django_db
def test_admin_cannot_add_to_the_reminder_log(client_of, administrator):
    response = client_of(administrator).get("/admin/notifications/reminderlog/add/")

    assert response.status_code == 403
