import io
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts.models import Organization, Person
from campaigns.models import Campaign
from core.exceptions import PortalError
from core.pagination import IdsFirstPaginator
from core.storage import file_response
from core.views import act_then_redirect
from documents.official import render_official
from documents.signatures import DigitalSignatureForm, TokenSignatureForm, stored_signature_checks
from documents.spreadsheets import xlsx_response
from documents.typesetting import render_certificates
from nominations.imports import ListImportError, read_list
from nominations.models import Nomination

from . import wording
from .exports import annex_workbook, register_workbook
from .filters import AwardFilter, DecisionFilter
from .forms import (
    AwardeeForm,
    AwardeeListForm,
    CorrectionForm,
    DecisionForm,
    DraftDecisionForm,
    EnteredDecisionForm,
    ForwardForm,
    PlanlessDecisionForm,
    RevocationForm,
    SignatureCheckForm,
    draftable_award_forms,
)
from .forwarding import forward_with_proposal, forwardable, sent_letters
from .models import Award, Awardee, Decision, ProposalLetter
from .packets import decision_packet, dossier_packet
from .printing import certificate_contexts, decision_context, decision_filename, proposal_context
from .services import (
    SOURCES,
    add_awardees,
    award_form_outside_plans,
    awardees_in_order,
    compute_reward,
    draft_decision,
    earlier_awards,
    issue_proposal_letter,
    ordered_for_paging,
    remove_awardee,
    sign_decision,
    sign_digitally,
    sign_digitally_with_token,
)
from .tasks import enqueue_documents

PAGE_SIZE = 20
AWARD_RELATIONS = [
    "decision", "award_form__campaign", "nomination", "person__organization", "organization__parent", "revoked_in", "corrected_in",
]
# The public verification page answers this many lookups a minute from one address.
VERIFY_LOOKUPS_PER_MINUTE = 30
# On the forward page these buttons page or search the dossiers; a POST without them sends the tờ trình.
BROWSING_BUTTONS = frozenset({"dossiers_page", "search"})


def _get_decision(request, pk, perm):
    decision = get_object_or_404(
        Decision.objects.select_related("campaign", "award_form", "issuing_organization", "signed_by"), pk=pk
    )
    if not request.user.has_perm(perm, decision):
        raise PermissionDenied
    return decision


def _annex(decision):
    """The awardees as the annex lists them, with register numbers once signed, and earlier awards of the year if a draft."""
    awardees = awardees_in_order(decision)
    # Signing numbers the awards in this order: the n-th awardee is the award at position n.
    awards = {award.position: award for award in decision.awards.select_related("nomination", "corrected_in")} if decision.is_signed else {}
    earlier = {} if decision.is_signed else earlier_awards(decision, awardees)
    for position, awardee in enumerate(awardees, start=1):
        awardee.register_entry = awards.get(position)
        awardee.earlier_awards = earlier.get(awardee.pk, [])
    return awardees


def _split(awardees):
    """(collectives, individuals), as the annex lists them."""
    return [a for a in awardees if not a.is_individual], [a for a in awardees if a.is_individual]


@login_required
def decision_list(request):
    decisions = Decision.objects.visible_to(request.user).select_related("campaign", "award_form")
    decision_filter = DecisionFilter(request.GET, queryset=decisions, user=request.user)
    page = Paginator(decision_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "awards/_decision_rows.html" if request.htmx else "awards/decision_list.html"
    return render(request, template, {"filter": decision_filter, "page": page})


@login_required
def decision_create(request):
    """What awaits a decision (the council's approvals, dossiers forwarded from below) and an entered list; POST drafts one."""
    if not request.user.has_perm("awards.add_decision"):
        raise PermissionDenied
    if request.method == "POST":
        form = DraftDecisionForm(request.POST, user=request.user)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors["award_form"]))
            return redirect("awards:decision_create")
        source = form.cleaned_data["source"] or Decision.Source.COUNCIL
        try:
            decision = draft_decision(form.cleaned_data["award_form"], by=request.user, source=source)
        except PortalError as error:
            messages.error(request, error.message)
            return redirect("awards:decision_create")
        if source == Decision.Source.ENTERED:
            messages.success(request, _("Đã lập dự thảo quyết định. Hãy nhập danh sách tập thể, cá nhân được khen."))
        else:
            messages.success(request, _("Đã lập dự thảo quyết định. Hãy kiểm tra nội dung, ghi người ký rồi trình lãnh đạo ký."))
        return redirect(decision)
    return render(request, "awards/decision_create.html", _create_context(request))


