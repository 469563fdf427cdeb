"""What the decision and its certificates say, as the plain contexts the documents app lays out."""

import re

from django.conf import settings
from django.utils.translation import gettext as _

from . import wording
from .exports import position_of

CERTIFICATE_TITLES = {"bang_khen": "Bằng khen", "giay_khen": "Giấy khen"}

def _header(decision):
    return {
        "parent_body": decision.parent_body,
        "issuing_body": decision.issuer_name,
        # A draft bears the number and date the văn thư recorded, else blanks to fill by hand.
        "number": decision.number or "",
        "symbol": decision.symbol,
        "place": decision.issue_place,
        "date": decision.issue_date,
        "signer_lines": decision.signing_authority_lines,
        "signer_name": decision.signer_name,
        "draft": not decision.is_signed,
        "created": decision.signed_at or decision.created_at,
    }


def _awardee_rows(awardees):
    collectives, individuals = [], []
    for awardee in awardees:
        if awardee.is_individual:
            person = awardee.person
            individuals.append({"name": person.full_name, "position": position_of(person), "unit": person.organization.name,
                                "honorific": _("Bà") if person.gender == "female" else _("Ông")})
        else:
            organization = awardee.organization
            collectives.append({"name": organization.name, "unit": organization.parent.name if organization.parent else ""})
    return collectives, individuals


def _awardee_kinds(collectives, individuals):
    if collectives and individuals:
        return _("Tập thể, cá nhân")
    return _("Tập thể") if collectives else _("Cá nhân")


def _inline_list(collectives, individuals):
    """Điều 1's own list: "1. Phòng Hộ tịch, Sở Tư pháp;", the last ending with "."; headed a), b) when both kinds."""
    def items(rows, individual):
        lines = []
        for number, row in enumerate(rows, start=1):
            name = f"{row['honorific']} {row['name']}" if individual else row["name"]
            parts = [name, row.get("position", ""), row["unit"]]
            lines.append(f"{number}. " + ", ".join(part for part in parts if part) + ";")
        return lines
    groups = [(_("a) Tập thể:"), items(collectives, False)), (_("b) Cá nhân:"), items(individuals, True))]
    groups = [(title, lines) for title, lines in groups if lines]
    paragraphs = []
    for title, lines in groups:
        paragraphs += ([title] if len(groups) > 1 else []) + lines
    paragraphs[-1] = paragraphs[-1].rstrip(";") + "."
    return paragraphs


def decision_articles(decision, collectives, individuals, reward):
    """The articles, each a list of paragraphs: Điều 1 with its list or the annex named, the reward, others, execution."""
    inline = decision.lists_inline(len(collectives) + len(individuals))
    article_1 = wording.with_list(decision.article_1, inline)
    articles = [[article_1, *_inline_list(collectives, individuals)] if inline and (collectives or individuals) else [article_1]]
    if decision.reward_computed and reward:
        articles.append([wording.reward_article(reward, decision.award_form.name, decision.reward_fund)])
    elif not decision.reward_computed and decision.article_2.strip():
        articles.append([decision.article_2.strip()])
    articles += [[part.strip()] for part in re.split(r"\n\s*\n", decision.extra_articles) if part.strip()]
    if decision.article_3.strip():
        articles.append([decision.article_3.strip()])
    return articles, inline


def recipient_lines(decision, articles):
    """Nơi nhận: "Như Điều N" names the executing article, whatever the number of articles."""
    if not decision.article_3.strip():
        return decision.recipient_lines
    return [re.sub(r"^Như Điều \d+", f"Như Điều {len(articles)}", line) for line in decision.recipient_lines]


def decision_context(decision, awardees, reward=None):
    """The decision with its list in Điều 1 or in the annex; numbered and dated once the văn thư gives them."""
    collectives, individuals = _awardee_rows(awardees)
    articles, inline = decision_articles(decision, collectives, individuals, reward)
    return _header(decision) | {
        "summary": decision.summary,
        "authority": decision.authority,
        "legal_bases": decision.legal_basis_lines,
        "articles": articles,
        "recipients": recipient_lines(decision, articles),
        "annex": None if inline else _decision_annex(decision, collectives, individuals),
    }


def _decision_annex(decision, collectives, individuals):
    return {
        "summary": _("%(who)s được tặng %(form)s") % {
            "who": _awardee_kinds(collectives, individuals), "form": decision.award_form.name,
        },
        "issuer": decision.award_form.signer_title.split(" - ")[0].strip(),
        "collectives": collectives,
        "individuals": individuals,
    }


