import os
import urllib.parse

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import override_settings

from accounts.models import User
from config.celery import app as celery_app

from .clock import SUITE_NOW
from .factories import OfficeFactory, UserFactory
from .softhsm import softhsm_token  # noqa: F401  a PKCS#11 token for digital signatures


def pytest_configure(config):
    """Under pytest-xdist each worker (gw0, gw1, …) has its own test database, from pytest-django, and gets its own
    Redis database here: REDIS_URL's plus the worker's number. A test ends by emptying the cache, a FLUSHDB, which
    would empty the other worker's cache, job states and Celery queues with it."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker or not django_settings.REDIS_URL:
        return
    url = urllib.parse.urlsplit(django_settings.REDIS_URL)
    database = int(url.path.strip("/") or 0) + int(worker.removeprefix("gw"))
    if database > 15:
        raise pytest.UsageError(f"{worker} would use Redis database {database}, past Redis's 16: run fewer workers (-n)")
    worker_url = url._replace(path=f"/{database}").geturl()
    # Early enough: Celery and Django's caches read these settings on first use, during the tests.
    if django_settings.CELERY_RESULT_BACKEND == django_settings.REDIS_URL:
        django_settings.CELERY_RESULT_BACKEND = worker_url
    django_settings.REDIS_URL = django_settings.CELERY_BROKER_URL = worker_url
    django_settings.CACHES = {"default": django_settings.CACHES["default"] | {"LOCATION": worker_url}}
    os.environ["REDIS_URL"] = worker_url  # for the Celery workers and web nodes the tests start


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    """The files tests store go to a folder of this run (of this worker, under pytest-xdist), not the repository's
    media/: two workers would write the same names (their dossiers have the same ids) and delete each other's."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def suite_clock():
    """Every test runs on the suite's day, never the machine's; a test that needs another day travels there."""
    with time_machine.travel(SUITE_NOW, tick=True):
        yield


@pytest.fixture(autouse=True)
def eager_celery():
    """Tasks run inline, whatever REDIS_URL says; the one test that needs a real worker starts its own."""
    was = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = was


@pytest.fixture
def office(db):
    return OfficeFactory()


@pytest.fixture
def office_user(office):
    return UserFactory(username="sotuphap_test", role=User.Role.STAFF, organization=office)


@pytest.fixture
def unit_user(db):
    return UserFactory(username="trungtam_test", role=User.Role.UNIT)


@pytest.fixture
def other_unit_user(db):
    return UserFactory(username="donvikhac_test", role=User.Role.UNIT)


@pytest.fixture
def council_member(db):
    return UserFactory(username="hoidong_test", role=User.Role.COUNCIL_MEMBER)


@pytest.fixture
def leader(office):
    return UserFactory(username="lanhdao_test", role=User.Role.LEADER, organization=office)


@pytest.fixture
def administrator(db):
    return UserFactory(
        username="admin_test", role=User.Role.ADMINISTRATOR, is_staff=True, is_superuser=True, organization=None
    )


@pytest.fixture
def client_of(client):
    """A test client logged in as the given user."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts on the same frozen day: a rate limit counted by an earlier test would never expire."""
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def can_tho_campaign(db):
    """The real plan 67/KH-UBND of Cần Thơ (seed 000), loaded from the repository's data files."""
    from campaigns.seed import SEED_DIR, load_campaign, load_organizations

    load_organizations(SEED_DIR / "organizations.yaml")
    campaign, _ = load_campaign(SEED_DIR / "campaigns" / "000_can_tho_67_kh_ubnd.yaml")
    return campaign


@pytest.fixture(scope="session")
def s3_server():
    """A local S3 server for the session, on a free port, stopped at the end."""
    from .s3 import LocalS3

    server = LocalS3()
    server.start()
    yield server
    server.stop()


def use_object_store(settings, *, endpoint, bucket, access_key, secret_key, client_config=None):
    settings.AWS_S3_ENDPOINT_URL = endpoint
    settings.AWS_STORAGE_BUCKET_NAME = bucket
    settings.AWS_ACCESS_KEY_ID, settings.AWS_SECRET_ACCESS_KEY = access_key, secret_key
    if client_config is not None:
        settings.AWS_S3_CLIENT_CONFIG = client_config
    settings.STORAGES = settings.STORAGES | {"default": {"BACKEND": "storages.backends.s3.S3Storage"}}


@pytest.fixture
def s3_bucket(s3_server, settings, tmp_path):
    """The portal's files in a fresh bucket of the local S3 server; MEDIA_ROOT an empty folder that must stay so."""
    from .s3 import ACCESS_KEY, SECRET_KEY

    settings.MEDIA_ROOT = tmp_path
    bucket = s3_server.new_bucket()
    use_object_store(settings, endpoint=s3_server.endpoint, bucket=bucket, access_key=ACCESS_KEY, secret_key=SECRET_KEY)
    return bucket


@pytest.fixture
def unreachable_store(settings):
    """An object store that does not answer: nothing listens on its port."""
    from botocore.config import Config

    from .s3 import free_port

    use_object_store(
        settings, endpoint=f"http://127.0.0.1:{free_port()}", bucket="thidua-gone", access_key="x", secret_key="y",
        client_config=Config(signature_version="s3v4", retries={"max_attempts": 1}, connect_timeout=1),
    )


@pytest.fixture
def token_module(settings, softhsm_token):  # noqa: F811  the fixture imported above
    """The SoftHSM2 token, configured as the portal's PKCS#11 library."""
    settings.PKCS11_MODULE = softhsm_token["module"]
    return softhsm_token
