"""The published ballot box of an online round, and the recount anyone entitled can run on it.

`ballot_box` gathers the round's public data (key shares, every ballot with its receipt, the encrypted totals,
the partial decryptions and the published counts); `verify_round` checks all of it and names each fault.
Nothing here needs, or could use, a secret.
"""

from django.utils.translation import gettext as _

from . import crypto

OPTIONS = crypto.OPTIONS
# What is fixed when the round closes, and hashed then: the key and the ballots, replaced ones included.
HASHED = ("round", "threshold", "public_key", "trustees", "ballots")


def ballot_box(voting_round):
    """The round's public data as one JSON-ready dict."""
    trustees = voting_round.trustees.select_related("member__user")
    ballots = voting_round.ballots.order_by("pk")
    tallies = voting_round.tallies.select_related("nomination").order_by("nomination_id")
    voters = (
        voting_round.receipts.filter(is_written=False).order_by("member_id")
        .values_list("member_id", "member__user__full_name").distinct()
    )
    written = {}
    for receipt in voting_round.receipts.filter(is_written=True):
        counts = written.setdefault(str(receipt.nomination_id), {})
        counts[receipt.written_choice] = counts.get(receipt.written_choice, 0) + 1
    return {
        "round": voting_round.pk,
        "threshold": voting_round.threshold,
        "public_key": voting_round.public_key,
        "trustees": [
            {"index": t.index, "name": t.member.user.get_full_name(), "transport_key": t.transport_key,
             "key_share": t.key_share}
            for t in trustees
        ],
        "ballots": [
            {"voter": ballot.member_id, "receipt": ballot.receipt, "replaced": ballot.is_replaced, "ballot": ballot.content}
            for ballot in ballots
        ],
        "closing_hash": voting_round.ballot_box_hash,
        "voters": [{"voter": member_id, "name": name} for member_id, name in voters],
        "results": [
            {"nomination": tally.nomination_id, "nominee": str(tally.nomination.nominee),
             "encrypted_totals": tally.encrypted_totals, "votes_for": tally.votes_for,
             "votes_against": tally.votes_against, "written": written.get(str(tally.nomination_id), {})}
            for tally in tallies
        ],
        "partials": {str(t.index): t.partials for t in trustees if t.partials},
        "members": voting_round.meeting.council.members.count(),
    }


def box_hash(box):
    return crypto.sha256_hex({key: box[key] for key in HASHED})


def verify_round(voting_round):
    """Every fault of an online round's published data, in Vietnamese; an empty list means verified."""
    if voting_round.is_on_paper:
        return []
    box = ballot_box(voting_round)
    recused = {
        member.pk: {t.nomination_id for t in voting_round.tallies.select_related("nomination__nominee_person")
                    if member.is_recused_from(t.nomination)}
        for member in voting_round.meeting.council.members.select_related("user")
    }
    faults = _key_faults(box)
    if faults:
        return faults
    ballot_faults, broken = _ballot_faults(box, recused)
    faults += ballot_faults
    if box["closing_hash"]:
        faults += _closing_faults(box, broken)
    return faults


def _key_faults(box):
    faults = []
    indices = [t["index"] for t in box["trustees"]]
    for trustee in box["trustees"]:
        if not trustee["key_share"]:
            faults.append(_("Người giữ khóa %(index)s chưa gửi phần khóa.") % {"index": trustee["index"]})
            continue
        reason = crypto.check_key_share(box["round"], trustee["index"], box["threshold"], trustee["key_share"], indices)
        if reason:
            faults.append(_("Người giữ khóa %(index)s: %(reason)s.") % {"index": trustee["index"], "reason": reason})
    if not faults and crypto.point_hex(crypto.public_key(t["key_share"] for t in box["trustees"])) != box["public_key"]:
        faults.append(_("Khóa công khai của vòng không khớp với các phần khóa của người giữ khóa."))
    return faults