def awardee_list_context(decision, awardees):
    """The decision's list as its annex reads, on its own (even where Điều 1 lists the awardees itself)."""
    return _header(decision) | {"annex": _decision_annex(decision, *_awardee_rows(awardees))}


def proposal_context(letter, awardees):
    """The office's Tờ trình (Decree 152/2025's form): to the authority, the bases, the list proposed, in an annex."""
    award_form = letter.award_form
    collectives, individuals = _awardee_rows(awardees)
    office = letter.organization
    campaign = award_form.campaign
    count = wording.awardee_count(len(collectives), len(individuals))
    achievement = (_("Trên cơ sở thành tích đạt được trong phong trào thi đua theo Kế hoạch số %(plan)s")
                   % {"plan": campaign.number} if campaign else _("Trên cơ sở thành tích đạt được của các tập thể, cá nhân"))
    return {
        "parent_body": office.parent.name if office.parent else "",
        "issuing_body": office.name,
        "number": letter.number, "symbol": letter.symbol, "place": letter.issue_place, "date": letter.issue_date,
        "summary": _("Về việc đề nghị tặng %(form)s") % {"form": award_form.name},
        "addressee": letter.addressee,
        "legal_bases": [wording.LAW, *([wording.plan_basis(campaign)] if campaign else [])],
        "paragraphs": [
            _("%(achievement)s, %(body)s kính trình %(addressee)s xem xét, tặng %(form)s cho %(count)s (có danh sách kèm theo).")
            % {"achievement": achievement, "body": office.name, "addressee": letter.addressee,
               "form": award_form.name, "count": count},
            _("%(body)s kính trình %(addressee)s xem xét, quyết định.") % {"body": office.name, "addressee": letter.addressee},
        ],
        "signer_lines": letter.signing_authority_lines,
        "signer_name": letter.signer_name,
        "recipients": [_("Như trên"), _("Lưu: VT, TĐKT")],
        "created": letter.created_at,
        "annex": {
            "summary": _("%(who)s được đề nghị tặng %(form)s") % {
                "who": _awardee_kinds(collectives, individuals), "form": award_form.name,
            },
            "issuer": office.name,
            "collectives": collectives,
            "individuals": individuals,
        },
    }


def certificate_contexts(decision, *, print_on_blank=False, awards=None):
    """One certificate per award of a signed decision still in force (or of the awards given), in register order."""
    if awards is None:
        awards = decision.awards.filter(revoked_in=None)
    awards = awards.select_related("person__organization", "organization__parent", "corrected_in").order_by("position")
    title = CERTIFICATE_TITLES.get(decision.award_form.kind, decision.award_form.get_kind_display())
    achievement = _("Đã có thành tích xuất sắc trong phong trào thi đua theo Kế hoạch số %(plan)s.") % {
        "plan": decision.campaign.number
    } if decision.campaign else _("Đã có thành tích xuất sắc.")
    subject = _("%(form)s theo Quyết định số %(number)s") % {"form": decision.award_form.name, "number": decision.number_symbol}
    # On the office's blank, the positions set for this form's blank; on the digital page, its emblem if uploaded.
    positions = decision.award_form.blank_positions if print_on_blank else None
    emblem = "" if print_on_blank else decision.award_form.emblem_data_uri()
    return [
        {
            "print_on_blank": print_on_blank,
            "positions": positions,
            "emblem": emblem,
            "issuer": decision.issuer_name,
            "subject": subject,
            "created": decision.signed_at,
            "verification_url": settings.SITE_URL.rstrip("/") + award.get_verification_url(),
            "title": title,
            "authority": decision.authority,
            "awardee": _awardee_line(award),
            "awardee_detail": award.awardee_detail,
            "achievement": achievement,
            "place": decision.issue_place,
            "date": decision.issue_date,
            "signer_lines": decision.signing_authority_lines,
            "signer_name": decision.signer_name,
            "decision": {"number": decision.number, "symbol": decision.symbol, "date": decision.issue_date},
            "register_number": award.register_number,
        }
        for award in awards
    ]


def _awardee_line(award):
    if award.person is None:
        return award.awardee_name
    honorific = _("Bà") if award.person.gender == "female" else _("Ông")
    return f"{honorific} {award.awardee_name}"

def decision_filename(decision, suffix):
    number = f"{decision.number:02d}-{decision.symbol.replace('/', '-')}" if decision.is_signed else f"du-thao-{decision.pk}"
    return f"quyet-dinh-{number}{suffix}.pdf"
