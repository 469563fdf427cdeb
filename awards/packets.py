"""The package a higher level expects with a decision or a forwarded dossier: one ZIP with a manifest.

Each file is listed in manifest.json with what it is, its size and its SHA-256, so the receiving office
can check that nothing was lost or changed on the way.
"""

import hashlib
import io
import json
import zipfile

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from councils.models import Meeting
from documents.official import render_official
from documents.word import annex_docx, official_docx

from .exports import annex_workbook
from .models import ProposalLetter
from .printing import awardee_list_context, proposal_context


class Packet:
    """A ZIP being filled, with its manifest."""

    def __init__(self, title):
        self.buffer = io.BytesIO()
        self.archive = zipfile.ZipFile(self.buffer, "w", zipfile.ZIP_DEFLATED)
        self.manifest = {"title": title, "created_at": timezone.localtime().isoformat(), "files": []}

    def add(self, path, content, description):
        self.archive.writestr(path, content)
        self.manifest["files"].append({
            "path": path, "description": description, "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        })

    def add_stored(self, path, field_file, description):
        if field_file:
            with field_file.open("rb") as stored:
                self.add(path, stored.read(), description)

    def close(self):
        self.archive.writestr("manifest.json", json.dumps(self.manifest, ensure_ascii=False, indent=2))
        self.archive.close()
        return self.buffer.getvalue()


def _add_dossier(packet, nomination, folder):
    packet.add(f"{folder}/bao-cao-thanh-tich.txt", nomination.achievement_report.encode("utf-8"),
               _("Báo cáo thành tích của %(nominee)s") % {"nominee": nomination.nominee})
    for attachment in nomination.attachments.all():
        packet.add_stored(f"{folder}/{attachment.original_name}", attachment.file, attachment.document_type)


def _add_minutes(packet, nominations):
    meetings = Meeting.objects.filter(agenda__in=nominations).exclude(minutes_pdf="").distinct()
    for meeting in meetings:
        packet.add_stored(f"bien-ban/bien-ban-hop-{meeting.pk}.pdf", meeting.minutes_pdf,
                          _("Biên bản họp: %(meeting)s") % {"meeting": meeting})


def _folder(position, nomination):
    return f"ho-so/{position:02d}-{slugify(str(nomination.nominee))[:60]}"


def _add_proposal(packet, letter, awardees):
    """The office's tờ trình, as PDF and as Word for the higher level to edit or quote."""
    context = proposal_context(letter, awardees)
    packet.add("to-trinh.pdf", render_official("proposal", context), str(letter))
    word = official_docx(context, doc_type="Tờ trình", addressee=letter.addressee, paragraphs=context["paragraphs"],
                         annex_kind="Tờ trình")
    packet.add("to-trinh.docx", word, _("%(letter)s (bản Word)") % {"letter": letter})


def _add_awardee_list(packet, decision, collectives, individuals):
    context = awardee_list_context(decision, [*collectives, *individuals])
    title = _("Danh sách tập thể, cá nhân được khen thưởng")
    packet.add("danh-sach.pdf", render_official("list", context), title)
    packet.add("danh-sach.docx", annex_docx(context, kind="Quyết định"), _("%(title)s (bản Word)") % {"title": title})
    workbook = io.BytesIO()
    annex_workbook(decision, collectives, individuals).save(workbook)
    packet.add("danh-sach.xlsx", workbook.getvalue(), _("%(title)s (bản Excel)") % {"title": title})


def decision_packet(decision, collectives, individuals):
    """The decision, its tờ trình and its list (PDF, Word, Excel), the council's minutes, and each awardee's dossier
    (an entered one has none)."""
    packet = Packet(str(decision))
    packet.add_stored("quyet-dinh.pdf", decision.pdf, str(decision))
    awardees = [*collectives, *individuals]
    letter = ProposalLetter.objects.filter(decision=decision).select_related("organization__parent", "award_form__campaign").first()
    if letter:
        _add_proposal(packet, letter, awardees)
    _add_awardee_list(packet, decision, collectives, individuals)
    nominations = [(position, awardee.nomination) for position, awardee in enumerate(awardees, start=1)
                   if awardee.nomination]
    _add_minutes(packet, [nomination for _position, nomination in nominations])
    for position, nomination in nominations:
        _add_dossier(packet, nomination, _folder(position, nomination))
    return packet.close()


def dossier_packet(nomination):
    """One dossier as it goes upward: its report, attachments and the minutes of the council that approved it."""
    packet = Packet(str(nomination))
    _add_minutes(packet, [nomination.forwarded_from or nomination])
    _add_dossier(packet, nomination, _folder(1, nomination))
    return packet.close()
