"""The default wording of a decision, close to real ones; the office edits it on the draft.

Legal bases follow the lawful order (the law on the issuer's organisation, the law on emulation
and commendation, its decree, the body's own regulation, the plan, then "Theo đề nghị của" with
the tờ trình), each instrument with its date, and the one in force on the decision's date.
"""

import datetime

from django.utils.translation import gettext as _

from accounts.models import Organization
from documents.texts import decision_date_words

# What the data does not hold (the regulation's and the tờ trình's number and date): filled in on the draft.
BLANK = "…"

LOCAL_BODIES = (
    Organization.Kind.PEOPLES_COMMITTEE, Organization.Kind.JUSTICE_DEPARTMENT, Organization.Kind.DEPARTMENT,
    Organization.Kind.DISTRICT_JUSTICE,
)

# (in force from, basis): the last one whose date has come applies.
LOCAL_GOVERNMENT_LAWS = [
    (datetime.date(2015, 1, 1), "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, "
     "bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;"),
    (datetime.date(2025, 6, 16), "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"),
]
LAW = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
DECREES = [
    (datetime.date(2024, 1, 1), "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
     "thi hành một số điều của Luật Thi đua, khen thưởng;"),
    (datetime.date(2025, 7, 1), "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết "
     "một số điều của Luật Thi đua, khen thưởng;"),
]


def in_force(instruments, date):
    """The instrument in force on a date: the last whose start has come, else the first."""
    return next((text for start, text in reversed(instruments) if start <= date), instruments[0][1])


PROPOSAL_OPENING = "Theo đề nghị của"
DEFAULT_PROPOSER = "Thường trực Hội đồng Thi đua – Khen thưởng"


def legal_bases(organization, campaign, date, forwarded=()):
    """The bases of a decision of the organization granting awards of the campaign's plan (or of none), on a date.

    `forwarded` holds (body, letter number, letter date) of the lower bodies whose dossiers it grants.
    """
    bases = [in_force(LOCAL_GOVERNMENT_LAWS, date)] if organization.kind in LOCAL_BODIES else []
    return bases + [
        LAW,
        in_force(DECREES, date),
        f"Căn cứ Quyết định số {BLANK} ban hành Quy chế Thi đua, khen thưởng của {organization.name};",
        *([plan_basis(campaign) + ";"] if campaign else []),
        *(f"Xét đề nghị của {body} tại Tờ trình số {number or BLANK} {_letter_date(date)};" for body, number, date in forwarded),
        proposal_basis(),
    ]


def plan_basis(campaign):
    return f"Căn cứ Kế hoạch số {campaign.number} {decision_date_words(campaign.issue_date)} của {campaign.issuing_organization}"


def _letter_date(date):
    return decision_date_words(date) if date else f"ngày {BLANK}"


def proposal_basis(proposer=DEFAULT_PROPOSER, number=BLANK, date=None):
    """ "Theo đề nghị của … tại Tờ trình số … ngày …." with what is known of the tờ trình."""
    return f"{PROPOSAL_OPENING} {proposer} tại Tờ trình số {number} {_letter_date(date)}."


def cite_proposal(legal_bases_text, line):
    """Put the tờ trình's line in place of the "Theo đề nghị của" basis (or last, when there is none)."""
    lines = [basis for basis in legal_bases_text.splitlines() if basis.strip()]
    kept = [basis for basis in lines if not basis.strip().startswith(PROPOSAL_OPENING)]
    return "\n".join([*kept, line])


def grant_article(form_name, collectives, individuals, campaign):
    """Điều 1 without its list: the list follows it, or the annex is named after it; a plan is cited when there is one."""
    awardees = awardee_count(collectives, individuals)
    if campaign is None:
        return _("Tặng %(form)s cho %(awardees)s đã có thành tích xuất sắc") % {"form": form_name, "awardees": awardees}
    return _(
        "Tặng %(form)s cho %(awardees)s đã có thành tích xuất sắc trong phong trào thi đua theo Kế hoạch số %(plan)s"
    ) % {"form": form_name, "awardees": awardees, "plan": campaign.number}


def with_list(article, inline):
    """End Điều 1 with ", gồm:" before its own list, or name the annex, unless the office already wrote it."""
    text = article.rstrip(" .;:")
    if inline:
        return text if text.endswith("gồm") else text + ", gồm:"
    return article if "kèm theo" in text else text + " (có danh sách kèm theo)."


def money(amount):
    """ "2.340.000 đồng" (Vietnamese thousands separator)."""
    return f"{amount:,} đồng".replace(",", ".")


def coefficient(value):
    """ "1,0", "0,3" (decimal comma)."""
    return f"{value:.1f}".replace(".", ",") if value == round(value, 1) else f"{value:.2f}".replace(".", ",")


def reward_article(reward, form_name, fund):
    """Điều 2: each award's cash reward, with its coefficient and the base salary in force, the total and the fund."""
    parts = [
        _("Mỗi %(who)s được tặng %(form)s được thưởng %(amount)s (%(coefficient)s lần mức lương cơ sở)") % {
            "who": who, "form": form_name, "amount": money(amount), "coefficient": coefficient(factor),
        }
        for who, factor, amount in reward.lines
    ]
    salary = _("Mức lương cơ sở %(amount)s theo %(instrument)s") % {
        "amount": money(reward.salary.amount), "instrument": reward.salary.instrument,
    }
    total = _("Tổng số tiền thưởng: %(total)s") % {"total": money(reward.total)}
    paid = _("Kinh phí khen thưởng chi từ %(fund)s") % {"fund": fund} if fund else ""
    return "; ".join(parts) + ". " + ". ".join(part for part in (salary, total, paid) if part) + "."


def awardee_count(collectives, individuals):
    """ "02 tập thể và 05 cá nhân" (two digits, as decisions count), leaving out a kind with none."""
    parts = [_("%(count)s tập thể") % {"count": f"{collectives:02d}"}] if collectives else []
    parts += [_("%(count)s cá nhân") % {"count": f"{individuals:02d}"}] if individuals else []
    return _(" và ").join(parts)


def executing_article(organization, units):
    """Điều 3: who carries the decision out, each body named."""
    heads = _("Thủ trưởng %(units)s, ") % {"units": ", ".join(unit.name for unit in units)} if units else _("Thủ trưởng ")
    return _(
        "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng %(body)s, %(heads)scác cơ quan, "
        "đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
    ) % {"body": organization.name, "heads": heads}


def recipients(organization, campaign):
    """Nơi nhận: those of Điều 3, the plan's issuer to report to when another body, and the archive."""
    lines = [_("Như Điều 3;")]
    if campaign and campaign.issuing_organization_id != organization.pk:
        lines.append(_("%(body)s (để báo cáo);") % {"body": campaign.issuing_organization})
    return "\n".join([*lines, _("Lưu: VT, TĐKT.")])
