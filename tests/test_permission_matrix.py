"""Who may open what: every URL pattern × every role × GET and POST, against one declared table.

The world is body A's (Cần Thơ: its plan, a dossier of unit A in review on its council's agenda, reports,
meetings, decisions, awards); the roles are A's own people and those of body B (An Giang), who must be
refused everything of A's that is not public. Patterns are read from the URL resolver: a new view has no
entry in EXPECTED until one is declared, and the test names it. To add a view, add ONE line to EXPECTED:

    "app:name": row(get=ROLES_ALLOWED_TO_GET, post=ROLES_ALLOWED_TO_POST, pk="world attribute"),

where each URL keyword names an attribute of the `World` below (or a function of it). An answer counts as
refused when it is 403, 404, 405 or a redirect to a login page; anything else is an answer to the role.
Each request runs in a transaction rolled back afterwards, so that no POST changes what the next one sees.
"""

import datetime
import logging
import re
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Organization, User
from awards.services import draft_decision, issue_proposal_letter, sign_decision
from campaigns.models import Campaign, Cluster, Registration
from councils.models import CouncilMember, Meeting, Tally, VotingRound
from nominations.models import Consultation, Nomination
from tests.factories import (
    AwardFormFactory,
    CampaignFactory,
    CommitteeFactory,
    CouncilFactory,
    CouncilMemberFactory,
    MeetingFactory,
    MessageTemplateFactory,
    NominationFactory,
    NotificationFactory,
    OfficeFactory,
    OrganizationFactory,
    ReportFactory,
    UserFactory,
    approved_nomination,
)

ROLES = (
    "anonymous", "unit_a", "unit_b", "staff_a", "staff_b", "leader_a", "leader_b",
    "member_a", "member_b", "secretary_b", "admin",
)
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
NOBODY = frozenset()
ADMIN = frozenset({"admin"})
OFFICE_A = frozenset({"staff_a", "admin"})
OFFICE_OR_LEADER_A = OFFICE_A | {"leader_a"}
# Launched plans of a province are public to everyone signed in there; An Giang's people are not there.
IN_PROVINCE_A = SIGNED_IN - {"unit_b", "staff_b", "leader_b", "member_b", "secretary_b"}
OFFICES = frozenset({"staff_a", "staff_b", "admin"})


@dataclass(frozen=True)
class Row:
    get: frozenset
    post: frozenset
    objects: dict = field(default_factory=dict)


def row(get=NOBODY, post=NOBODY, **objects):
    """The roles allowed to GET and to POST, and which world object fills each URL keyword."""
    return Row(frozenset(get), frozenset(post), objects)


