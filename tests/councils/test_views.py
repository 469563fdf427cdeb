import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from councils import crypto
from councils.models import Attendance, BallotReceipt, Council, CouncilMember, EncryptedBallot, Meeting, Tally, Trustee
from councils.services import Choice, close_round, publish_round
from nominations.models import Nomination
from notifications.models import MessageTemplate, Notification
from tests.clock import TODAY
from tests.councils.ballots import cast, close_and_open, open_online_round, open_totals, vote
from tests.factories import CouncilFactory, CouncilMemberFactory, MeetingFactory, NominationFactory, UserFactory

Status = Nomination.Status
COUNTS = re.compile(r'class="text-end tally-count">(\d+)<')


# A meeting is scheduled ahead of today: the day typed as offices write it.
MEETING_DAY = (TODAY + datetime.timedelta(days=30)).strftime("%d/%m/%Y")

def in_review(meeting, **kwargs):
    nomination = NominationFactory(campaign=meeting.campaign, **kwargs)
    nomination.submit(by=None)
    nomination.appraise(by=None, checklist={"Đủ điều kiện": True})
    nomination.accept_for_review(by=None)
    meeting.agenda.add(nomination)
    return nomination


def vote_all(voting_round, seats, nomination, choice=Choice.FOR):
    for seat in seats:
        cast(seat, voting_round, {nomination: choice})


def page_of(response):
    return response.content.decode()


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def meeting(db):
    return MeetingFactory(title="Họp xét khen thưởng phong trào Trợ giúp pháp lý")


@pytest.fixture
def seats(meeting, council_member):
    """Three voting members; the `council_member` fixture chairs."""
    chair = CouncilMemberFactory(council=meeting.council, user=council_member, role="chair")
    return [chair, *(CouncilMemberFactory(council=meeting.council) for _ in range(2))]


@pytest.fixture
def secretary(meeting):
    return CouncilMemberFactory(council=meeting.council, role="secretary", is_voting=False).user


@pytest.fixture
def member_of_another_council(db):
    return CouncilMemberFactory(user__username="hoidongkhac_test").user


@pytest.fixture
def nomination(meeting):
    return in_review(meeting)


@pytest.fixture
def open_round(meeting, seats, nomination):
    """An online round whose two trustees (the chair and a member) have made the key."""
    meeting.record_attendance(by=None, present_members=seats)
    return open_online_round(meeting, trustees=seats[:2])


@pytest.fixture
def users(office_user, unit_user, council_member, member_of_another_council, leader, secretary, seats):
    return {
        "office": office_user, "unit": unit_user, "member": council_member,
        "other_council": member_of_another_council, "leader": leader, "secretary": secretary,
    }


# Who may see what.


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,status",
    [("office", 200), ("unit", 403), ("member", 200), ("other_council", 403), ("leader", 200), ("secretary", 200)],
)
def test_meeting_page_per_role(client_of, users, meeting, role, status):
    response = client_of(users[role]).get(meeting.get_absolute_url())

    assert response.status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,status",
    [("office", 403), ("unit", 403), ("member", 200), ("other_council", 403), ("leader", 403), ("secretary", 302)],
)
def test_meeting_vote_page_per_role(client_of, users, meeting, open_round, role, status):
    response = client_of(users[role]).get(reverse("councils:meeting_vote", args=[meeting.pk]))

    assert response.status_code == status


@pytest.mark.django_db
def test_meeting_vote_page_of_the_non_voting_secretary_says_why(client_of, secretary, meeting, open_round):
    response = client_of(secretary).get(reverse("councils:meeting_vote", args=[meeting.pk]), follow=True)

    assert messages_of(response) == ["Người này không có quyền biểu quyết tại hội đồng."]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,status",
    [("office", 200), ("unit", 403), ("member", 200), ("other_council", 200), ("leader", 200), ("secretary", 200)],
)
def test_meeting_list_per_role(client_of, users, role, status):
    response = client_of(users[role]).get(reverse("councils:meetings"))

    assert response.status_code == status


@pytest.mark.django_db
def test_meeting_list_of_a_member_of_another_council_hides_this_meeting(client_of, member_of_another_council, meeting, seats):
    response = client_of(member_of_another_council).get(reverse("councils:meetings"))

    assert list(response.context["page"]) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,status",
    [("office", 200), ("unit", 403), ("member", 403), ("other_council", 403), ("leader", 403), ("secretary", 403)],
)
def test_meeting_schedule_page_per_role(client_of, users, role, status):
    response = client_of(users[role]).get(reverse("councils:meeting_create"))

    assert response.status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,status",
    [("office", 302), ("unit", 403), ("member", 403), ("other_council", 403), ("leader", 403), ("secretary", 302)],
)
def test_meeting_attendance_per_role(client_of, users, meeting, seats, role, status):
    response = client_of(users[role]).post(reverse("councils:meeting_attendance", args=[meeting.pk]), {})

    assert response.status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,status",
    [("office", 200), ("unit", 403), ("member", 403), ("other_council", 403), ("leader", 200), ("secretary", 403)],
)
def test_council_page_per_role(client_of, users, meeting, role, status):
    response = client_of(users[role]).get(reverse("councils:detail", args=[meeting.council.pk]))

    assert response.status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize("role,status", [("office", 200), ("unit", 403), ("member", 403), ("leader", 200)])