def _ballot_faults(box, recused):
    faults, broken = [], set()
    nomination_ids = [result["nomination"] for result in box["results"]]
    counted = {}
    for entry in box["ballots"]:
        receipt, ballot = entry["receipt"], entry["ballot"]
        if crypto.receipt_code(ballot) != receipt:
            faults.append(_("Phiếu %(receipt)s: nội dung không khớp mã biên nhận (phiếu đã bị sửa).") % {"receipt": receipt})
        voter_ids = [n for n in nomination_ids if n not in recused.get(entry["voter"], set(nomination_ids))]
        reason = crypto.check_ballot(ballot, box["round"], box["public_key"], voter_ids)
        if reason:
            faults.append(_("Phiếu %(receipt)s: %(reason)s.") % {"receipt": receipt, "reason": reason})
            broken.add(receipt)
        if not entry["replaced"]:
            counted[entry["voter"]] = counted.get(entry["voter"], 0) + 1
    for voter in box["voters"]:
        if counted.get(voter["voter"], 0) != 1:
            faults.append(
                _("Thành viên %(name)s đã biểu quyết trực tuyến nhưng hòm phiếu có %(count)s phiếu được tính của họ.")
                % {"name": voter["name"], "count": counted.get(voter["voter"], 0)}
            )
    return faults, broken


def _closing_faults(box, broken):
    faults = []
    if box_hash(box) != box["closing_hash"]:
        faults.append(_("Mã băm hòm phiếu hiện nay (%(now)s) khác mã đã chốt khi đóng vòng (%(closed)s).")
                      % {"now": box_hash(box), "closed": box["closing_hash"]})
    totals = _recomputed_totals(box, broken)
    indices = sorted(int(index) for index in box["partials"])[: box["threshold"]]
    key_shares = [t["key_share"] for t in box["trustees"]]
    opened = len(indices) >= box["threshold"]
    for result in box["results"]:
        nominee = result["nominee"]
        recomputed = totals.get(result["nomination"])
        stored = result["encrypted_totals"]
        if stored != recomputed:
            faults.append(_("Hồ sơ %(nominee)s: tổng phiếu mã hóa đã lưu khác tổng cộng lại từ hòm phiếu.") % {"nominee": nominee})
        if not opened:
            continue
        faults += _decryption_faults(box, result, recomputed, indices, key_shares)
    if not opened and any(r["votes_for"] or r["votes_against"] for r in box["results"]):
        faults.append(_("Có số phiếu được công bố nhưng chưa đủ %(k)s người giữ khóa giải mã.") % {"k": box["threshold"]})
    return faults


def _recomputed_totals(box, broken):
    """The sums of the counted ballots whose proofs hold (a broken one is named already, and left out here)."""
    pairs = {}
    for entry in box["ballots"]:
        if entry["replaced"] or entry["receipt"] in broken:
            continue
        for answer in entry["ballot"]["answers"]:
            for option, choice in zip(OPTIONS, answer["choices"], strict=True):
                pairs.setdefault(answer["nomination"], {}).setdefault(option, []).append(
                    (bytes.fromhex(choice["a"]), bytes.fromhex(choice["b"]))
                )
    return {
        nomination_id: {
            option: dict(zip(("a", "b"), map(crypto.point_hex, crypto.add_ciphertexts(sums)), strict=True))
            for option, sums in options.items()
        }
        for nomination_id, options in pairs.items()
    }


def _decryption_faults(box, result, totals, indices, key_shares):
    faults, counts = [], {}
    nominee = result["nominee"]
    for option in OPTIONS:
        if totals is None:
            counts[option] = 0
            continue
        a, b = crypto.parse_point(totals[option]["a"]), crypto.parse_point(totals[option]["b"])
        shares = {}
        for index in indices:
            partial = ((box["partials"][str(index)] or {}).get(str(result["nomination"])) or {}).get(option)
            context = crypto.partial_context(box["round"], result["nomination"], option, index)
            if not crypto.check_partial(context, crypto.verification_key(index, key_shares), a, partial or {}):
                faults.append(_("Người giữ khóa %(index)s: giải mã từng phần của hồ sơ %(nominee)s (%(option)s) "
                                "không đúng chứng minh.") % {"index": index, "nominee": nominee, "option": crypto.OPTION_LABELS[option]})
                continue
            shares[index] = partial["d"]
        counts[option] = crypto.combine(b, shares, box["members"]) if len(shares) == len(indices) else None
    if None in counts.values():
        return faults or [_("Hồ sơ %(nominee)s: không giải mã được tổng phiếu.") % {"nominee": nominee}]
    for option, field in (("for", "votes_for"), ("against", "votes_against")):
        expected = counts[option] + result["written"].get(option, 0)
        if result[field] != expected:
            faults.append(_("Hồ sơ %(nominee)s: công bố %(option)s %(published)s phiếu, kiểm lại được %(recount)s "
                            "(%(online)s trực tuyến, %(written)s bằng văn bản).") % {
                "nominee": nominee, "option": crypto.OPTION_LABELS[option], "published": result[field], "recount": expected,
                "online": counts[option], "written": result["written"].get(option, 0),
            })
    return faults