EXPECTED = {
    # Project pages.
    "home": row(get=SIGNED_IN, post=SIGNED_IN),
    "login": row(get=EVERYONE, post=EVERYONE),
    # Logging out answers everyone by sending them to the login page, which reads here as a refusal.
    "logout": row(),
    "password_reset": row(get=EVERYONE, post=EVERYONE),
    "password_reset_done": row(get=EVERYONE),
    "password_reset_confirm": row(get=EVERYONE, post=EVERYONE, uidb64=lambda w: "MQ", token=lambda w: "set-password"),
    "password_reset_complete": row(get=EVERYONE),
    "healthz": row(get=EVERYONE),
    "set_language": row(get=EVERYONE, post=EVERYONE),
    # Old links are permanent redirects to the new address, which then asks its own permission.
    "ho-so/hoi-dong/<path:rest>": row(get=EVERYONE, post=EVERYONE, rest=lambda w: f"{w.council.pk}/"),
    "ho-so/cuoc-hop/<path:rest>": row(get=EVERYONE, post=EVERYONE, rest=lambda w: f"{w.meeting.pk}/"),
    # Plans.
    "campaigns:list": row(get=SIGNED_IN, post=SIGNED_IN),
    "campaigns:create": row(get=OFFICES, post=OFFICES),
    "campaigns:detail": row(get=IN_PROVINCE_A, post=IN_PROVINCE_A, pk="campaign"),
    "campaigns:edit": row(get=OFFICE_A, post=OFFICE_A, pk="campaign"),
    "campaigns:launch": row(post=OFFICE_A, pk="campaign"),
    "campaigns:close_nominations": row(post=OFFICE_A, pk="campaign"),
    "campaigns:reopen_nominations": row(post=OFFICE_A, pk="campaign"),
    "campaigns:conclude": row(post=OFFICE_A, pk="campaign"),
    "campaigns:parts": row(get=OFFICE_A, post=OFFICE_A, pk="campaign", part=lambda w: "hinh-thuc"),
    "campaigns:certificate_layout": row(get=OFFICE_A, post=OFFICE_A, pk="award_form"),
    "campaigns:reminders": row(get=OFFICE_OR_LEADER_A, post=OFFICE_OR_LEADER_A, pk="campaign"),
    "campaigns:reports": row(get=OFFICE_OR_LEADER_A, post=OFFICE_OR_LEADER_A, pk="campaign"),
    "campaigns:report_export": row(get=OFFICE_OR_LEADER_A, post=OFFICE_OR_LEADER_A, pk="campaign"),
    "campaigns:request_reports": row(get=OFFICE_A, post=OFFICE_A, pk="campaign"),
    "campaigns:grant_extension": row(get=OFFICE_A, post=OFFICE_A, pk="campaign"),
    "campaigns:my_reports": row(get=SIGNED_IN, post=SIGNED_IN),
    "campaigns:import": row(get=OFFICES, post=OFFICES),
    "campaigns:participation": row(get=OFFICE_A | {"unit_a"}, post=OFFICE_A | {"unit_a"}, pk="campaign"),
    "campaigns:participation_import": row(post=OFFICE_A, pk="campaign"),
    "campaigns:report_detail": row(get=OFFICE_OR_LEADER_A | {"unit_a"}, post=OFFICE_OR_LEADER_A | {"unit_a"}, pk="report"),
    "campaigns:report_submit": row(get={"unit_a"}, post={"unit_a"}, pk="report"),
    "campaigns:report_unit_picker": row(get=OFFICE_OR_LEADER_A, post=OFFICE_OR_LEADER_A, pk="campaign"),
    "campaigns:report_attachment": row(get=OFFICE_OR_LEADER_A | {"unit_a"}, post=OFFICE_OR_LEADER_A | {"unit_a"}, pk="report"),
    "campaigns:report_evaluate": row(get=NOBODY, post=OFFICE_A, pk="report"),
    "campaigns:registration": row(get={"unit_a"}, post={"unit_a"}, pk="campaign"),
    "campaigns:registrations": row(get=OFFICE_OR_LEADER_A, post=OFFICE_OR_LEADER_A, pk="campaign"),
    "campaigns:registration_review": row(get=NOBODY, post=OFFICE_A, pk="registration"),
    # Clusters: the office that keeps one manages it; its members (unit A, the year's head) score and propose.
    "campaigns:clusters": row(get=SIGNED_IN, post=SIGNED_IN),
    "campaigns:cluster_create": row(get=OFFICES, post=OFFICES),
    "campaigns:cluster": row(get=OFFICE_OR_LEADER_A | {"unit_a"}, post=OFFICE_A, pk="cluster"),
    "campaigns:cluster_edit": row(get=OFFICE_A, post=OFFICE_A, pk="cluster"),
    "campaigns:cluster_scoring": row(
        get={"unit_a"}, post={"unit_a"}, pk="cluster", campaign_pk="scored_campaign", year=lambda w: 2026,
    ),
    "campaigns:cluster_ranking": row(
        get=OFFICE_OR_LEADER_A | {"unit_a"}, post={"unit_a"}, pk="cluster", campaign_pk="scored_campaign", year=lambda w: 2026,
    ),
    # Dossiers: the unit's own, the office it is sent to, the council holding it on its agenda.
    "nominations:list": row(get=SIGNED_IN, post=SIGNED_IN),
    "nominations:export": row(get=SIGNED_IN, post=SIGNED_IN),
    # The unit picker lists only the units whose dossiers the user sees: anyone but a unit may search it.
    "nominations:unit_picker": row(get=SIGNED_IN - {"unit_a", "unit_b"}, post=SIGNED_IN - {"unit_a", "unit_b"}),
    "nominations:bulk": row(post=OFFICE_A, ids="nomination"),
    "nominations:create": row(get={"unit_a"}, post={"unit_a"}, campaign_pk="campaign"),
    "nominations:import": row(get={"unit_a"}, post={"unit_a"}, campaign_pk="campaign"),
    "nominations:import_confirm": row(post={"unit_a"}, campaign_pk="campaign"),
    # A job is read only by the user who started it (tests/nominations/test_imports.py): none is started here.
    "nominations:import_progress": row(campaign_pk="campaign", job=lambda world: "0" * 32),
    "nominations:import_template": row(get={"unit_a", "unit_b", "admin"}, post={"unit_a", "unit_b", "admin"}),
    "nominations:detail": row(get=OFFICE_OR_LEADER_A | {"unit_a", "member_a"}, post=OFFICE_OR_LEADER_A | {"unit_a", "member_a"}, pk="nomination"),
    "nominations:edit": row(get={"unit_a"}, post={"unit_a"}, pk="nomination"),
    "nominations:upload": row(post={"unit_a"}, pk="nomination"),
    "nominations:delete_attachment": row(post={"unit_a"}, pk="nomination", attachment_pk="attachment"),
    "nominations:download": row(
        get=OFFICE_OR_LEADER_A | {"unit_a", "member_a"}, post=OFFICE_OR_LEADER_A | {"unit_a", "member_a"},
        pk="nomination", attachment_pk="attachment",
    ),
    "nominations:submit": row(post={"unit_a"}, pk="nomination"),
    "nominations:withdraw": row(post={"unit_a"}, pk="nomination"),
    "nominations:return": row(post=OFFICE_A, pk="nomination"),
    "nominations:appraise": row(get=OFFICE_A, post=OFFICE_A, pk="nomination"),
    "nominations:accept": row(post=OFFICE_A, pk="nomination"),
    "nominations:score": row(get=OFFICE_A, post=OFFICE_A, pk="nomination"),
    "nominations:ranking": row(get=OFFICE_A, post=OFFICE_A, award_form_pk="award_form"),
    # Public consultation: the list is public (no sign-in) and anyone comments; its office publishes and answers.
    "nominations:consultation_publish": row(post=OFFICE_A, award_form_pk="award_form"),
    "nominations:consultation": row(get=EVERYONE, post=EVERYONE, pk="consultation"),
    "nominations:consultation_answer": row(post=OFFICE_A, pk="comment"),
    # Councils: their office runs them, their members see their meetings, their secretary runs a meeting.
    "councils:list": row(get={"staff_a", "staff_b", "leader_a", "leader_b", "admin"}, post={"staff_a", "staff_b", "leader_a", "leader_b", "admin"}),
    "councils:create": row(get=OFFICES, post=OFFICES),
    "councils:organization_picker": row(get=OFFICES, post=OFFICES),
    "councils:member_picker": row(get=OFFICE_A, post=OFFICE_A, pk="council"),
    "councils:detail": row(get=OFFICE_OR_LEADER_A, post=OFFICE_OR_LEADER_A, pk="council"),
    "councils:quorum": row(post=OFFICE_A, pk="council"),
    "councils:member_add": row(post=OFFICE_A, pk="council"),
    "councils:member_change": row(post=OFFICE_A, pk="council", member_pk="seat"),
    "councils:member_remove": row(post=OFFICE_A, pk="council", member_pk="seat"),
    "councils:meetings": row(get=SIGNED_IN - {"unit_a", "unit_b"}, post=SIGNED_IN - {"unit_a", "unit_b"}),
    "councils:meeting_export": row(get=SIGNED_IN - {"unit_a", "unit_b"}, post=SIGNED_IN - {"unit_a", "unit_b"}),
    "councils:meeting_create": row(get=OFFICES, post=OFFICES),
    "councils:meeting": row(get=OFFICE_OR_LEADER_A | {"member_a"}, post=OFFICE_OR_LEADER_A | {"member_a"}, pk="meeting"),
    "councils:meeting_attendance": row(post=OFFICE_A, pk="meeting"),
    "councils:meeting_open_round": row(post=OFFICE_A, pk="meeting"),
    "councils:meeting_written_ballot": row(post=OFFICE_A, pk="meeting"),
    "councils:meeting_paper_counts": row(post=OFFICE_A, pk="meeting"),
    "councils:meeting_close_round": row(post=OFFICE_A, pk="meeting"),
    "councils:meeting_publish_round": row(post=OFFICE_A, pk="meeting"),
    "councils:meeting_chair_decides": row(post=OFFICE_A, pk="meeting", tally_pk="tally"),
    "councils:meeting_close": row(post=OFFICE_A, pk="meeting"),
    "councils:meeting_vote": row(get={"member_a"}, post={"member_a"}, pk="meeting"),
    "councils:meeting_minutes": row(get=OFFICE_OR_LEADER_A | {"member_a"}, post=OFFICE_OR_LEADER_A | {"member_a"}, pk="meeting"),
    "councils:meeting_minutes_generate": row(post=OFFICE_A, pk="meeting"),
    "councils:meeting_minutes_sign": row(post={"member_a"}, pk="meeting"),
    "councils:meeting_minutes_sign_with_token": row(post={"member_a"}, pk="meeting"),
    "councils:meeting_void_round": row(post=OFFICE_A, pk="meeting"),
    # Only the round's own trustees open it; the world's round has none.
    "councils:round_trustee": row(pk="meeting", number=lambda world: 1),
    "councils:round_ballot_box": row(get=OFFICE_OR_LEADER_A | {"member_a"}, post=OFFICE_OR_LEADER_A | {"member_a"}, pk="meeting", number=lambda world: 1),
    "councils:round_ballot_box_json": row(get=OFFICE_OR_LEADER_A | {"member_a"}, post=OFFICE_OR_LEADER_A | {"member_a"}, pk="meeting", number=lambda world: 1),
    "councils:round_recount": row(get=OFFICE_OR_LEADER_A | {"member_a"}, post=OFFICE_OR_LEADER_A | {"member_a"}, pk="meeting", number=lambda world: 1),
    # Decisions: their office drafts, the leader of the issuing body signs, the awarded unit reads the signed one.
    "awards:decisions": row(get=SIGNED_IN, post=SIGNED_IN),
    "awards:decision_create": row(get=OFFICES, post=OFFICES),
    "awards:decision_create_outside_plans": row(post=OFFICES),
    "awards:decision": row(get=OFFICE_OR_LEADER_A, post=OFFICE_OR_LEADER_A, pk="draft"),
    "awards:decision_edit": row(get=OFFICE_A, post=OFFICE_A, pk="draft"),
    "awards:decision_sign": row(post={"leader_a"}, pk="draft"),
    "awards:awardee_add": row(post=OFFICE_A, pk="draft"),
    "awards:awardee_import": row(post=OFFICE_A, pk="draft"),
    "awards:awardee_remove": row(post=OFFICE_A, pk="draft", awardee_pk=lambda w: w.draft.awardees.get().pk),
    "awards:proposal_create": row(post=OFFICE_A, pk="draft"),
    "awards:proposal_pdf": row(get=OFFICE_OR_LEADER_A, post=OFFICE_OR_LEADER_A, pk="draft"),
    "awards:decision_sign_digitally": row(post={"leader_a"}, pk="signed"),
    "awards:decision_sign_with_token": row(post={"leader_a"}, pk="signed"),
    "awards:decision_packet": row(get=OFFICE_OR_LEADER_A, post=OFFICE_OR_LEADER_A, pk="signed"),
    "awards:forward": row(get=OFFICE_A, post=OFFICE_A, pk="campaign"),
    "awards:nomination_packet": row(get=OFFICE_OR_LEADER_A, post=OFFICE_OR_LEADER_A, pk="nomination"),
    "awards:revoke": row(get=OFFICE_A, post=OFFICE_A, pk="award"),
    "awards:correct": row(get=OFFICE_A, post=OFFICE_A, pk="award"),
    "awards:verify_lookup": row(get=EVERYONE, post=EVERYONE),
    "awards:signature_check": row(get=SIGNED_IN, post=SIGNED_IN),
    # The page a certificate's QR code opens: public, and it shows only what the signed decision made public.
    "awards:verify": row(get=EVERYONE, post=EVERYONE, code=lambda w: w.award.verification_code),
    "awards:decision_documents": row(post=OFFICE_OR_LEADER_A, pk="signed"),
    "awards:decision_pdf": row(get=OFFICE_OR_LEADER_A | {"unit_a"}, post=OFFICE_OR_LEADER_A | {"unit_a"}, pk="signed"),
    "awards:certificates_pdf": row(get=OFFICE_OR_LEADER_A, post=OFFICE_OR_LEADER_A, pk="signed"),
    "awards:award_certificate": row(
        get=OFFICE_OR_LEADER_A | {"unit_a"}, post=OFFICE_OR_LEADER_A | {"unit_a"}, pk="signed", award_pk="award",
    ),
    "awards:decision_export": row(get=OFFICE_OR_LEADER_A | {"unit_a"}, post=OFFICE_OR_LEADER_A | {"unit_a"}, pk="signed"),
    "awards:register": row(get=SIGNED_IN, post=SIGNED_IN),
    "awards:register_export": row(
        get={"staff_a", "staff_b", "leader_a", "leader_b", "admin"}, post={"staff_a", "staff_b", "leader_a", "leader_b", "admin"},
    ),
    "awards:person": row(get=OFFICE_OR_LEADER_A | {"unit_a"}, post=OFFICE_OR_LEADER_A | {"unit_a"}, pk="person"),
    "awards:organization": row(get=OFFICE_OR_LEADER_A | {"unit_a"}, post=OFFICE_OR_LEADER_A | {"unit_a"}, pk="unit_organization"),
    # Dashboards: each office and leader over its own scope (the figures are scoped by dashboards.figures.Scope).
    "dashboards:dashboard": row(get=OFFICES | {"leader_a", "leader_b"}, post=OFFICES | {"leader_a", "leader_b"}),
    "dashboards:export": row(get=OFFICES | {"leader_a", "leader_b"}, post=OFFICES | {"leader_a", "leader_b"}, slug=lambda w: "status"),
    "dashboards:statistics": row(get=OFFICES | {"leader_a", "leader_b"}, post=OFFICES | {"leader_a", "leader_b"}),
    "dashboards:statistics_pdf": row(get=OFFICES | {"leader_a", "leader_b"}, post=OFFICES | {"leader_a", "leader_b"}),
    # The office's world: the organizations and unit accounts of its province; an invitation link for anyone holding it.
    "accounts:organizations": row(get=OFFICES, post=OFFICES),
    "accounts:organization_create": row(get=OFFICES, post=OFFICES),
    "accounts:organization_edit": row(get=OFFICE_A, post=OFFICE_A, pk="unit_organization"),
    "accounts:organization_merge": row(post=OFFICE_A, pk="unit_organization"),
    "accounts:accounts": row(get=OFFICES, post=OFFICES),
    "accounts:account_invite": row(get=OFFICES, post=OFFICES),
    "accounts:account_deactivate": row(post=OFFICE_A, pk="unit_account"),
    "accounts:set_password": row(get=EVERYONE, post=EVERYONE, uidb64=lambda w: "MQ", token=lambda w: "set-password"),
    # Notifications: one's own; message templates are the portal's wording, edited by any office.
    "notifications:list": row(get=SIGNED_IN, post=SIGNED_IN),
    "notifications:open": row(get={"unit_a"}, post={"unit_a"}, pk="notification"),
    "notifications:mark_read": row(post={"unit_a"}, pk="notification"),
    "notifications:mark_all_read": row(post=SIGNED_IN),
    "notifications:template_list": row(get=OFFICES, post=OFFICES),
    "notifications:template_edit": row(get=OFFICES, post=OFFICES, pk="message_template"),
}
# Django's admin site, one rule for all its pages: the administrator only. Every admin page is tried for every
# other role; the administrator's own answers depend on each page's parameters and are Django's to test.
EXPECTED_NAMESPACES = {"admin": row(get=ADMIN, post=ADMIN)}
EXPECTED |= {
    "admin:login": row(get={"anonymous", "admin"}, post={"anonymous", "admin"}),
    "admin:logout": row(get=EVERYONE, post=EVERYONE),
}