def test_council_list_per_role(client_of, users, role, status):
    response = client_of(users[role]).get(reverse("councils:list"))

    assert response.status_code == status


@pytest.mark.django_db
def test_council_page_of_the_leader_has_no_management_forms(client_of, leader, meeting, seats):
    page = page_of(client_of(leader).get(reverse("councils:detail", args=[meeting.council.pk])))

    assert "Thêm thành viên" not in page
    assert "Chủ tịch" in page


# Councils.


@pytest.mark.django_db
def test_council_create_with_a_four_fifths_quorum(client_of, office_user, office):
    data = {"name": "Hội đồng Thi đua – Khen thưởng Sở Tư pháp", "symbol": "HĐTĐKT", "organization": office.pk,
            "quorum_numerator": 4, "quorum_denominator": 5}

    response = client_of(office_user).post(reverse("councils:create"), data)

    council = Council.objects.get()
    assert response.url == reverse("councils:detail", args=[council.pk])
    assert (council.quorum_label, council.symbol) == ("4/5", "HĐTĐKT")


@pytest.mark.django_db
def test_council_quorum_above_one_is_refused_with_its_message(client_of, office_user, meeting):
    data = {"quorum-quorum_numerator": 4, "quorum-quorum_denominator": 3}

    response = client_of(office_user).post(reverse("councils:quorum", args=[meeting.council.pk]), data)

    meeting.council.refresh_from_db()
    assert response.context["quorum_form"].has_error("quorum_numerator", code="bad_quorum")
    assert "Tỷ lệ có mặt phải lớn hơn 0 và không quá 1." in page_of(response)
    assert meeting.council.quorum_label == "2/3"


@pytest.mark.django_db
def test_council_quorum_of_four_fifths_is_saved(client_of, office_user, meeting):
    data = {"quorum-quorum_numerator": 4, "quorum-quorum_denominator": 5}

    client_of(office_user).post(reverse("councils:quorum", args=[meeting.council.pk]), data)

    meeting.council.refresh_from_db()
    assert meeting.council.quorum_label == "4/5"


@pytest.mark.django_db
def test_council_member_added_from_a_council_member_account(client_of, office_user, meeting):
    user = UserFactory(role=User.Role.COUNCIL_MEMBER)
    data = {"member-user": user.pk, "member-role": "vice_chair", "member-is_voting": "on"}

    client_of(office_user).post(reverse("councils:member_add", args=[meeting.council.pk]), data)

    member = meeting.council.members.get()
    assert (member.user, member.role, member.is_voting) == (user, "vice_chair", True)


@pytest.mark.django_db
def test_council_member_seat_is_given_to_the_leaders_own_account(client_of, office_user, leader, meeting):
    data = {"member-user": leader.pk, "member-role": "chair", "member-is_voting": "on"}

    client_of(office_user).post(reverse("councils:member_add", args=[meeting.council.pk]), data)

    member = meeting.council.members.get()
    assert (member.user, member.role, member.is_voting) == (leader, "chair", True)


@pytest.mark.django_db
def test_council_secretary_may_be_any_account(client_of, office_user, meeting):
    data = {"member-user": office_user.pk, "member-role": "secretary"}

    client_of(office_user).post(reverse("councils:member_add", args=[meeting.council.pk]), data)

    member = meeting.council.members.get()
    assert (member.role, member.is_voting) == ("secretary", False)


@pytest.mark.django_db
def test_council_member_added_twice_is_refused(client_of, office_user, meeting, seats):
    data = {"member-user": seats[1].user.pk, "member-role": "member", "member-is_voting": "on"}

    response = client_of(office_user).post(reverse("councils:member_add", args=[meeting.council.pk]), data)

    assert response.context["member_form"].has_error("user", code="already_member")


@pytest.mark.django_db
def test_council_member_role_and_vote_changed(client_of, office_user, meeting, seats):
    url = reverse("councils:member_change", args=[meeting.council.pk, seats[1].pk])

    client_of(office_user).post(url, {"role": "vice_chair"})

    seats[1].refresh_from_db()
    assert (seats[1].role, seats[1].is_voting) == ("vice_chair", False)


@pytest.mark.django_db
def test_council_member_removed(client_of, office_user, meeting, seats):
    url = reverse("councils:member_remove", args=[meeting.council.pk, seats[2].pk])

    client_of(office_user).post(url)

    assert list(meeting.council.members.all()) == seats[:2]


@pytest.mark.django_db
def test_council_member_who_voted_cannot_be_removed(client_of, office_user, meeting, seats, open_round, nomination):
    cast(seats[2], open_round, {nomination: Choice.FOR})
    close_and_open(open_round, by=office_user, even_if_missing=True)
    publish_round(open_round, by=office_user)
    url = reverse("councils:member_remove", args=[meeting.council.pk, seats[2].pk])

    response = client_of(office_user).post(url, follow=True)

    assert CouncilMember.objects.filter(pk=seats[2].pk).exists()
    assert "Không thể xóa thành viên đã tham gia biểu quyết" in messages_of(response)[0]