def _create_context(request, planless_form=None):
    query = request.GET.get("q", "").strip()
    return {
        "query": query,
        "groups": _awaiting_groups(request, Decision.Source.COUNCIL, query),
        "forwarded_groups": _awaiting_groups(request, Decision.Source.FORWARDED, query),
        "entered_form": EnteredDecisionForm(user=request.user),
        "planless_form": planless_form or PlanlessDecisionForm(user=request.user),
    }


@login_required
@require_POST
def decision_create_outside_plans(request):
    """A draft for a decision outside any plan of the portal, its list entered next; a refusal keeps what was typed."""
    if not request.user.has_perm("awards.add_decision"):
        raise PermissionDenied
    form = PlanlessDecisionForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "awards/decision_create.html", _create_context(request, form), status=400)
    data = form.cleaned_data
    award_form = award_form_outside_plans(
        data["granting_organization"], kind=data["kind"], name=data["name"], signer_title=data["signer_title"],
    )
    decision = draft_decision(award_form, by=request.user, source=Decision.Source.ENTERED)
    messages.success(request, _("Đã lập dự thảo quyết định không theo kế hoạch. Hãy nhập danh sách tập thể, cá nhân được khen."))
    return redirect(decision)


def _awaiting_groups(request, source, query):
    """One card per award form with dossiers of a source awaiting, each paging its own found (`source`, `form`, `page`).

    A card counts all its form's dossiers, found or not: drafting a decision lists them all.
    """
    awaiting = SOURCES[source]
    of_form = awaiting().filter(award_form=OuterRef("pk")).order_by()
    # Exists picks the forms (it stops at the first dossier); only theirs are counted.
    award_forms = (
        draftable_award_forms(request.user).filter(Exists(of_form))
        .annotate(awaiting_count=Subquery(of_form.values("award_form").annotate(total=Count("pk")).values("total")))
        .select_related("campaign", "granting_organization").order_by("-campaign__issue_date", "campaign", "pk")
    )
    paged = (request.GET.get("source", Decision.Source.COUNCIL), request.GET.get("form"))
    groups = []
    for award_form in award_forms:
        number = request.GET.get("page") if paged == (source, str(award_form.pk)) else 1
        groups.append({"award_form": award_form, "page": _dossier_page(awaiting(award_form).search(query), number)})
    return groups


def _dossier_page(nominations, number):
    """One page of dossiers in the annex's order, sorted in SQL, with what a line shows read by prefetch."""
    nominations = ordered_for_paging(nominations).prefetch_related(
        "submitting_unit", "nominee_person__organization", "nominee_organization"
    )
    return Paginator(nominations, PAGE_SIZE).get_page(number)


@login_required
def decision_detail(request, pk):
    decision = _get_decision(request, pk, "awards.view_decision")
    if request.htmx:
        return render(request, "awards/_documents_panel.html", {"decision": decision})
    return render(request, "awards/decision_detail.html", _detail_context(request, decision))


