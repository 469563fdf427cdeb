"""What the decision and its certificates say, as the plain contexts the documents app lays out."""

from django.conf import settings
from django.utils.translation import gettext as _

CERTIFICATE_TITLES = {"bang_khen": "Bằng khen", "giay_khen": "Giấy khen"}

def _header(decision):
    return {
        "parent_body": decision.parent_body,
        "issuing_body": decision.issuing_organization.name,
        "number": decision.number if decision.is_signed else "",
        "symbol": decision.symbol,
        "place": decision.issue_place,
        "date": decision.issue_date if decision.is_signed else None,
        "signer_lines": decision.signing_authority_lines,
        "signer_name": decision.signer_name,
        "draft": not decision.is_signed,
        "created": decision.signed_at or decision.created_at,
    }

def _awardee_rows(awardees):
    collectives, individuals = [], []
    for nomination in awardees:
        if nomination.is_individual:
            person = nomination.nominee_person
            position = ", ".join(dict.fromkeys(part for part in (person.position, person.title) if part))
            individuals.append({"name": person.full_name, "position": position, "unit": person.organization.name})
        else:
            organization = nomination.nominee_organization
            unit = organization.parent.name if organization.parent else ""
            collectives.append({"name": organization.name, "unit": unit})
    return collectives, individuals

def _awardee_kinds(collectives, individuals):
    if collectives and individuals:
        return _("Tập thể, cá nhân")
    return _("Tập thể") if collectives else _("Cá nhân")


def decision_context(decision, awardees):
    """The decision with its annex, numbered and dated only once signed."""
    collectives, individuals = _awardee_rows(awardees)
    articles = [[decision.article_1]]
    if decision.article_2:
        articles.append([decision.article_2])
    articles.append([decision.article_3])
    return _header(decision) | {
        "summary": decision.summary,
        "authority": decision.authority,
        "legal_bases": decision.legal_basis_lines,
        "articles": articles,
        "recipients": decision.recipient_lines,
        "annex": {
            "summary": _("%(who)s được tặng %(form)s") % {
                "who": _awardee_kinds(collectives, individuals), "form": decision.award_form.name,
            },
            "issuer": decision.award_form.signer_title.split(" - ")[0].strip(),
            "collectives": collectives,
            "individuals": individuals,
        },
    }

def certificate_contexts(decision, *, print_on_blank=False, awards=None):
    """One certificate per award of a signed decision (or of the awards given), in register order."""
    if awards is None:
        awards = decision.awards.all()
    awards = awards.select_related("person__organization", "organization").order_by("position")
    title = CERTIFICATE_TITLES.get(decision.award_form.kind, decision.award_form.get_kind_display())
    achievement = _("Đã có thành tích xuất sắc trong phong trào thi đua theo Kế hoạch số %(plan)s.") % {
        "plan": decision.campaign.number
    }
    subject = _("%(form)s theo Quyết định số %(number)s") % {"form": decision.award_form.name, "number": decision.number_symbol}
    return [
        {
            "print_on_blank": print_on_blank,
            "issuer": decision.issuing_organization.name,
            "subject": subject,
            "created": decision.signed_at,
            "verification_url": settings.SITE_URL.rstrip("/") + award.get_verification_url(),
            "title": title,
            "authority": decision.authority,
            "awardee": _awardee_line(award),
            "awardee_detail": _awardee_detail(award),
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
        return award.organization.name
    honorific = _("Bà") if award.person.gender == "female" else _("Ông")
    return f"{honorific} {award.person.full_name}"

def _awardee_detail(award):
    if award.person is None:
        return award.organization.parent.name if award.organization.parent else ""
    parts = (award.person.position or award.person.title, award.person.organization.name)
    return ", ".join(part for part in parts if part)

def decision_filename(decision, suffix):
    number = f"{decision.number:02d}-{decision.symbol}" if decision.is_signed else f"du-thao-{decision.pk}"
    return f"quyet-dinh-{number}{suffix}.pdf"