@pytest.mark.django_db
def test_council_seats_cannot_change_while_a_round_result_is_pending(client_of, office_user, meeting, seats, open_round):
    remove = reverse("councils:member_remove", args=[meeting.council.pk, seats[2].pk])
    change = reverse("councils:member_change", args=[meeting.council.pk, seats[1].pk])

    removed = client_of(office_user).post(remove, follow=True)
    client_of(office_user).post(change, {"role": "member", "is_voting": ""})

    seats[1].refresh_from_db()
    assert CouncilMember.objects.filter(pk=seats[2].pk).exists()
    assert seats[1].is_voting
    assert "chưa thể thay đổi thành viên hội đồng" in messages_of(removed)[0]


# The list of meetings.


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
def test_meeting_list_query_count_does_not_grow_with_rows(client_of, office_user, django_assert_num_queries, rows):
    for _ in range(rows):
        MeetingFactory()
    client = client_of(office_user)

    with django_assert_num_queries(9):
        response = client.get(reverse("councils:meetings"))

    assert len(response.context["page"]) == rows


@pytest.mark.django_db
def test_meeting_list_search_ignores_diacritics(client_of, office_user):
    wanted = MeetingFactory(title="Họp xét danh hiệu Chiến sĩ thi đua cơ sở")
    MeetingFactory(title="Họp xét Giấy khen tập thể")

    response = client_of(office_user).get(reverse("councils:meetings"), {"q": "chien si thi dua"})

    assert list(response.context["page"]) == [wanted]


@pytest.mark.django_db
def test_meeting_list_shows_upcoming_meetings_first_soonest_first(client_of, office_user):
    now = timezone.now()
    past = MeetingFactory(starts_at=now - datetime.timedelta(days=3))
    later = MeetingFactory(starts_at=now + datetime.timedelta(days=10))
    soon = MeetingFactory(starts_at=now + datetime.timedelta(days=1))

    response = client_of(office_user).get(reverse("councils:meetings"))

    assert list(response.context["page"]) == [soon, later, past]


# Scheduling.


@pytest.mark.django_db
def test_meeting_schedule_for_a_campaign_lists_its_dossiers_in_review(client_of, office_user, meeting, nomination):
    draft = NominationFactory(campaign=meeting.campaign, nominee_person__full_name="Hồ sơ còn nháp")

    response = client_of(office_user).get(reverse("councils:meeting_create"), {"campaign": meeting.campaign.pk})

    assert list(response.context["form"].fields["agenda"].queryset) == [nomination]
    assert str(nomination.award_form) in page_of(response)
    assert str(draft.nominee) not in page_of(response)


@pytest.mark.django_db
def test_meeting_schedule_form_keeps_typed_data_on_error(client_of, office_user, meeting, nomination):
    data = {"council": meeting.council.pk, "campaign": meeting.campaign.pk, "title": "Họp xét Bằng khen năm 2025",
            "starts_at": f"{MEETING_DAY} 14:30", "place": "Hội trường tầng 3"}

    response = client_of(office_user).post(reverse("councils:meeting_create"), data)

    page = page_of(response)
    assert response.context["form"].has_error("agenda", code="required")
    assert "Hãy chọn ít nhất một hồ sơ đưa ra xét." in page
    assert 'value="Họp xét Bằng khen năm 2025"' in page
    assert f'value="{MEETING_DAY} 14:30"' in page
    assert 'value="Hội trường tầng 3"' in page


@pytest.mark.django_db
def test_meeting_scheduled_with_its_agenda_invites_every_member(client_of, office_user, meeting, seats, secretary, nomination):
    data = {"council": meeting.council.pk, "campaign": meeting.campaign.pk, "title": "Họp xét Bằng khen năm 2025",
            "starts_at": f"{MEETING_DAY} 14:30", "place": "Hội trường tầng 3", "agenda": [nomination.pk]}

    response = client_of(office_user).post(reverse("councils:meeting_create"), data)

    scheduled = Meeting.objects.get(title="Họp xét Bằng khen năm 2025")
    invitation = Notification.objects.filter(recipient=seats[0].user).get()
    assert response.url == scheduled.get_absolute_url()
    assert list(scheduled.agenda.all()) == [nomination]
    assert timezone.localtime(scheduled.starts_at).strftime("%H:%M %d/%m/%Y") == f"14:30 {MEETING_DAY}"
    assert Notification.objects.exclude(recipient=office_user).count() == 4  # the office was told of the dossier
    assert f"14:30 ngày {MEETING_DAY}" in invitation.body
    assert "Hội trường tầng 3" in invitation.body
    assert invitation.link == scheduled.get_absolute_url()
    assert list(scheduled.history.values_list("from_status", "to_status", "actor")) == [("", "scheduled", office_user.pk)]


@pytest.mark.django_db
def test_meeting_invitation_text_is_the_editable_template(client_of, office_user, meeting, seats, nomination):
    MessageTemplate.objects.filter(code="meeting_scheduled", language="vi").update(
        subject_template="Mời họp: {title}", body_template="Họp lúc {time} ngày {date}, {count} hồ sơ."
    )
    data = {"council": meeting.council.pk, "campaign": meeting.campaign.pk, "title": "Họp xét Giấy khen",
            "starts_at": f"{MEETING_DAY} 08:00", "place": "Phòng họp số 2", "agenda": [nomination.pk]}

    client_of(office_user).post(reverse("councils:meeting_create"), data)

    invitation = Notification.objects.filter(recipient=seats[0].user).get()
    assert (invitation.subject, invitation.body) == ("Mời họp: Họp xét Giấy khen", f"Họp lúc 08:00 ngày {MEETING_DAY}, 1 hồ sơ.")


