"""Signing in: throttled by django-axes on the portal and the admin, and a password reset by e-mail."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

WRONG = "sai-mat-khau"


def fail_logins(client, url, username, times):
    for _ in range(times):
        client.post(url, {"username": username, "password": WRONG})


@pytest.mark.django_db
def test_the_right_password_after_five_failures_is_refused_with_when_to_retry(client, unit_user):
    fail_logins(client, reverse("login"), unit_user.username, 5)

    response = client.post(reverse("login"), {"username": unit_user.username, "password": "demo"})

    assert response.status_code == 429
    page = response.content.decode()
    assert "Tài khoản đã nhập sai mật khẩu 5 lần nên bị tạm khóa trên máy này trong 15 phút. Hãy thử lại sau 09:15." in page
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_four_failures_then_the_right_password_signs_in_and_clears_the_count(client, unit_user):
    fail_logins(client, reverse("login"), unit_user.username, 4)

    response = client.post(reverse("login"), {"username": unit_user.username, "password": "demo"})
    client.post(reverse("logout"))
    fail_logins(client, reverse("login"), unit_user.username, 4)
    again = client.post(reverse("login"), {"username": unit_user.username, "password": "demo"})

    assert (response.status_code, again.status_code) == (302, 302)


@pytest.mark.django_db
def test_a_locked_name_signs_in_again_after_the_cool_off(client, unit_user):
    fail_logins(client, reverse("login"), unit_user.username, 5)

    with time_machine.travel(datetime.timedelta(minutes=16)):
        response = client.post(reverse("login"), {"username": unit_user.username, "password": "demo"})

    assert response.status_code == 302


@pytest.mark.django_db
def test_a_locked_name_does_not_lock_out_a_colleague_at_the_same_address(client, unit_user, other_unit_user):
    fail_logins(client, reverse("login"), unit_user.username, 5)

    response = client.post(reverse("login"), {"username": other_unit_user.username, "password": "demo"})

    assert response.status_code == 302


@pytest.mark.django_db
def test_the_admin_login_is_throttled_too(client, administrator):
    fail_logins(client, reverse("admin:login"), administrator.username, 5)

    response = client.post(reverse("admin:login"), {"username": administrator.username, "password": "demo"})

    assert response.status_code == 429
    assert "Hãy thử lại sau 09:15." in response.content.decode()


@pytest.mark.django_db
def test_login_page_offers_the_password_reset(client):
    page = client.get(reverse("login")).content.decode()

    assert f'href="{reverse("password_reset")}"' in page and "Quên mật khẩu?" in page


def reset_link(email):
    return re.search(r"https?://[^/]+(/dat-lai-mat-khau/\S+/)", email.body).group(1)


@pytest.mark.django_db
def test_password_reset_mails_a_vietnamese_link_that_sets_a_new_password(client):
    user = UserFactory(username="trungtam_reset", email="trungtam@example.gov.vn")

    response = client.post(reverse("password_reset"), {"email": "trungtam@example.gov.vn"})
    email = mail.outbox[0]
    form_page = client.get(reset_link(email), follow=True)
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": "Tu-phap-2026!", "new_password2": "Tu-phap-2026!"})
    login = client.post(reverse("login"), {"username": "trungtam_reset", "password": "Tu-phap-2026!"})

    assert response.url == reverse("password_reset_done")
    assert (email.to, email.subject) == (["trungtam@example.gov.vn"], "Đặt lại mật khẩu Cổng Thi đua – Khen thưởng")
    assert "Tên đăng nhập: trungtam_reset" in email.body
    assert done.url == reverse("password_reset_complete")
    assert login.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Tu-phap-2026!")


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "khong-co@example.gov.vn"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("password_reset_done")
    assert "Nếu địa chỉ đó thuộc một tài khoản của cổng" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_reset_with_two_different_new_passwords_is_refused(client):
    UserFactory(email="trungtam@example.gov.vn")
    client.post(reverse("password_reset"), {"email": "trungtam@example.gov.vn"})
    form_url = client.get(reset_link(mail.outbox[0]), follow=True).redirect_chain[-1][0]

    response = client.post(form_url, {"new_password1": "Tu-phap-2026!", "new_password2": "Tu-phap-2027!"})

    assert response.status_code == 200
    assert response.context["form"].has_error("new_password2", code="password_mismatch")


@pytest.mark.django_db
def test_a_used_password_reset_link_no_longer_works(client):
    UserFactory(email="trungtam@example.gov.vn")
    client.post(reverse("password_reset"), {"email": "trungtam@example.gov.vn"})
    link = reset_link(mail.outbox[0])
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "Tu-phap-2026!", "new_password2": "Tu-phap-2026!"})

    response = client.get(link, follow=True)

    assert "Đường dẫn đặt lại mật khẩu không còn hiệu lực" in response.content.decode()
