"""The minutes (biên bản) of a council meeting, as the plain context the documents app lays out.

The form is the Ministry's for council minutes: numbered in the council's own register, the way
of voting stated, a table of results with the share of ALL members against each threshold, and
absent, recused and written votes each named as such.
"""

from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CouncilMember, VotingRound
from .verification import verify_round

TIME_FORMAT = "%H giờ %M phút, ngày %d/%m/%Y"


def _name(member):
    return f"{member.user.get_full_name()} ({member.get_role_display()})"


def _names(members):
    return "; ".join(_name(member) for member in members)


def _seat(members, role):
    return next((member for member in members if member.role == role), None)


def minutes_context(meeting):
    """Who met, when and where, the quorum, how they voted, and each nomination's votes and result."""
    council = meeting.council
    members = list(council.members.select_related("user__organization"))
    present_ids = set(meeting.attendances.filter(is_present=True).values_list("member_id", flat=True))
    voting = [member for member in members if member.is_voting]
    chair = _seat(members, CouncilMember.Role.CHAIR)
    secretary = _seat(members, CouncilMember.Role.SECRETARY)
    started = timezone.localtime(meeting.opened_at or meeting.starts_at)
    ended = timezone.localtime(meeting.closed_at) if meeting.closed_at else None
    rounds = list(meeting.rounds.filter(status=VotingRound.Status.PUBLISHED).prefetch_related(
        "tallies__nomination__nominee_person", "tallies__nomination__nominee_organization",
        "tallies__nomination__award_form", "receipts__member__user",
    ))
    return {
        "parent_body": council.organization.name,
        "issuing_body": council.name,
        "number": meeting.minutes_number or "",
        "symbol": f"BB-{council.symbol}",
        "place": meeting.campaign.issue_place,
        "date": started.date(),
        "created": meeting.closed_at,
        "summary": meeting.title,
        "sections": [
            {"heading": _("I. THỜI GIAN, ĐỊA ĐIỂM"), "paragraphs": [
                _("Thời gian bắt đầu: %(time)s.") % {"time": started.strftime(TIME_FORMAT)},
                _("Địa điểm: %(place)s.") % {"place": _("họp trực tuyến") if meeting.is_online else meeting.place},
            ]},
            {"heading": _("II. THÀNH PHẦN THAM DỰ"), "paragraphs": _attendance(meeting, members, present_ids, voting, chair, secretary)},
            {"heading": _("III. NỘI DUNG VÀ KẾT QUẢ BIỂU QUYẾT"), "paragraphs": [_voting_way(rounds, len(voting))]},
            *(_round_section(voting_round, members, len(voting)) for voting_round in rounds),
            {"heading": _("IV. KẾT THÚC"), "paragraphs": [
                _("Cuộc họp kết thúc lúc %(time)s.") % {"time": ended.strftime(TIME_FORMAT) if ended else "—"},
                _("Biên bản được lập thành 02 bản, đã thông qua tại cuộc họp; các thành viên dự họp thống nhất nội dung."),
            ]},
        ],
        "signatures": [
            {"lines": [_("THƯ KÝ HỘI ĐỒNG")], "name": secretary.user.get_full_name() if secretary else ""},
            {"lines": [_("CHỦ TỊCH HỘI ĐỒNG")], "name": chair.user.get_full_name() if chair else ""},
        ],
    }


def _attendance(meeting, members, present_ids, voting, chair, secretary):
    present = [member for member in members if member.pk in present_ids]
    absent = [member for member in members if member.pk not in present_ids]
    present_voting = [member for member in voting if member.pk in present_ids]
    return [
        _("Chủ trì: %(name)s. Thư ký: %(secretary)s.") % {
            "name": _name(chair) if chair else "—", "secretary": _name(secretary) if secretary else "—",
        },
        _("Thành viên có mặt: %(names)s.") % {"names": _names(present) or "—"},
        _("Thành viên vắng mặt: %(names)s.") % {"names": _names(absent)} if absent else _("Không có thành viên vắng mặt."),
        _("Có mặt %(present)s/%(total)s thành viên có quyền biểu quyết; tỷ lệ tối thiểu theo quy chế %(quorum)s: "
          "cuộc họp đủ điều kiện biểu quyết.") % {
            "present": len(present_voting), "total": len(voting), "quorum": meeting.council.quorum_label,
        },
    ]


