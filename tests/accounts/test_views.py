import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Organization, User
from councils.models import CouncilMember
from tests.factories import CouncilFactory, OrganizationFactory, UserFactory


def invite_data(organization, **changes):
    data = {"full_name": "Trần Thị Mai", "username": "tran.mai", "email": "mai@tgpl.cantho.gov.vn", "organization": organization.pk}
    return data | changes


@pytest.mark.django_db
def test_account_invited_by_the_office_sets_its_password_from_the_mailed_link(client_of, office_user, client):
    unit = OrganizationFactory()

    client_of(office_user).post(reverse("accounts:account_invite"), invite_data(unit))
    client.logout()
    link = next(line for line in mail.outbox[0].body.splitlines() if "/dat-mat-khau/" in line)
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": "Mật-khẩu-mới-2025", "new_password2": "Mật-khẩu-mới-2025"})

    account = User.objects.get(username="tran.mai")
    assert (account.role, account.organization, account.check_password("Mật-khẩu-mới-2025")) == (User.Role.UNIT, unit, True)


@pytest.mark.django_db
def test_account_invite_with_an_existing_email_is_refused_keeping_what_was_typed(client_of, office_user):
    UserFactory(email="mai@tgpl.cantho.gov.vn")

    response = client_of(office_user).post(reverse("accounts:account_invite"), invite_data(OrganizationFactory()))

    assert response.context["form"].has_error("email", code="email_taken")
    assert "Địa chỉ e-mail này đã có tài khoản" in response.content.decode()
    assert 'value="Trần Thị Mai"' in response.content.decode()
    assert mail.outbox == []


@pytest.mark.django_db
def test_account_invite_for_a_unit_of_another_province_is_refused(client_of, office_user):
    an_giang = OrganizationFactory(name="Trung tâm Trợ giúp pháp lý tỉnh An Giang", province="An Giang")
    client = client_of(office_user)

    offered = client.get(reverse("accounts:account_invite")).content.decode()
    response = client.post(reverse("accounts:account_invite"), invite_data(an_giang))

    assert "tỉnh An Giang" not in offered
    assert "Đơn vị này không thuộc phạm vi quản lý của cơ quan bạn." in response.content.decode()
    assert not User.objects.filter(username="tran.mai").exists()


@pytest.mark.django_db
def test_account_deactivated_by_the_office_cannot_log_in(client_of, office_user, unit_user, client):
    client_of(office_user).post(reverse("accounts:account_deactivate", args=[unit_user.pk]))
    client.logout()

    response = client.post(reverse("login"), {"username": unit_user.username, "password": "demo"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_account_of_another_province_cannot_be_deactivated(client_of, office_user):
    account = UserFactory(organization=OrganizationFactory(province="An Giang"))

    response = client_of(office_user).post(reverse("accounts:account_deactivate", args=[account.pk]))

    account.refresh_from_db()
    assert (response.status_code, account.is_active) == (403, True)


@pytest.mark.django_db
def test_organization_added_by_the_office_under_its_parent(client_of, office_user, office):
    data = {"name": "Phòng Tư pháp quận Ninh Kiều", "short_name": "PTP Ninh Kiều", "kind": "district_justice",
            "parent": office.pk, "province": "Cần Thơ"}

    client_of(office_user).post(reverse("accounts:organization_create"), data)

    assert Organization.objects.get(name="Phòng Tư pháp quận Ninh Kiều").parent == office


@pytest.mark.django_db
def test_organization_in_another_province_is_refused(client_of, office_user):
    data = {"name": "Phòng Tư pháp huyện Châu Thành", "kind": "district_justice", "province": "An Giang"}

    response = client_of(office_user).post(reverse("accounts:organization_create"), data)

    assert response.context["form"].has_error("province", code="outside_province")


@pytest.mark.django_db
def test_council_seat_for_a_locked_account_is_refused_by_name(client_of, office_user):
    council = CouncilFactory()
    locked = UserFactory(full_name="Lê Văn Khóa", role=User.Role.COUNCIL_MEMBER, is_active=False)

    response = client_of(office_user).post(
        reverse("councils:member_add", args=[council.pk]),
        {"member-user": locked.pk, "member-role": CouncilMember.Role.MEMBER, "member-is_voting": "on"},
    )

    assert "Tài khoản của Lê Văn Khóa đã bị khóa" in response.content.decode()
    assert not council.members.exists()
