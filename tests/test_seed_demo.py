import io

import pytest
from django.core.management import call_command

from campaigns.models import Campaign
from councils.models import Council, CouncilMember


@pytest.mark.django_db
def test_seed_demo_prints_the_accounts_and_seats_the_can_tho_council_once():
    first, second = io.StringIO(), io.StringIO()

    call_command("seed_demo", stdout=first)
    call_command("seed_demo", stdout=second)

    council = Council.objects.get()
    chair = council.members.get(role=CouncilMember.Role.CHAIR)
    assert Campaign.objects.count() == 5
    assert council.members.count() == 5
    assert chair.user.username == "hoidong1"
    assert "sotuphap" in first.getvalue() and "demo" in first.getvalue()
    assert "http://127.0.0.1:8000/" in second.getvalue()
