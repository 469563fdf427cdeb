"""The settings as production reads them: each case runs Django in its own process, with its own environment."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management.utils import get_random_secret_key

ENV_EXAMPLE = Path(settings.BASE_DIR) / ".env.example"


def example_environment():
    """The variables of .env.example, as a deployment would set them."""
    pairs = (line.split("=", 1) for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#"))
    return dict(pairs)


def run_django(arguments, **variables):
    """Run manage.py (or python -c) with only these portal variables set; the machine's (and pytest's) are left out."""
    environment = {name: value for name, value in os.environ.items()
                   if name not in example_environment() and not name.startswith("DJANGO_")}
    environment |= {"DJANGO_SETTINGS_MODULE": "config.settings", **variables}
    return subprocess.run([sys.executable, *arguments], cwd=settings.BASE_DIR, env=environment,
                          capture_output=True, text=True, timeout=60)


def test_debug_is_off_when_the_environment_does_not_turn_it_on():
    result = run_django(["-c", "from django.conf import settings; print(settings.DEBUG)"])

    assert result.stdout.strip() == "False", result.stderr


def test_the_deploy_check_refuses_debug_off_with_the_default_secret_key():
    result = run_django(["manage.py", "check", "--deploy"], DEBUG="false")

    assert result.returncode == 1
    assert "(config.E001) DEBUG is false and SECRET_KEY is the development default" in result.stderr


def test_commands_other_than_the_deploy_check_run_without_a_key():
    result = run_django(["manage.py", "makemigrations", "--check", "--dry-run"], DEBUG="false")

    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_a_key_starting_with_a_dollar_sign_is_used_as_written():
    key = "$" + get_random_secret_key()[1:]

    result = run_django(["-c", "from django.conf import settings; print(settings.SECRET_KEY)"], SECRET_KEY=key)

    assert result.stdout.strip() == key, result.stderr


def test_gunicorn_cannot_load_the_portal_with_debug_off_and_the_default_secret_key():
    result = run_django(["-c", "import config.wsgi"], DEBUG="false")

    assert result.returncode == 1
    assert "ImproperlyConfigured: DEBUG is false and SECRET_KEY is the development default" in result.stderr


def test_the_placeholder_key_of_env_example_is_refused_too():
    result = run_django(["manage.py", "check", "--deploy"], **example_environment())

    assert result.returncode == 1
    assert "config.E001" in result.stderr


def test_check_deploy_gives_no_warning_with_the_production_example_and_a_key_of_its_own():
    environment = example_environment() | {"SECRET_KEY": "$" + get_random_secret_key()[1:]}

    result = run_django(["manage.py", "check", "--deploy"], **environment)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("System check identified no issues (0 silenced)."), result.stderr


def test_the_production_example_sets_secure_cookies_hsts_and_the_proxy_header():
    code = ("from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
            "s.CSRF_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, "
            "s.SESSION_COOKIE_AGE)")

    result = run_django(["-c", code], **example_environment())

    assert result.stdout.strip() == "True True True 31536000 True ('HTTP_X_FORWARDED_PROTO', 'https') 28800"


@pytest.mark.django_db
def test_every_page_carries_a_content_security_policy_without_inline_code(client):
    response = client.get("/dang-nhap/")

    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"


@pytest.mark.django_db
def test_a_mistyped_address_gets_the_vietnamese_not_found_page_not_the_url_list(client):
    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    assert "dang-nhap/" not in response.content.decode()


def test_no_template_has_inline_script_style_or_event_handler():
    """The Content-Security-Policy allows neither; a page that used one would break silently in the browser."""
    pattern = re.compile(r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=|javascript:", re.I)
    offenders = [
        str(path.relative_to(settings.BASE_DIR)) for path in Path(settings.BASE_DIR).glob("*/templates/**/*.html")
        if "documents/templates" not in str(path) and pattern.search(path.read_text(encoding="utf-8"))
    ] + [str(path) for path in (Path(settings.BASE_DIR) / "templates").glob("**/*.html")
         if pattern.search(path.read_text(encoding="utf-8"))]

    assert offenders == []


def test_a_task_is_stopped_before_redis_would_hand_it_to_a_second_worker():
    """Past the visibility timeout Redis redelivers a task still running: the time limits must stop it first."""
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    assert settings.CELERY_TASK_TIME_LIMIT < settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
