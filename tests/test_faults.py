"""Faults an operator meets: Redis stopped, PostgreSQL restarted. The portal keeps serving and catches up."""

import contextlib
import datetime

import psycopg2
import pytest
import time_machine
from django.core import mail
from django.core.signals import request_started
from django.db import OperationalError, connection
from django.db.utils import InterfaceError
from django.urls import reverse

from accounts.models import Organization
from awards.services import draft_decision
from config.celery import app
from nominations.models import Nomination
from notifications.models import Message
from notifications.tasks import deliver_pending
from tests.factories import AwardFormFactory, NominationFactory, approved_nomination

CLOSED_PORT = "redis://127.0.0.1:9/0"  # nothing listens there: what a stopped Redis looks like to a client


@contextlib.contextmanager
def redis_down():
    """Celery publishes to a Redis that is not there, as in production when Redis is stopped."""
    saved = app.conf.broker_url, app.conf.task_always_eager, app._pool, app.amqp._producer_pool
    app.conf.broker_url, app.conf.task_always_eager = CLOSED_PORT, False
    app._pool = app.amqp._producer_pool = None  # forget connections made to the broker in use before
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_always_eager, app._pool, app.amqp._producer_pool = saved


@pytest.mark.django_db
def test_with_redis_down_the_office_returns_a_dossier_and_the_unit_is_emailed_once_redis_is_back(
    client_of, office_user, unit_user, django_capture_on_commit_callbacks, caplog
):
    unit_user.email = "trungtam@example.gov.vn"
    unit_user.save()
    dossier = NominationFactory(submitting_unit=unit_user.organization, award_form__required_documents=[])
    dossier.submit(by=unit_user)
    Message.objects.all().delete()

    with redis_down(), django_capture_on_commit_callbacks(execute=True):
        response = client_of(office_user).post(reverse("nominations:return", args=[dossier.pk]), {"reasons": "Thiếu biên bản"})
    dossier.refresh_from_db()
    waiting = list(Message.objects.filter(recipient=unit_user).values_list("sent_at", "attempts"))
    with time_machine.travel(datetime.timedelta(minutes=11)):
        deliver_pending()  # the beat's run every ten minutes, Redis back

    assert "Connection refused" in caplog.text  # the e-mail could not be queued
    assert response.status_code == 302
    assert dossier.status == Nomination.Status.RETURNED
    assert waiting == [(None, 0)]
    assert [email.to for email in mail.outbox] == [["trungtam@example.gov.vn"]]


@pytest.mark.django_db
def test_with_redis_down_a_decision_page_still_opens_and_queues_its_documents(
    client_of, office_user, django_capture_on_commit_callbacks, caplog
):
    far = datetime.date(2099, 1, 1)
    award_form = AwardFormFactory(campaign__nomination_deadline=far, campaign__award_deadline=far)
    approved_nomination(campaign=award_form.campaign, award_form=award_form)
    decision = draft_decision(award_form, by=office_user)

    with redis_down(), django_capture_on_commit_callbacks(execute=True):
        response = client_of(office_user).post(reverse("awards:decision_documents", args=[decision.pk]))
        page = client_of(office_user).get(decision.get_absolute_url())

    decision.refresh_from_db()
    assert "Connection refused" in caplog.text  # the job could not be queued
    assert (response.status_code, page.status_code) == (302, 200)
    assert decision.documents_state == "pending"


def terminate_backend_of(django_connection):
    """What a PostgreSQL restart does to an open connection: the server ends it."""
    with psycopg2.connect(**django_connection.get_connection_params()) as admin, admin.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [django_connection.connection.info.backend_pid])


@pytest.mark.django_db(transaction=True)
def test_after_a_postgresql_restart_the_next_request_reconnects():
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL on PostgreSQL")
    Organization.objects.count()  # a connection kept from an earlier request
    terminate_backend_of(connection)

    request_started.send(sender=__name__)  # what every request begins with (Django's test client leaves it out)

    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert Organization.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_without_health_checks_the_request_after_a_postgresql_restart_fails():
    """The bad input of the test above: what CONN_HEALTH_CHECKS spares the first user after a restart."""
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL on PostgreSQL")
    connection.close()
    connection.settings_dict["CONN_HEALTH_CHECKS"] = False  # read when the connection opens
    try:
        Organization.objects.count()
        terminate_backend_of(connection)
        request_started.send(sender=__name__)
        with pytest.raises((OperationalError, InterfaceError)):
            Organization.objects.count()
    finally:
        connection.settings_dict["CONN_HEALTH_CHECKS"] = True
        connection.close()