def _detail_context(request, decision, **forms):
    """The decision page: the document as it reads, its list with warnings, and the office's forms on a draft."""
    awardees = _annex(decision)
    collectives, individuals = _split(awardees)
    reward = compute_reward(decision, len(collectives), len(individuals))
    return {
        "decision": decision,
        "document": decision_context(decision, awardees, reward),
        "reward_summary": _("Mức lương cơ sở %(salary)s; tổng %(total)s") % {
            "salary": wording.money(reward.salary.amount), "total": wording.money(reward.total),
        } if reward else "",
        "collectives": collectives,
        "individuals": individuals,
        "awardee_count": len(awardees),
        "warnings": [awardee for awardee in awardees if awardee.earlier_awards],
        "proposal": ProposalLetter.objects.filter(decision=decision).first(),
        "history": decision.history.select_related("actor"),
        "signatures": stored_signature_checks(decision.pdf) if decision.is_signed else [],
        "signature_form": DigitalSignatureForm(),
        "token_form": (forms.get("token_form") or TokenSignatureForm()) if settings.PKCS11_MODULE else None,
        "awardee_form": forms.get("awardee_form") or AwardeeForm(),
        "list_form": forms.get("list_form") or AwardeeListForm(),
        "list_errors": forms.get("list_errors", []),
    }


def _draft_or_none(request, pk):
    """The draft the office may change, or None with the reason told when it is signed."""
    decision = _get_decision(request, pk, "awards.change_decision")
    try:
        decision.check_editable()
    except PortalError as error:
        messages.error(request, error.message)
        return None
    return decision


@login_required
@require_POST
def awardee_add(request, pk):
    """The office types one collective or person into the draft's list; a bad entry keeps what was typed."""
    decision = _draft_or_none(request, pk)
    if decision is None:
        return redirect("awards:decision", pk)
    form = AwardeeForm(request.POST)
    if not form.is_valid():
        return render(request, "awards/decision_detail.html", _detail_context(request, decision, awardee_form=form), status=400)
    add_awardees(decision, [form.entry()], by=request.user)
    messages.success(request, _("Đã thêm %(name)s vào danh sách.") % {"name": form.cleaned_data["name"]})
    return redirect(decision.get_absolute_url() + "#danh-sach")


@login_required
@require_POST
def awardee_import(request, pk):
    """The office imports an Excel list into the draft: all its rows, or none with each bad row named."""
    decision = _draft_or_none(request, pk)
    if decision is None:
        return redirect("awards:decision", pk)
    form = AwardeeListForm(request.POST, request.FILES)
    errors = []
    if form.is_valid():
        try:
            entries = [row.entry for row in read_list(form.cleaned_data["excel"])]
            added = add_awardees(decision, entries, by=request.user)
        except ListImportError as error:
            errors = error.errors
        else:
            messages.success(request, _("Đã nhập %(count)s tập thể, cá nhân từ danh sách Excel.") % {"count": len(added)})
            return redirect(decision.get_absolute_url() + "#danh-sach")
    context = _detail_context(request, decision, list_form=form, list_errors=errors)
    return render(request, "awards/decision_detail.html", context, status=400)


@login_required
@require_POST
def awardee_remove(request, pk, awardee_pk):
    decision = _get_decision(request, pk, "awards.change_decision")
    awardee = get_object_or_404(Awardee.objects.select_related("person", "organization"), pk=awardee_pk, decision=decision)
    awardee.decision = decision
    act = partial(remove_awardee, awardee, by=request.user)
    return act_then_redirect(request, decision, act, _("Đã bỏ khỏi danh sách."))


@login_required
@require_POST
def proposal_create(request, pk):
    """The office makes its Tờ trình of the draft's list, numbered in its own register; the decision cites it."""
    decision = _get_decision(request, pk, "awards.change_decision")
    act = partial(issue_proposal_letter, decision, by=request.user)
    return act_then_redirect(request, decision, act, _("Đã lập tờ trình đề nghị khen thưởng; quyết định đã dẫn số, ngày của tờ trình."))


@login_required
def proposal_pdf(request, pk):
    decision = _get_decision(request, pk, "awards.view_decision")
    letter = get_object_or_404(
        ProposalLetter.objects.select_related("organization__parent", "award_form__campaign__issuing_organization"), decision=decision
    )
    pdf = render_official("proposal", proposal_context(letter, awardees_in_order(decision)))
    filename = f"to-trinh-{letter.number:02d}-{letter.symbol.replace('/', '-')}.pdf"
    return FileResponse(io.BytesIO(pdf), as_attachment=True, filename=filename)