@pytest.mark.django_db
@pytest.mark.parametrize("old,new", [
    ("/ho-so/hoi-dong/7/", "/hoi-dong/7/"),
    ("/ho-so/cuoc-hop/12/bieu-quyet/?vong=1", "/hoi-dong/cuoc-hop/12/bieu-quyet/?vong=1"),
])
def test_council_links_sent_before_the_move_redirect_to_the_council_pages(client, old, new):
    response = client.get(old)

    assert (response.status_code, response.url) == (301, new)


# The meeting page: agenda, attendance, rounds.


@pytest.mark.django_db
def test_meeting_page_shows_the_recusal_of_the_member(client_of, council_member, meeting, seats, nomination):
    council_member.organization = nomination.submitting_unit
    council_member.save()

    page = page_of(client_of(council_member).get(meeting.get_absolute_url()))

    assert "Không biểu quyết: cùng đơn vị" in page


@pytest.mark.django_db
def test_meeting_attendance_saved_and_quorum_shown(client_of, secretary, meeting, seats, nomination):
    url = reverse("councils:meeting_attendance", args=[meeting.pk])

    response = client_of(secretary).post(url, {"present": [seats[0].pk, seats[1].pk]}, follow=True)

    present = set(Attendance.objects.filter(is_present=True).values_list("member", flat=True))
    assert present == {seats[0].pk, seats[1].pk}
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.IN_PROGRESS
    assert "Có mặt <strong>2/3</strong>" in page_of(response)
    assert "Đủ số thành viên" in page_of(response)


@pytest.mark.django_db
def test_meeting_round_below_quorum_is_refused_with_the_model_message(client_of, secretary, meeting, seats, nomination):
    meeting.record_attendance(by=None, present_members=seats[:1])

    response = client_of(secretary).post(reverse("councils:meeting_open_round", args=[meeting.pk]), follow=True)

    assert messages_of(response) == [
        "Chưa đủ số thành viên có mặt theo quy định (tối thiểu 2/3 tổng số thành viên)."
    ]


@pytest.mark.django_db
def test_meeting_round_opened_online_by_the_secretary_with_the_chair_and_secretary_as_trustees(
    client_of, secretary, meeting, seats, nomination
):
    secretary_seat = meeting.council.members.get(user=secretary)
    meeting.record_attendance(by=None, present_members=[*seats, secretary_seat])

    client_of(secretary).post(reverse("councils:meeting_open_round", args=[meeting.pk]), {"on_paper": "0"})

    voting_round = meeting.rounds.get()
    assert voting_round.is_on_paper is False
    assert [(t.member, t.index) for t in voting_round.trustees.all()] == [(seats[0], 1), (secretary_seat, 2)]
    assert voting_round.threshold == 2


@pytest.mark.django_db
def test_meeting_round_opened_with_two_of_three_chosen_trustees(client_of, secretary, meeting, seats, nomination):
    meeting.record_attendance(by=None, present_members=seats)
    data = {"on_paper": "0", "trustees": [seat.pk for seat in seats], "threshold": "2"}

    client_of(secretary).post(reverse("councils:meeting_open_round", args=[meeting.pk]), data)

    voting_round = meeting.rounds.get()
    assert (voting_round.trustees.count(), voting_round.threshold) == (3, 2)


@pytest.mark.django_db
def test_meeting_voters_panel_shows_who_voted_polled_every_three_seconds(client_of, secretary, meeting, seats, nomination, open_round):
    cast(seats[0], open_round, {nomination: Choice.AGAINST})

    response = client_of(secretary).get(meeting.get_absolute_url(), HTTP_HX_REQUEST="true")

    page = page_of(response)
    assert [template.name for template in response.templates] == ["councils/_meeting_voters.html"]
    assert 'hx-trigger="every 3s"' in page
    assert "1/3 thành viên đã biểu quyết xong" in page
    assert "Không đồng ý" not in page


@pytest.mark.django_db
def test_meeting_voters_panel_is_refused_to_a_member(client_of, council_member, meeting, open_round):
    response = client_of(council_member).get(meeting.get_absolute_url(), HTTP_HX_REQUEST="true")

    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["office_user", "administrator"])
def test_meeting_counts_hidden_while_the_round_is_open(request, client_of, meeting, seats, nomination, open_round, who):
    vote_all(open_round, seats, nomination)

    page = page_of(client_of(request.getfixturevalue(who)).get(meeting.get_absolute_url()))

    assert COUNTS.findall(page) == []
    assert "Kết quả biểu quyết vòng" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["office_user", "administrator"])
def test_meeting_counts_hidden_while_the_round_is_closed_unpublished(request, client_of, meeting, seats, nomination, open_round, who):
    vote_all(open_round, seats, nomination)
    close_round(open_round, by=None)

    page = page_of(client_of(request.getfixturevalue(who)).get(meeting.get_absolute_url()))

    assert COUNTS.findall(page) == []
    assert "Được đề nghị khen" not in page


@pytest.mark.django_db
def test_meeting_counts_shown_to_members_once_published(client_of, council_member, meeting, seats, nomination, open_round):
    vote_all(open_round, seats[:2], nomination)
    cast(seats[2], open_round, {nomination: Choice.AGAINST})
    close_and_open(open_round)
    publish_round(open_round, by=None)

    page = page_of(client_of(council_member).get(meeting.get_absolute_url()))

    assert COUNTS.findall(page) == ["2", "1", "0"]
    assert '<span class="badge text-bg-success">Đạt</span>' in page