class World:
    """Body A's objects, with A's own people and body B's, built once for the whole walk."""

    def __init__(self):
        committee_a, office_a = CommitteeFactory(), OfficeFactory()
        unit_a = OrganizationFactory(name="Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ", parent=office_a)
        committee_b = OrganizationFactory(name="Ủy ban nhân dân tỉnh An Giang", kind="peoples_committee", province="An Giang")
        office_b = OrganizationFactory(
            name="Sở Tư pháp tỉnh An Giang", kind="justice_department", province="An Giang", parent=committee_b
        )
        unit_b = OrganizationFactory(name="Trung tâm Trợ giúp pháp lý nhà nước tỉnh An Giang", province="An Giang", parent=office_b)
        police_a = OrganizationFactory(name="Công an thành phố Cần Thơ", kind="police")
        self.unit_organization = unit_a
        self.users = {
            "unit_a": UserFactory(role=User.Role.UNIT, organization=unit_a),
            "unit_b": UserFactory(role=User.Role.UNIT, organization=unit_b),
            "staff_a": UserFactory(role=User.Role.STAFF, organization=office_a),
            "staff_b": UserFactory(role=User.Role.STAFF, organization=office_b),
            "leader_a": UserFactory(role=User.Role.LEADER, organization=office_a),
            "leader_b": UserFactory(role=User.Role.LEADER, organization=office_b),
            "member_a": UserFactory(role=User.Role.COUNCIL_MEMBER, organization=police_a),
            "member_b": UserFactory(role=User.Role.COUNCIL_MEMBER, organization=office_b),
            "secretary_b": UserFactory(role=User.Role.COUNCIL_MEMBER, organization=unit_b),
            "admin": UserFactory(role=User.Role.ADMINISTRATOR, is_staff=True, is_superuser=True, organization=None),
        }
        self.unit_account = self.users["unit_a"]
        far = datetime.date(2099, 12, 31)
        ministry = OrganizationFactory(name="Bộ Tư pháp", kind=Organization.Kind.MINISTRY, province="")
        self.campaign = CampaignFactory(
            issuing_organization=committee_a, nomination_deadline=far, award_deadline=far, status=Campaign.Status.LAUNCHED,
            registration_deadline=far,
            implements=CampaignFactory(issuing_organization=ministry, number="157/QĐ-BTP"),
        )
        award_form = self.award_form = AwardFormFactory(campaign=self.campaign, granting_organization=office_a)
        dossier = {"campaign": self.campaign, "award_form": award_form, "submitting_unit": unit_a}

        self.nomination = NominationFactory(**dossier, status=Nomination.Status.IN_REVIEW)
        self.attachment = self.nomination.attachments.create(
            document_type="Tờ trình", file=ContentFile(b"%PDF-1.4", name="to-trinh.pdf"), original_name="to-trinh.pdf",
            content_type="application/pdf", size=8,
        )
        self.person = self.nomination.nominee_person
        self.report = ReportFactory(campaign=self.campaign, organization=unit_a)
        self.report.attachment.save("bao-cao.pdf", ContentFile(b"%PDF-1.4"))
        self.registration = Registration.objects.create(
            campaign=self.campaign, organization=unit_a, status=Registration.Status.SUBMITTED
        )

        self.council = CouncilFactory(organization=office_a)
        self.seat = CouncilMemberFactory(council=self.council, user=self.users["member_a"], role=CouncilMember.Role.CHAIR)
        self.meeting = MeetingFactory(council=self.council, campaign=self.campaign, status=Meeting.Status.IN_PROGRESS)
        self.meeting.agenda.add(self.nomination)
        self.meeting.minutes_pdf.save("bien-ban.pdf", ContentFile(b"%PDF-1.4"))
        voting_round = VotingRound.objects.create(meeting=self.meeting, number=1, status=VotingRound.Status.PUBLISHED)
        self.tally = Tally.objects.create(voting_round=voting_round, nomination=self.nomination, outcome=Tally.Outcome.TIE_FOR_CHAIR)

        council_b = CouncilFactory(organization=office_b)
        CouncilMemberFactory(council=council_b, user=self.users["member_b"])
        CouncilMemberFactory(council=council_b, user=self.users["secretary_b"], role=CouncilMember.Role.SECRETARY)

        approved_nomination(**dossier)
        to_sign = draft_decision(award_form, by=self.users["staff_a"])
        to_sign.signer_name = "Nguyễn Ngọc Hè"
        to_sign.save()
        self.signed = sign_decision(to_sign, by=self.users["leader_a"])
        self.signed.pdf.save("quyet-dinh.pdf", ContentFile(b"%PDF-1.4"))
        self.signed.certificates_pdf.save("bang-khen.pdf", ContentFile(b"%PDF-1.4"))
        self.award = self.signed.awards.get()
        approved_nomination(**dossier)
        self.draft = draft_decision(award_form, by=self.users["staff_a"])
        issue_proposal_letter(self.draft, by=self.users["staff_a"])

        self.consultation = Consultation.objects.create(
            award_form=award_form, opens_on=datetime.date(2025, 11, 1), closes_on=datetime.date(2099, 12, 31)
        )
        self.comment = self.consultation.comments.create(name="Nguyễn Văn Dân", contact="0901 234 567", text="Đồng ý.")
        self.scored_campaign = self.campaign
        self.campaign.criteria.create(number="1", text="Kết quả thực hiện nhiệm vụ", max_points=50)
        self.cluster = Cluster.objects.create(office=office_a, name="Cụm thi đua số 1 – Sở, ban, ngành")
        self.cluster.members.set([unit_a, police_a])
        self.cluster.appoint(by=self.users["staff_a"], year=2026, head=unit_a, deputies=[police_a])
        self.notification = NotificationFactory(recipient=self.users["unit_a"])
        self.message_template = MessageTemplateFactory()


