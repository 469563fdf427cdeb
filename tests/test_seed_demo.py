import io

import pytest
from django.core.management import call_command

from accounts.models import Organization, User
from campaigns.models import Campaign
from councils.models import Council, CouncilMember
from nominations.models import Nomination
from tests.factories import NominationFactory


@pytest.mark.django_db
def test_seed_demo_prints_the_accounts_and_seats_the_can_tho_council_once():
    first, second = io.StringIO(), io.StringIO()

    call_command("seed_demo", stdout=first)
    call_command("seed_demo", stdout=second)

    council = Council.objects.get(name__startswith="Hội đồng phối hợp liên ngành")
    chair = council.members.get(role=CouncilMember.Role.CHAIR)
    assert Campaign.objects.count() == 5
    assert council.members.count() == 6
    assert chair.user.username == "hoidong1"
    assert "sotuphap" in first.getvalue() and "demo" in first.getvalue()
    assert "http://127.0.0.1:8000/" in second.getvalue()


@pytest.mark.django_db
def test_seed_demo_shows_the_can_tho_officer_who_sits_on_the_council_with_one_account():
    printed = io.StringIO()

    call_command("seed_demo", stdout=printed)

    officer = User.objects.get(username="sotuphap")
    assert officer.has_perm("accounts.manage_organizations") and officer.seat_council_ids
    assert (
        "  sotuphap (Nguyễn Thị Thu Hà): Cán bộ thi đua – khen thưởng · Ủy viên – "
        "Hội đồng phối hợp liên ngành về trợ giúp pháp lý trong hoạt động tố tụng thành phố Cần Thơ"
    ) in printed.getvalue()


@pytest.mark.django_db
def test_seed_demo_ministry_receives_what_the_can_tho_office_forwards():
    call_command("seed_demo", stdout=io.StringIO())
    can_tho = Campaign.objects.get(number="67/KH-UBND")
    ministry_office, can_tho_office = User.objects.get(username="vutdkt"), User.objects.get(username="sotuphap")
    dossier = NominationFactory(
        status=Nomination.Status.APPROVED, campaign=can_tho, award_form=can_tho.award_forms.get(kind="giay_khen"),
        submitting_unit=Organization.objects.get(name="Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ"),
    )

    forwarded = dossier.forward(by=can_tho_office, award_form=can_tho.implements.award_forms.get())

    assert can_tho.implements.status == Campaign.Status.LAUNCHED
    assert Nomination.objects.visible_to(ministry_office).filter(pk=forwarded.pk).exists()
    assert (ministry_office.has_perm("nominations.appraise_nomination", forwarded),
            can_tho_office.has_perm("nominations.appraise_nomination", forwarded)) == (True, False)
    assert Council.objects.get(name="Hội đồng Thi đua - Khen thưởng ngành Tư pháp").organization == ministry_office.organization


@pytest.mark.django_db
def test_seed_demo_prints_the_ministry_accounts_with_their_roles_and_bodies():
    printed = io.StringIO()

    call_command("seed_demo", stdout=printed)

    rows = {line.split()[0]: " ".join(line.split()) for line in printed.getvalue().splitlines() if line.startswith("  ")}
    assert {name: rows[name].split(" ", 1)[1] for name in ("vutdkt", "botruong", "hoidongbo1", "hoidongbo2", "hoidongbo3")} == {
        "vutdkt": f"{User.Role.STAFF.label} Vụ Thi đua - Khen thưởng Chuyên viên Vụ TĐKT, Thường trực Hội đồng ngành",
        "botruong": f"{User.Role.LEADER.label} Bộ Tư pháp Bộ trưởng Bộ Tư pháp (ký Bằng khen của Bộ trưởng)",
        "hoidongbo1": f"{User.Role.COUNCIL_MEMBER.label} Bộ Tư pháp Chủ tịch Hội đồng ngành Tư pháp",
        "hoidongbo2": f"{User.Role.COUNCIL_MEMBER.label} Vụ Thi đua - Khen thưởng Ủy viên, Vụ trưởng Vụ TĐKT",
        "hoidongbo3": f"{User.Role.COUNCIL_MEMBER.label} Cục Trợ giúp pháp lý Ủy viên, Cục trưởng Cục TGPL",
    }