@login_required
@require_POST
@sensitive_post_parameters("passphrase")
def decision_sign_digitally(request, pk):
    decision = _get_decision(request, pk, "awards.sign_decision")
    form = DigitalSignatureForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect(decision)
    act = partial(sign_digitally, decision, by=request.user, **form.cleaned_data)
    return act_then_redirect(request, decision, act, _("Đã ký số văn bản quyết định."))


@login_required
@require_POST
@sensitive_post_parameters("pin")
def decision_sign_with_token(request, pk):
    """The leader signs the decision's PDF with the key on their PKCS#11 token; a refusal keeps the label typed."""
    decision = _get_decision(request, pk, "awards.sign_decision")
    if not settings.PKCS11_MODULE:
        raise Http404
    form = TokenSignatureForm(request.POST)
    if form.is_valid():
        try:
            sign_digitally_with_token(decision, by=request.user, **form.cleaned_data)
        except PortalError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ký số văn bản quyết định bằng token."))
            return redirect(decision)
    return render(request, "awards/decision_detail.html", _detail_context(request, decision, token_form=form), status=400)


@login_required
def signature_check(request):
    """Anyone signed in checks the digital signatures of a PDF: who signed, when, and whether it is unchanged."""
    if not request.user.has_perm("awards.check_signatures"):
        raise PermissionDenied
    form = SignatureCheckForm(request.POST or None, request.FILES or None)
    checks = form.checks if form.is_valid() else None
    return render(request, "awards/signature_check.html", {"form": form, "checks": checks})


@login_required
def decision_edit(request, pk):
    decision = _get_decision(request, pk, "awards.change_decision")
    try:
        decision.check_editable()
    except PortalError as error:
        messages.error(request, error.message)
        return redirect(decision)
    form = DecisionForm(request.POST or None, instance=decision)
    if form.is_valid():
        try:
            with transaction.atomic():
                # Read it again under a row lock: a leader may have signed since the form was opened.
                Decision.objects.select_for_update().get(pk=decision.pk).check_editable()
                form.save(by=request.user)
        except PortalError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã lưu dự thảo quyết định."))
        return redirect(decision)
    return render(request, "awards/decision_edit.html", {"decision": decision, "form": form})


@login_required
@require_POST
def decision_sign(request, pk):
    decision = _get_decision(request, pk, "awards.sign_decision")
    try:
        sign_decision(decision, by=request.user)
    except PortalError as error:
        messages.error(request, error.message)
    else:
        enqueue_documents(decision)
        messages.success(request, _("Đã ký Quyết định số %(number)s. Văn bản và bằng khen, giấy khen đang được tạo.")
                         % {"number": decision.number_symbol})
    return redirect(decision)


@login_required
@require_POST
def decision_documents(request, pk):
    """Render the decision's documents again (a draft's PDF has no number or date)."""
    decision = _get_decision(request, pk, "awards.generate_documents")
    enqueue_documents(decision)
    if request.htmx:
        decision.refresh_from_db()
        return render(request, "awards/_documents_panel.html", {"decision": decision})
    messages.success(request, _("Đang tạo văn bản."))
    return redirect(decision)


@login_required
def decision_pdf(request, pk):
    decision = _get_decision(request, pk, "awards.view_decision")
    return file_response(decision.pdf)


@login_required
def certificates_pdf(request, pk):
    decision = _get_decision(request, pk, "awards.print_certificates")
    return file_response(decision.certificates_pdf)


@login_required
def award_certificate(request, pk, award_pk):
    """One awardee's complete certificate with its frame, to send by e-mail."""
    decision = _get_decision(request, pk, "awards.view_decision")
    award = get_object_or_404(decision.awards.select_related("nomination", "person"), pk=award_pk)
    if not request.user.has_perm("awards.view_award", award):
        raise PermissionDenied
    if award.is_revoked:
        messages.error(request, _("Khen thưởng của %(awardee)s đã bị thu hồi: không còn bản điện tử.") % {"awardee": award.awardee_name})
        return redirect(decision)
    awards = decision.awards.filter(pk=award.pk)
    pdf = render_certificates(certificate_contexts(decision, awards=awards))
    return FileResponse(io.BytesIO(pdf), as_attachment=True, filename=decision_filename(decision, f"-bang-dien-tu-{award_pk}"))


