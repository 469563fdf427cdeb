"""The minutes (biên bản) of a council meeting, as the plain context the documents app lays out."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CouncilMember, VotingRound


def _names(members):
    return "; ".join(f"{member.user.get_full_name()} ({member.get_role_display()})" for member in members) or "—"


def _seat(members, role):
    return next((member for member in members if member.role == role), None)


def minutes_context(meeting):
    """Who met, when and where, the quorum, and each nomination's votes and result."""
    council = meeting.council
    members = list(council.members.select_related("user__organization"))
    present_ids = set(meeting.attendances.filter(is_present=True).values_list("member_id", flat=True))
    voting = [member for member in members if member.is_voting]
    present_voting = [member for member in voting if member.pk in present_ids]
    chair = _seat(members, CouncilMember.Role.CHAIR)
    secretary = _seat(members, CouncilMember.Role.SECRETARY)
    started = timezone.localtime(meeting.opened_at or meeting.starts_at)
    ended = timezone.localtime(meeting.closed_at) if meeting.closed_at else None
    return {
        "issuing_body": council.name,
        "parent_body": council.organization.name,
        "number": "",
        "symbol": "BB-HĐ",
        "place": meeting.campaign.issue_place,
        "date": started.date(),
        "summary": meeting.title,
        "sections": [
            {"heading": _("I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN"), "paragraphs": [
                _("Thời gian bắt đầu: %(time)s.") % {"time": started.strftime("%H giờ %M phút, ngày %d/%m/%Y")},
                _("Địa điểm: %(place)s.") % {"place": _("họp trực tuyến") if meeting.is_online else meeting.place},
                _("Chủ trì: %(name)s. Thư ký: %(secretary)s.") % {
                    "name": chair.user.get_full_name() if chair else "—",
                    "secretary": secretary.user.get_full_name() if secretary else "—",
                },
                _("Thành viên có mặt: %(names)s.") % {"names": _names(m for m in members if m.pk in present_ids)},
                _("Thành viên vắng mặt: %(names)s.") % {"names": _names(m for m in members if m.pk not in present_ids)},
                _("Có mặt %(present)s/%(total)s thành viên có quyền biểu quyết; tỷ lệ tối thiểu theo quy chế %(quorum)s: "
                  "cuộc họp đủ điều kiện biểu quyết.") % {
                    "present": len(present_voting), "total": len(voting), "quorum": council.quorum_label,
                },
            ]},
            {"heading": _("II. KẾT QUẢ BIỂU QUYẾT"), "paragraphs": _vote_paragraphs(meeting, len(voting))},
            {"heading": _("III. KẾT THÚC"), "paragraphs": [
                _("Cuộc họp kết thúc lúc %(time)s.") % {"time": ended.strftime("%H giờ %M phút, ngày %d/%m/%Y") if ended else "—"},
                _("Biên bản được lập thành hai bản, các thành viên dự họp thống nhất nội dung."),
            ]},
        ],
        "signatures": [
            {"lines": [_("THƯ KÝ HỘI ĐỒNG")], "name": secretary.user.get_full_name() if secretary else ""},
            {"lines": [_("CHỦ TỊCH HỘI ĐỒNG")], "name": chair.user.get_full_name() if chair else ""},
        ],
    }


def _vote_paragraphs(meeting, voters):
    paragraphs = []
    rounds = meeting.rounds.filter(status=VotingRound.Status.PUBLISHED).prefetch_related(
        "tallies__nomination__nominee_person", "tallies__nomination__nominee_organization", "tallies__nomination__award_form"
    )
    for voting_round in rounds:
        paragraphs.append(_("Vòng %(number)s (%(way)s), tỷ lệ tính trên tổng số %(voters)s thành viên:") % {
            "number": voting_round.number, "voters": voters,
            "way": _("bỏ phiếu giấy") if voting_round.is_on_paper else _("bỏ phiếu trên cổng thông tin"),
        })
        for index, tally in enumerate(voting_round.tallies.all(), start=1):
            paragraphs.append(_(
                "%(index)s. %(nominee)s – %(form)s: đồng ý %(for)s, không đồng ý %(against)s, "
                "không biểu quyết %(abstain)s. Kết quả: %(outcome)s."
            ) % {
                "index": index, "nominee": tally.nomination.nominee, "form": tally.nomination.award_form,
                "for": tally.votes_for, "against": tally.votes_against, "abstain": tally.abstentions,
                "outcome": tally.get_outcome_display(),
            })
    return paragraphs or [_("Không có vòng biểu quyết nào được công bố.")]