@pytest.mark.django_db
def test_meeting_round_closed_then_published_by_the_secretary(client_of, secretary, meeting, seats, nomination, open_round):
    vote_all(open_round, seats, nomination)
    client = client_of(secretary)

    client.post(reverse("councils:meeting_close_round", args=[meeting.pk]))
    open_round.refresh_from_db()
    open_totals(open_round)
    client.post(reverse("councils:meeting_publish_round", args=[meeting.pk]))

    open_round.refresh_from_db()
    assert open_round.status == "published"
    assert Nomination.objects.get(pk=nomination.pk).status == Status.APPROVED


@pytest.mark.django_db
def test_meeting_paper_counts_entered_and_not_shown(client_of, secretary, meeting, seats, nomination):
    meeting.record_attendance(by=None, present_members=seats)
    meeting.open_round(by=None, on_paper=True)
    data = {f"for_{nomination.pk}": 2, f"against_{nomination.pk}": 1}

    response = client_of(secretary).post(reverse("councils:meeting_paper_counts", args=[meeting.pk]), data, follow=True)

    tally = Tally.objects.get()
    assert (tally.votes_for, tally.votes_against) == (2, 1)
    assert COUNTS.findall(page_of(response)) == []


@pytest.mark.django_db
def test_meeting_paper_counts_above_the_members_are_refused(client_of, secretary, meeting, seats, nomination):
    meeting.record_attendance(by=None, present_members=seats)
    meeting.open_round(by=None, on_paper=True)
    data = {f"for_{nomination.pk}": 3, f"against_{nomination.pk}": 1}

    response = client_of(secretary).post(reverse("councils:meeting_paper_counts", args=[meeting.pk]), data, follow=True)

    assert messages_of(response) == ["Tổng số phiếu không được vượt quá 3 thành viên."]
    assert Tally.objects.get().votes_for == 0


@pytest.mark.django_db
def test_meeting_written_ballot_of_an_absent_member_is_recorded_as_written(client_of, secretary, meeting, seats, nomination):
    meeting.record_attendance(by=None, present_members=seats[:2])
    voting_round = open_online_round(meeting, trustees=seats[:2])
    data = {"member": seats[2].pk, f"written_{nomination.pk}": Choice.FOR}

    client_of(secretary).post(reverse("councils:meeting_written_ballot", args=[meeting.pk]), data)

    vote_all(voting_round, seats[:2], nomination, Choice.AGAINST)
    close_and_open(voting_round)

    receipt = BallotReceipt.objects.get(member=seats[2])
    assert (receipt.is_written, receipt.written_choice) == (True, "for")
    assert (Tally.objects.get().votes_for, Tally.objects.get().votes_against) == (1, 2)


@pytest.mark.django_db
def test_meeting_written_ballot_history_names_who_entered_it_and_whose_never_the_choice(
    client_of, secretary, meeting, seats, nomination
):
    meeting.record_attendance(by=None, present_members=seats[:2])
    voting_round = open_online_round(meeting, trustees=seats[:2])
    data = {"member": seats[2].pk, f"written_{nomination.pk}": Choice.FOR}

    client_of(secretary).post(reverse("councils:meeting_written_ballot", args=[meeting.pk]), data)

    entry = voting_round.history.get(note__startswith="Nhập phiếu")
    assert (entry.actor, entry.note) == (secretary, f"Nhập phiếu bằng văn bản của {seats[2].user}")
    assert "đồng ý" not in entry.note.lower() and Choice.FOR not in entry.note


@pytest.mark.django_db
def test_meeting_paper_counts_history_names_who_entered_them_without_the_counts(
    client_of, secretary, meeting, seats, nomination
):
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = meeting.open_round(by=None, on_paper=True)
    data = {f"for_{nomination.pk}": 2, f"against_{nomination.pk}": 1}

    client_of(secretary).post(reverse("councils:meeting_paper_counts", args=[meeting.pk]), data)

    entry = voting_round.history.get(note__startswith="Nhập kết quả")
    assert (entry.actor, entry.note) == (secretary, f"Nhập kết quả kiểm phiếu giấy: {nomination.nominee}")


@pytest.mark.django_db
def test_a_refused_written_ballot_leaves_no_history(client_of, secretary, meeting, seats, nomination):
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_online_round(meeting, trustees=seats[:2])
    data = {"member": seats[2].pk, f"written_{nomination.pk}": Choice.FOR}  # present: must vote in person

    client_of(secretary).post(reverse("councils:meeting_written_ballot", args=[meeting.pk]), data)

    assert not voting_round.history.filter(note__startswith="Nhập phiếu").exists()


@pytest.mark.django_db
def test_meeting_written_ballot_offers_a_member_absent_today_though_present_at_an_earlier_meeting(
    client_of, secretary, meeting, seats, nomination
):
    earlier = MeetingFactory(council=meeting.council)
    earlier.record_attendance(by=None, present_members=seats)
    meeting.record_attendance(by=None, present_members=seats[:2])
    meeting.open_round(by=None, trustees=seats[:2])

    response = client_of(secretary).get(meeting.get_absolute_url())

    assert list(response.context["written_form"].fields["member"].queryset) == [seats[2]]