@login_required
def decision_export(request, pk):
    decision = _get_decision(request, pk, "awards.view_decision")
    collectives, individuals = _split(_annex(decision))
    filename = decision_filename(decision, "-danh-sach").replace(".pdf", ".xlsx")
    return xlsx_response(annex_workbook(decision, collectives, individuals), filename)


@login_required
def decision_packet_download(request, pk):
    decision = _get_decision(request, pk, "awards.download_packet")
    collectives, individuals = _split(_annex(decision))
    filename = decision_filename(decision, "-ho-so").replace(".pdf", ".zip")
    return _zip_response(decision_packet(decision, collectives, individuals), filename)


@login_required
def nomination_packet_download(request, pk):
    nomination = get_object_or_404(Nomination.objects.select_related("forwarded_from"), pk=pk)
    if not request.user.has_perm("awards.download_packet", nomination):
        raise PermissionDenied
    return _zip_response(dossier_packet(nomination), f"ho-so-{nomination.pk}.zip")


def _zip_response(content, filename):
    return FileResponse(io.BytesIO(content), as_attachment=True, filename=filename, content_type="application/zip")


def _register_filter(request):
    awards = Award.objects.visible_to(request.user).select_related(*AWARD_RELATIONS)
    awards = awards.order_by("-decision__issue_date", "-decision__number", "position")
    return AwardFilter(request.GET, queryset=awards, user=request.user)


