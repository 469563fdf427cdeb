"""One person, one account: a council seat is held besides a post at an office, a unit or as a leader."""

import pytest
from django.urls import reverse

from accounts.models import Organization, User
from councils.models import CouncilMember
from nominations.models import Nomination
from tests.factories import (
    CouncilFactory,
    CouncilMemberFactory,
    MeetingFactory,
    NominationFactory,
    OrganizationFactory,
    UserFactory,
)


@pytest.fixture
def ministry_council(db):
    ministry = OrganizationFactory(name="Vụ Thi đua - Khen thưởng", kind=Organization.Kind.MINISTRY_UNIT, province="")
    return CouncilFactory(name="Hội đồng Thi đua - Khen thưởng ngành Tư pháp", organization=ministry)


def on_agenda(council):
    """A dossier of the council's body's plan, in review on a meeting of the council."""
    meeting = MeetingFactory(council=council, campaign__issuing_organization=council.organization)
    nomination = NominationFactory(campaign=meeting.campaign)
    Nomination.objects.filter(pk=nomination.pk).update(status=Nomination.Status.IN_REVIEW)
    meeting.agenda.add(nomination)
    return meeting, nomination


@pytest.mark.django_db
def test_office_adds_a_seat_for_an_existing_staff_account_without_a_second_account(client_of, office_user, leader):
    council = CouncilFactory(organization=office_user.organization)
    accounts = User.objects.count()
    data = {"member-user": office_user.pk, "member-role": CouncilMember.Role.MEMBER, "member-is_voting": "on"}

    client_of(office_user).post(reverse("councils:member_add", args=[council.pk]), data)

    assert (User.objects.count(), list(office_user.council_seats.values_list("council", "is_voting"))) == (
        accounts, [(council.pk, True)]
    )


@pytest.mark.django_db
def test_council_seat_for_an_account_of_a_body_the_office_does_not_run_is_refused(client_of, office_user):
    council = CouncilFactory(organization=office_user.organization)
    stranger = UserFactory(role=User.Role.STAFF, organization=OrganizationFactory(name="Sở Tư pháp tỉnh An Giang", province="An Giang"))
    data = {"member-user": stranger.pk, "member-role": CouncilMember.Role.MEMBER, "member-is_voting": "on"}

    response = client_of(office_user).post(reverse("councils:member_add", args=[council.pk]), data)

    assert response.context["member_form"].errors["user"] == [
        "Tài khoản này không thuộc cơ quan, đơn vị mà cơ quan thường trực của hội đồng quản lý: không thể xếp vào hội đồng."
    ]
    assert not council.members.exists()


@pytest.mark.django_db
def test_staff_who_sits_on_a_council_sees_both_sets_of_work_on_the_home_page(client_of, office_user):
    council = CouncilFactory(name="Hội đồng phối hợp liên ngành thành phố Cần Thơ", organization=office_user.organization)
    CouncilMemberFactory(council=council, user=office_user)
    meeting, _dossier = on_agenda(council)
    submitted = NominationFactory(campaign=meeting.campaign)
    Nomination.objects.filter(pk=submitted.pk).update(status=Nomination.Status.SUBMITTED)

    response = client_of(office_user).get(reverse("home"))

    page = response.content.decode()
    assert "Cán bộ thi đua – khen thưởng · Ủy viên – Hội đồng phối hợp liên ngành thành phố Cần Thơ" in page
    assert (list(response.context["meetings"]), list(response.context["to_process"])) == ([meeting], [submitted])
    assert reverse("councils:meetings") in page and reverse("accounts:organizations") in page


@pytest.mark.django_db
def test_staff_who_sits_on_another_bodys_council_votes_there_but_does_not_run_it(office_user, ministry_council):
    CouncilMemberFactory(council=ministry_council, user=office_user)
    meeting, dossier = on_agenda(ministry_council)

    allowed = [office_user.has_perm(perm, obj) for perm, obj in [
        ("councils.vote_in_meeting", meeting), ("nominations.view_nomination", dossier),
        ("councils.change_council", ministry_council), ("councils.run_meeting", meeting),
        ("nominations.appraise_nomination", dossier),
    ]]

    assert allowed == [True, True, False, False, False]


@pytest.mark.django_db
def test_leader_who_chairs_the_council_signs_and_votes_with_one_account(leader):
    council = CouncilFactory(organization=leader.organization)
    CouncilMemberFactory(council=council, user=leader, role=CouncilMember.Role.CHAIR)
    meeting, _dossier = on_agenda(council)

    assert (leader.has_perm("awards.sign_decision"), leader.has_perm("councils.vote_in_meeting", meeting)) == (True, True)
    assert leader.holdings == ["Lãnh đạo ký quyết định", f"Chủ tịch – {council}"]


@pytest.mark.django_db
def test_member_without_a_post_lists_only_the_seats(council_member):
    council = CouncilFactory(name="Hội đồng Thi đua - Khen thưởng thành phố Cần Thơ")
    CouncilMemberFactory(council=council, user=council_member, role=CouncilMember.Role.VICE_CHAIR)

    assert council_member.holdings == ["Phó Chủ tịch – Hội đồng Thi đua - Khen thưởng thành phố Cần Thơ"]