def url_patterns(resolver=None, namespace="", prefix=""):
    """(key, pattern, route) for every pattern the resolver holds; the key is "app:name", or the route when unnamed."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern, inner, route)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name or route}", pattern, route


def expectation(key):
    namespace = key.partition(":")[0] if ":" in key else ""
    return EXPECTED.get(key) or EXPECTED_NAMESPACES.get(namespace)


def keywords(pattern):
    return list(pattern.pattern.converters) or list(pattern.pattern.regex.groupindex)


# Values of the right shape for the admin's URL keywords: every admin page refuses a non-administrator first.
ADMIN_KEYWORDS = {"app_label": "accounts", "object_id": "1", "content_type_id": "1", "url": "x"}


def address(key, pattern, route, world):
    """The URL to try, and the POST data (the dossier ids of a bulk action)."""
    if key.startswith("admin:"):
        kwargs = {name: ADMIN_KEYWORDS.get(name, "1") for name in keywords(pattern)}
        data = {}
    else:
        objects = dict(EXPECTED[key].objects)
        ids = objects.pop("ids", None)
        kwargs = {name: value(world) if callable(value) else getattr(world, value).pk for name, value in objects.items()}
        data = {"selected": [getattr(world, ids).pk], "action": "return", "reasons": "x"} if ids else {}
    if pattern.name:
        return reverse(key, kwargs=kwargs), data
    url = "/" + route.lstrip("^").rstrip("$")  # unnamed: the route with its keywords filled in
    for name, value in kwargs.items():
        url = re.sub(rf"<(\w+:)?{name}>|\(\?P<{name}>[^)]*\)", str(value), url)
    return url, data


def is_refused(response):
    if response.status_code in (403, 404, 405):
        return True
    location = response.get("Location", "") if response.status_code in (301, 302) else ""
    return location.startswith((reverse("login"), "/admin/login/"))


def answer(client, method, url, data):
    """Whether the role was refused, with nothing the request did kept: not its rows, not its cookies (a logout)."""
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url, data)
        transaction.set_rollback(True)
    client.cookies.clear()
    for name, value in cookies.items():
        client.cookies[name] = value
    return is_refused(response), response.status_code


@pytest.fixture
def quiet_refusals():
    """Thousands of expected 403s would each log a traceback: keep the log for errors."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