def _voting_way(rounds, voters):
    if not rounds:
        return _("Không có vòng biểu quyết nào được công bố.")
    on_paper = all(voting_round.is_on_paper for voting_round in rounds)
    return _("Hội đồng biểu quyết bằng hình thức bỏ phiếu kín (%(way)s). Tỷ lệ phiếu đồng ý tính trên tổng số "
             "%(voters)s thành viên Hội đồng có quyền biểu quyết, không tính trên số thành viên có mặt.") % {
        "way": _("phiếu giấy") if on_paper else _("phiếu điện tử trên Cổng thông tin"), "voters": voters,
    }


def _percent(value):
    return f"{floatformat(value, 2)}%"


def _round_section(voting_round, members, voters):
    """One round: its results table, then the thresholds and who did not vote in person."""
    tallies = list(voting_round.tallies.all())
    rows = [
        [index, tally.nomination.nominee, tally.nomination.award_form, tally.votes_for,
         _percent(tally.votes_for * 100 / voters) if voters else "—", tally.get_outcome_display()]
        for index, tally in enumerate(tallies, start=1)
    ]
    forms = dict.fromkeys(tally.nomination.award_form for tally in tallies)
    notes = [_("Tỷ lệ phiếu phải đạt: %(form)s: %(threshold)s tổng số thành viên Hội đồng.") % {
        "form": form, "threshold": form.threshold_label,
    } for form in forms]
    notes += _recusals(tallies, members) + _written_votes(voting_round) + _ballot_box_notes(voting_round)
    return {
        "paragraphs": [_("Vòng %(number)s, kết quả kiểm phiếu:") % {"number": voting_round.number}],
        "table": {
            "columns": [_("STT"), _("Tên tập thể, cá nhân"), _("Hình thức khen thưởng"), _("Số phiếu đồng ý"),
                        _("Tỷ lệ % trên tổng số thành viên"), _("Kết quả")],
            "rows": rows,
        },
        "notes": notes,
    }


def _recusals(tallies, members):
    """Members present who did not vote on a dossier of their own organization, named with it."""
    notes = []
    for member in members:
        recused = [str(t.nomination.nominee) for t in tallies if member.is_voting and member.is_recused_from(t.nomination)]
        if recused:
            notes.append(_("%(name)s không biểu quyết hồ sơ của đơn vị mình: %(nominees)s.") % {
                "name": _name(member), "nominees": "; ".join(recused),
            })
    return notes


def _written_votes(voting_round):
    """Absent members whose votes came in writing; only that they voted, never how."""
    written = {receipt.member.pk: receipt.member for receipt in voting_round.receipts.all() if receipt.is_written}
    if not written:
        return []
    return [_("Thành viên vắng mặt có phiếu biểu quyết gửi bằng văn bản: %(names)s.") % {"names": _names(written.values())}]


def _ballot_box_notes(voting_round):
    """An encrypted round's ballot-box hash and its recount; written ballots are not secret, and the minutes say so."""
    if voting_round.is_on_paper:
        return []
    faults = verify_round(voting_round)
    result = _("đã xác minh") if not faults else _("không xác minh được (%(faults)s)") % {"faults": "; ".join(faults)}
    notes = [_("Phiếu được mã hóa trên máy của từng thành viên; mã băm hòm phiếu: %(hash)s; kết quả kiểm lại: %(result)s.")
             % {"hash": voting_round.ballot_box_hash, "result": result}]
    if any(receipt.is_written for receipt in voting_round.receipts.all()):
        notes.append(_("Phiếu gửi bằng văn bản được ghi nhận như đã viết, không thuộc phiếu kín."))
    return notes
