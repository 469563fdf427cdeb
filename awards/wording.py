"""The default wording of a decision, close to real ones; the office edits it on the draft.

Legal bases follow the lawful order (the law on the issuer's organisation, the law on emulation
and commendation, its decree, the body's own regulation, the plan, then "Theo đề nghị của" with
the tờ trình), each instrument with its date, and the one in force on the decision's date.
"""

import datetime

from django.utils.translation import gettext as _

from accounts.models import Organization
from documents.templatetags.official import decision_date_words

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


def legal_bases(organization, campaign, date):
    """The bases of a decision of the organization granting awards of the campaign's plan, on a date."""
    bases = [in_force(LOCAL_GOVERNMENT_LAWS, date)] if organization.kind in LOCAL_BODIES else []
    return bases + [
        LAW,
        in_force(DECREES, date),
        f"Căn cứ Quyết định số {BLANK} ban hành Quy chế Thi đua, khen thưởng của {organization.name};",
        f"Căn cứ Kế hoạch số {campaign.number} {decision_date_words(campaign.issue_date)} của {campaign.issuing_organization};",
        f"Theo đề nghị của Thường trực Hội đồng Thi đua – Khen thưởng tại Tờ trình số {BLANK} ngày {BLANK}.",
    ]


def awardee_count(collectives, individuals):
    """ "02 tập thể và 05 cá nhân" (two digits, as decisions count), leaving out a kind with none."""
    parts = [_("%(count)s tập thể") % {"count": f"{collectives:02d}"}] if collectives else []
    parts += [_("%(count)s cá nhân") % {"count": f"{individuals:02d}"}] if individuals else []
    return _(" và ").join(parts)


def executing_article(organization, units):
    """Điều 3: who carries the decision out, each body named."""
    return _(
        "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng %(body)s, Thủ trưởng %(units)s, các cơ quan, "
        "đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
    ) % {"body": organization.name, "units": ", ".join(unit.name for unit in units)}


def recipients(organization, campaign):
    """Nơi nhận: those of Điều 3, the plan's issuer to report to when another body, and the archive."""
    lines = [_("Như Điều 3;")]
    if campaign.issuing_organization_id != organization.pk:
        lines.append(_("%(body)s (để báo cáo);") % {"body": campaign.issuing_organization})
    return "\n".join([*lines, _("Lưu: VT, TĐKT.")])