def test_every_url_pattern_is_declared():
    keys = [key for key, _pattern, _route in url_patterns()]
    missing = sorted(key for key in keys if expectation(key) is None)
    stale = sorted(set(EXPECTED) - set(keys))

    assert missing == [], f"URL patterns without an entry in EXPECTED (tests/test_permission_matrix.py): {missing}"
    assert stale == [], f"EXPECTED entries naming no URL pattern: {stale}"


@pytest.mark.django_db
def test_every_url_answers_each_role_as_declared(settings, tmp_path, capsys, quiet_refusals):
    settings.MEDIA_ROOT = tmp_path
    # Token signing shows only where a PKCS#11 library is configured; the empty POSTs here never load it.
    settings.PKCS11_MODULE = "/usr/lib/pkcs11/token-vendor.so"
    world = World()
    clients = {"anonymous": Client()}
    for role, user in world.users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    mismatches, tried = [], 0

    for key, pattern, route in url_patterns():
        expected = expectation(key)
        url, data = address(key, pattern, route, world)
        for method, allowed in (("GET", expected.get), ("POST", expected.post)):
            for role in ROLES:
                if key.startswith("admin:") and role == "admin" and key != "admin:index":
                    continue
                refused, status = answer(clients[role], method, url, data)
                tried += 1
                if refused == (role in allowed):
                    verb = "refused" if refused else "answered"
                    mismatches.append(f"{key} {method} {url} as {role}: {verb} ({status})")

    with capsys.disabled():
        print(f"\npermission matrix: {tried} URL × role × method combinations tried, {len(mismatches)} unexpected")
    assert not mismatches, "Answers the table does not declare:\n" + "\n".join(mismatches)