@pytest.mark.django_db
def test_meeting_chair_decides_a_tie_at_the_quota(client_of, secretary, meeting, seats):
    first = in_review(meeting, award_form__individual_cap=1)
    second = in_review(meeting, award_form=first.award_form)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_online_round(meeting, trustees=seats[:2])
    vote(voting_round, seats, {first: 3, second: 3})
    close_and_open(voting_round)
    publish_round(voting_round, by=None)
    tied = Tally.objects.get(nomination=second)

    response = client_of(secretary).post(
        reverse("councils:meeting_chair_decides", args=[meeting.pk, tied.pk]), {"approve": "1"}, follow=True
    )

    assert tied.outcome == "tie_for_chair"
    assert Nomination.objects.get(pk=second.pk).status == Status.APPROVED
    assert "Chủ tịch chọn: đề nghị khen" in page_of(response)  # the first one still waits for the chair


@pytest.mark.django_db
def test_meeting_chair_decision_refused_when_not_tied(client_of, secretary, meeting, seats, nomination, open_round):
    vote_all(open_round, seats, nomination)
    close_and_open(open_round)
    publish_round(open_round, by=None)

    response = client_of(secretary).post(
        reverse("councils:meeting_chair_decides", args=[meeting.pk, Tally.objects.get().pk]), {"approve": "0"}, follow=True
    )

    assert messages_of(response) == ["Hồ sơ này không chờ Chủ tịch Hội đồng quyết định."]


@pytest.mark.django_db
def test_meeting_closed_once_results_are_published(client_of, secretary, meeting, seats, nomination, open_round):
    vote_all(open_round, seats, nomination)
    close_and_open(open_round)
    publish_round(open_round, by=None)

    client_of(secretary).post(reverse("councils:meeting_close", args=[meeting.pk]))

    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.CLOSED


@pytest.mark.django_db
def test_meeting_close_with_a_round_open_is_refused(client_of, secretary, meeting, open_round):
    response = client_of(secretary).post(reverse("councils:meeting_close", args=[meeting.pk]), follow=True)

    assert messages_of(response) == ["Hãy đóng và công bố vòng biểu quyết trước khi kết thúc họp."]
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.IN_PROGRESS


# The member's secret ballot.


def encrypted_post(voting_round, choices):
    ballot = crypto.encrypt_ballot(voting_round.pk, voting_round.public_key, {n.pk: c for n, c in choices.items()})
    return {"payload": crypto.canonical_json(ballot)}, crypto.receipt_code(ballot)


@pytest.mark.django_db
def test_ballot_page_offers_choices_that_are_never_posted_and_the_round_key(client_of, council_member, meeting, nomination, open_round):
    page = page_of(client_of(council_member).get(reverse("councils:meeting_vote", args=[meeting.pk])))

    assert f'data-nomination="{nomination.pk}" data-option="for" form="no-form"' in page
    assert 'name="nomination_' not in page
    assert open_round.public_key in page
    assert "councils/vote.js" in page


@pytest.mark.django_db
def test_ballot_posted_encrypted_is_kept_and_its_receipt_shown(client_of, council_member, meeting, nomination, open_round):
    data, receipt = encrypted_post(open_round, {nomination: Choice.FOR})

    response = client_of(council_member).post(reverse("councils:meeting_vote", args=[meeting.pk]), data, follow=True)

    assert EncryptedBallot.objects.get().receipt == receipt
    assert messages_of(response) == [
        f"Đã ghi nhận phiếu đã mã hóa của bạn. Mã biên nhận: {receipt}. Bạn có thể bỏ phiếu lại đến khi đóng vòng."
    ]
    assert "Bỏ phiếu lại" in page_of(response)


@pytest.mark.django_db
def test_ballot_posted_in_the_clear_is_refused_and_nothing_kept(client_of, council_member, meeting, nomination, open_round):
    url = reverse("councils:meeting_vote", args=[meeting.pk])

    response = client_of(council_member).post(url, {f"nomination_{nomination.pk}": Choice.FOR})

    assert messages_of(response) == ["Dữ liệu gửi lên không đọc được: hãy bật JavaScript và thử lại."]
    assert not EncryptedBallot.objects.exists()
    assert not BallotReceipt.objects.exists()


@pytest.mark.django_db
def test_ballot_of_another_round_is_refused(client_of, council_member, meeting, nomination, open_round):
    ballot = crypto.encrypt_ballot(open_round.pk + 1, open_round.public_key, {nomination.pk: Choice.FOR})

    response = client_of(council_member).post(
        reverse("councils:meeting_vote", args=[meeting.pk]), {"payload": crypto.canonical_json(ballot)}
    )

    assert messages_of(response) == ["Phiếu không hợp lệ: phiếu của vòng khác."]
    assert not EncryptedBallot.objects.exists()


@pytest.mark.django_db
def test_ballot_page_is_never_cached(client_of, council_member, meeting, open_round):
    response = client_of(council_member).get(reverse("councils:meeting_vote", args=[meeting.pk]))

    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_ballot_page_waits_for_the_trustees_key(client_of, council_member, meeting, seats, nomination):
    meeting.record_attendance(by=None, present_members=seats)
    meeting.open_round(by=None, trustees=seats[:2])

    response = client_of(council_member).get(reverse("councils:meeting_vote", args=[meeting.pk]), follow=True)

    assert messages_of(response) == ["Người giữ khóa chưa tạo xong khóa của vòng biểu quyết: vui lòng chờ."]