@login_required
def register(request):
    if not request.user.has_perm("awards.view_register"):
        raise PermissionDenied
    award_filter = _register_filter(request)
    page = IdsFirstPaginator(award_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "awards/_award_rows.html" if request.htmx else "awards/register.html"
    return render(request, template, {"filter": award_filter, "page": page})


@login_required
def register_export(request):
    if not request.user.has_perm("awards.export_register"):
        raise PermissionDenied
    awards = _register_filter(request).qs.iterator(chunk_size=2000)
    return xlsx_response(register_workbook(awards), "so-khen-thuong.xlsx")


def _history(request, awards):
    awards = awards.select_related(*AWARD_RELATIONS).order_by("-decision__issue_date", "-decision__number", "position")
    return IdsFirstPaginator(awards, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
def person_awards(request, pk):
    person = get_object_or_404(Person.objects.select_related("organization"), pk=pk)
    if not request.user.has_perm("awards.view_person_awards", person):
        raise PermissionDenied
    page = _history(request, Award.objects.filter(person=person))
    return render(request, "awards/person.html", {"person": person, "page": page})


@login_required
def organization_awards(request, pk):
    organization = get_object_or_404(Organization.objects.select_related("parent"), pk=pk)
    if not request.user.has_perm("awards.view_organization_awards", organization):
        raise PermissionDenied
    # A unit carries the awards of the units merged into it.
    lineage = organization.lineage_ids()
    page = _history(request, Award.objects.filter(Q(organization__in=lineage) | Q(person__organization__in=lineage)))
    predecessors = Organization.objects.filter(pk__in=lineage - {organization.pk}).order_by("name")
    context = {"organization": organization, "page": page, "predecessors": predecessors}
    return render(request, "awards/organization.html", context)


def verify_award(request, code=""):
    """The public page a certificate's QR code opens: that this award was granted, by which decision, and stands."""
    if not request.user.has_perm("awards.verify_award"):
        raise PermissionDenied
    if _too_many_lookups(request):
        return render(request, "awards/verify.html", {"throttled": True}, status=429)
    code = (code or request.GET.get("ma", "")).strip().upper()
    awards = Award.objects.select_related(
        "decision__issuing_organization", "award_form", "person", "organization", "revoked_in", "corrected_in"
    )
    award = awards.filter(verification_code=code, decision__status=Decision.Status.SIGNED).first() if code else None
    context = {"award": award, "code": code, "decision": award.decision if award else None}
    return render(request, "awards/verify.html", context, status=404 if code and award is None else 200)


def _too_many_lookups(request):
    key = f"verify-award:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, timeout=60)
    return cache.incr(key) > VERIFY_LOOKUPS_PER_MINUTE


@login_required
def award_revoke(request, pk):
    return _amend_award(request, pk, "revoke", RevocationForm, _("Đã ghi nhận thu hồi khen thưởng của %(awardee)s."))


@login_required
def award_correct(request, pk):
    return _amend_award(request, pk, "correct", CorrectionForm, _("Đã ghi nhận đính chính khen thưởng của %(awardee)s."))


def _amend_award(request, pk, act, form_class, done_message):
    """Revoke or correct an award under a later decision of its body (Award.revoke, Award.correct)."""
    award = get_object_or_404(Award.objects.select_related("decision", "person__organization", "organization__parent"), pk=pk)
    if not request.user.has_perm(f"awards.{act}_award", award):
        raise PermissionDenied
    form = form_class(request.POST or None, award=award)
    if form.is_valid():
        try:
            getattr(award, act)(by=request.user, **form.cleaned_data)
        except PortalError as error:
            form.add_error(None, error)
        else:
            # The certificates to print on blanks: without a revoked award, with a corrected name. The signed
            # decision stays as it is.
            enqueue_documents(award.decision, certificates_only=True)
            messages.success(request, done_message % {"awardee": award.awardee_name})
            return redirect(award.decision)
    return render(request, f"awards/award_{act}.html", {"award": award, "form": form})


@login_required
def forward_dossiers(request, pk):
    """The office picks its best approved dossiers and forwards them upward under its own numbered tờ trình."""
    campaign = get_object_or_404(Campaign.objects.select_related("implements"), pk=pk, implements__isnull=False)
    if not request.user.has_perm("awards.forward_dossiers", campaign):
        raise PermissionDenied
    if request.htmx:
        return render(request, "awards/_sent_letters.html", {"letters": _sent_letters_page(request, campaign)})
    form = _forward_form(request, campaign)
    if form.is_valid():
        data = form.cleaned_data
        try:
            letter = forward_with_proposal(data["nominations"], data["award_form"], by=request.user, signer_name=data["signer_name"])
        except PortalError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã chuyển %(count)s hồ sơ lên %(plan)s kèm %(letter)s.") % {
                "count": len(data["nominations"]), "plan": campaign.implements.number, "letter": letter,
            })
            return redirect("awards:forward", campaign.pk)
    return render(request, "awards/forward.html", _forward_context(request, campaign, form))


def _forward_form(request, campaign):
    """Bound when the office sends its tờ trình; a page or search button carries the ticks and typing unjudged."""
    if request.method != "POST":
        return ForwardForm(campaign=campaign, initial={"nominations": request.GET.getlist("ho_so")})
    if BROWSING_BUTTONS.isdisjoint(request.POST):
        return ForwardForm(request.POST, campaign=campaign)
    return ForwardForm.carrying(request.POST, campaign=campaign)


def _forward_context(request, campaign, form):
    """A page of the dossiers found; the ticks of other pages ride along as hidden inputs, so none is lost."""
    browsing = request.POST if request.method == "POST" else request.GET
    query = browsing.get("q", "")
    page = _dossier_page(forwardable(campaign).search(query), browsing.get("dossiers_page"))
    # Only dossiers still forwardable stay ticked: one forwarded meanwhile would otherwise refuse every later send.
    chosen = set(forwardable(campaign).filter(pk__in=form.chosen_ids()).values_list("pk", flat=True))
    return {
        "campaign": campaign, "form": form, "query": query, "page": page, "chosen": chosen,
        "chosen_elsewhere": sorted(chosen - {nomination.pk for nomination in page}),
        "letters": _sent_letters_page(request, campaign),
    }


def _sent_letters_page(request, campaign):
    return Paginator(sent_letters(campaign), PAGE_SIZE).get_page(request.GET.get("page"))
