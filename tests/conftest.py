import pytest
import time_machine

from accounts.models import User
from config.celery import app as celery_app

from .clock import SUITE_NOW
from .factories import OfficeFactory, UserFactory


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
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def can_tho_campaign(db):
    """The real plan 67/KH-UBND of Cần Thơ (seed 000), loaded from the repository's data files."""
    from campaigns.seed import SEED_DIR, load_campaign, load_organizations

    load_organizations(SEED_DIR / "organizations.yaml")
    campaign, _ = load_campaign(SEED_DIR / "campaigns" / "000_can_tho_67_kh_ubnd.yaml")
    return campaign