@pytest.mark.django_db
def test_ballot_recused_nomination_has_no_inputs(client_of, council_member, meeting, seats, nomination, open_round):
    other = in_review(meeting)
    Tally.objects.create(voting_round=open_round, nomination=other)
    council_member.organization = nomination.submitting_unit
    council_member.save()

    page = page_of(client_of(council_member).get(reverse("councils:meeting_vote", args=[meeting.pk])))

    assert "Không biểu quyết (cùng đơn vị)" in page
    assert f'data-nomination="{nomination.pk}" data-option' not in page
    assert f'data-nomination="{other.pk}" data-option' in page


# The trustees, the ballot box and the recount.


@pytest.mark.django_db
@pytest.mark.parametrize("role,status", [("chair", 200), ("member", 403), ("office", 403), ("unit", 403), ("other_council", 403)])
def test_round_trustee_page_per_role(client_of, users, meeting, seats, nomination, role, status):
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = meeting.open_round(by=None, trustees=seats[:2])
    user = {"chair": seats[0].user, "member": seats[2].user}.get(role) or users[role]

    response = client_of(user).get(reverse("councils:round_trustee", args=[meeting.pk, voting_round.number]))

    assert response.status_code == status


@pytest.mark.django_db
def test_round_trustee_publishes_its_transport_key_then_waits(client_of, meeting, seats, nomination):
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = meeting.open_round(by=None, trustees=seats[:2])
    url = reverse("councils:round_trustee", args=[meeting.pk, voting_round.number])
    key = crypto.point_hex(crypto.base(crypto.random_scalar()))

    response = client_of(seats[0].user).post(url, {"step": "transport", "payload": f'{{"key": "{key}"}}'}, follow=True)

    assert Trustee.objects.get(index=1).transport_key == key
    assert response.context["step"] == "wait_transport"


@pytest.mark.django_db
def test_round_trustee_key_share_with_a_forged_proof_is_refused(client_of, meeting, seats, nomination):
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = meeting.open_round(by=None, trustees=seats[:2])
    keys = {index: crypto.point_hex(crypto.base(crypto.random_scalar())) for index in (1, 2)}
    Trustee.objects.filter(index=1).update(transport_key=keys[1])
    Trustee.objects.filter(index=2).update(transport_key=keys[2])
    share = crypto.make_key_share(voting_round.pk, 1, 2, keys)
    share["pok"] = crypto.make_key_share(voting_round.pk, 2, 2, keys)["pok"]
    url = reverse("councils:round_trustee", args=[meeting.pk, voting_round.number])

    response = client_of(seats[0].user).post(url, {"step": "share", "payload": crypto.canonical_json(share)}, follow=True)

    assert messages_of(response) == ["Phần khóa không hợp lệ: chứng minh biết khóa không đúng."]
    assert Trustee.objects.get(index=1).key_share is None


@pytest.mark.django_db
@pytest.mark.parametrize("role,status", [("member", 200), ("office", 200), ("leader", 200), ("unit", 403), ("other_council", 403)])
def test_round_ballot_box_and_recount_per_role(client_of, users, meeting, nomination, open_round, role, status):
    for name in ("round_ballot_box", "round_ballot_box_json", "round_recount"):
        response = client_of(users[role]).get(reverse(f"councils:{name}", args=[meeting.pk, open_round.number]))

        assert response.status_code == status


@pytest.mark.django_db
def test_round_ballot_box_finds_a_receipt_and_marks_the_replaced_one(client_of, council_member, meeting, seats, nomination, open_round):
    first = cast(seats[0], open_round, {nomination: Choice.FOR})
    second = cast(seats[0], open_round, {nomination: Choice.AGAINST})
    url = reverse("councils:round_ballot_box", args=[meeting.pk, open_round.number])

    found = page_of(client_of(council_member).get(url, {"ma": first[:10].lower()}))
    everything = page_of(client_of(council_member).get(url))

    assert first in found and second not in found
    assert "đã thay bằng phiếu sau" in found
    assert everything.index(first) < everything.index(second)


@pytest.mark.django_db
def test_round_ballot_box_json_holds_no_choice(client_of, council_member, meeting, seats, nomination, open_round):
    vote_all(open_round, seats, nomination)

    box = client_of(council_member).get(reverse("councils:round_ballot_box_json", args=[meeting.pk, open_round.number])).json()

    assert len(box["ballots"]) == 3
    assert '"for"' not in crypto.canonical_json(box["ballots"])


@pytest.mark.django_db
def test_round_recount_page_says_verified_then_names_a_forged_count(client_of, council_member, meeting, seats, nomination, open_round):
    vote_all(open_round, seats, nomination)
    close_and_open(open_round)
    url = reverse("councils:round_recount", args=[meeting.pk, open_round.number])

    honest = page_of(client_of(council_member).get(url))
    Tally.objects.update(votes_for=2)
    forged = page_of(client_of(council_member).get(url))

    assert "Đã xác minh." in honest
    assert "Không xác minh được: 1 lỗi." in forged
    assert "công bố đồng ý 2 phiếu, kiểm lại được 3" in forged


@pytest.mark.django_db
def test_ballot_of_an_absent_member_is_refused_online(client_of, council_member, meeting, seats, nomination):
    meeting.record_attendance(by=None, present_members=seats[1:])
    open_online_round(meeting, trustees=seats[1:])

    response = client_of(council_member).get(reverse("councils:meeting_vote", args=[meeting.pk]), follow=True)

    assert messages_of(response) == ["Thành viên vắng mặt chỉ gửi phiếu bằng văn bản."]


# The member's home page fragment.


@pytest.mark.django_db
def test_member_meetings_fragment_offers_the_ballot_while_a_round_is_open(council_member, meeting, nomination, open_round):
    html = render_to_string("councils/_member_meetings.html", {"meetings": Meeting.objects.upcoming_for(council_member)})

    assert meeting.title in html
    assert reverse("councils:meeting_vote", args=[meeting.pk]) in html
    assert "Hồ sơ cần xem: <strong>1</strong>" in html


@pytest.mark.django_db
def test_member_meetings_leave_out_other_councils(member_of_another_council, meeting, seats):
    assert list(Meeting.objects.upcoming_for(member_of_another_council)) == []


@pytest.mark.django_db
def test_meeting_close_round_with_votes_missing_asks_the_secretary_to_confirm(client_of, office_user, meeting, seats, open_round, nomination):
    cast(seats[0], open_round, {nomination: Choice.FOR})
    client = client_of(office_user)
    url = reverse("councils:meeting_close_round", args=[meeting.pk])

    refused = client.post(url, follow=True)
    client.post(url, {"even_if_missing": "1"})

    open_round.refresh_from_db()
    assert "Còn thành viên có mặt chưa biểu quyết" in messages_of(refused)[0]
    assert open_round.status == "closed"


@pytest.mark.django_db(transaction=True)
def test_meeting_minutes_are_downloaded_by_members_but_not_by_units(client_of, office_user, unit_user, seats, settings, tmp_path):
    from tests.factories import MeetingFactory

    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory()
    for seat in seats:
        seat.council = meeting.council
        seat.save()
    meeting.record_attendance(by=None, present_members=seats)
    meeting.close(by=None)
    url = reverse("councils:meeting_minutes", args=[meeting.pk])

    member_response = client_of(seats[0].user).get(url)
    page = client_of(office_user).get(meeting.get_absolute_url()).content.decode()
    unit_response = client_of(unit_user).get(url)

    assert member_response.status_code == 200
    assert b"".join(member_response.streaming_content).startswith(b"%PDF")
    assert url in page
    assert unit_response.status_code == 403


@pytest.mark.django_db
def test_meeting_scheduled_in_the_past_is_refused_and_the_form_kept(client_of, office_user, meeting, nomination):
    data = {"council": meeting.council.pk, "campaign": meeting.campaign.pk, "title": "Họp bổ sung",
            "starts_at": "01/10/2020 09:00", "place": "Hội trường", "agenda": [nomination.pk]}

    response = client_of(office_user).post(reverse("councils:meeting_create"), data)

    assert response.context["form"].has_error("starts_at", code="in_the_past")
    assert "Họp bổ sung" in response.content.decode()


@pytest.mark.django_db
def test_meeting_page_shows_each_cap_with_the_places_granted(client_of, secretary, meeting, seats):
    nomination = in_review(meeting, award_form__individual_cap=2)
    NominationFactory(campaign=meeting.campaign, award_form=nomination.award_form, status=Nomination.Status.APPROVED)

    page = client_of(secretary).get(reverse("councils:meeting", args=[meeting.pk])).content.decode()

    counters = page[page.index('id="quota-counters"'):]
    assert "Các đơn vị cộng chung: không quá 2 cá nhân, cả kế hoạch" in counters
    assert "<strong>1/2</strong>, còn 1" in counters


# The member picker: searched as the user types, not a select of every account

@pytest.mark.django_db
def test_council_member_picker_finds_accounts_without_diacritics(client_of, office_user):
    council = CouncilFactory()
    UserFactory(full_name="Trần Thị Hồng Nhung", role=User.Role.COUNCIL_MEMBER)
    UserFactory(full_name="Lê Văn Tám", role=User.Role.COUNCIL_MEMBER)

    response = client_of(office_user).get(
        reverse("councils:member_picker", args=[council.pk]), {"name": "member-user", "id": "id_member-user", "term": "hong nhung"}
    )

    assert "Trần Thị Hồng Nhung" in response.content.decode()
    assert "Lê Văn Tám" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["unit_user", "council_member"])
def test_council_member_picker_is_refused_to_anyone_but_the_office(client_of, request, role):
    council = CouncilFactory()

    response = client_of(request.getfixturevalue(role)).get(
        reverse("councils:member_picker", args=[council.pk]), {"name": "member-user", "id": "id_member-user", "term": "a"}
    )

    assert response.status_code == 403


@pytest.mark.django_db
def test_council_page_does_not_list_every_account(client_of, office_user):
    council = CouncilFactory()
    UserFactory(full_name="Trần Thị Hồng Nhung", role=User.Role.COUNCIL_MEMBER)

    page = client_of(office_user).get(reverse("councils:detail", args=[council.pk])).content.decode()

    assert "Trần Thị Hồng Nhung" not in page
    assert 'hx-get="/hoi-dong/' in page
