from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.forms import modelformset_factory
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.models import AwardForm, Campaign
from core.exceptions import PortalError
from core.jobs import job_state, start_job
from core.pagination import CappedPaginator
from core.storage import file_response
from core.views import act_then_redirect, answer_picker
from documents.spreadsheets import list_workbook, xlsx_response

from .exports import NOMINATION_COLUMNS
from .filters import NominationFilter
from .forms import (
    AnswerForm,
    AppraisalForm,
    AppraisalScoreForm,
    AssessmentForm,
    AttachmentForm,
    ConsultationCommentForm,
    DossierListForm,
    NominationCreateForm,
    NominationForm,
    ReturnForm,
)
from .imports import ListImportError, kept_list, list_template, plan_dossiers, read_list
from .models import (
    GRANTED,
    LISTED_RELATIONS,
    SCORABLE,
    Appraisal,
    Consultation,
    ConsultationComment,
    CriterionAssessment,
    Nomination,
    QuotaCounter,
    quota_table,
    rank_by_score,
)
from .tasks import import_dossier_list

PAGE_SIZE = 20
AssessmentFormSet = modelformset_factory(CriterionAssessment, form=AssessmentForm, extra=0)
AppraisalScoreFormSet = modelformset_factory(CriterionAssessment, form=AppraisalScoreForm, extra=0)


def _get_nomination(request, pk, perm):
    nomination = get_object_or_404(
        Nomination.objects.select_related(
            "campaign", "award_form", "period", "submitting_unit", "nominee_person", "nominee_organization",
        ),
        pk=pk,
    )
    if not request.user.has_perm(perm, nomination):
        raise PermissionDenied
    return nomination


def _nomination_filter(request):
    complete = Appraisal.objects.filter(nomination=OuterRef("pk"), is_complete=True)
    nominations = Nomination.objects.visible_to(request.user).annotate(is_appraised=Exists(complete))
    return NominationFilter(request.GET, queryset=nominations, user=request.user)


@login_required
def nomination_list(request):
    nomination_filter = _nomination_filter(request)
    # Prefetched, not joined: with five joins PostgreSQL took longer to plan a page than to read it.
    nominations = nomination_filter.qs.prefetch_related(*LISTED_RELATIONS)
    page = CappedPaginator(nominations, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filter": nomination_filter, "page": page, "return_form": ReturnForm()}
    template = "nominations/_nomination_rows.html" if request.htmx else "nominations/nomination_list.html"
    return render(request, template, context)


@login_required
def nomination_export(request):
    """The list, with its filters and search, as an Excel file."""
    if not request.user.has_perm("nominations.export_nominations"):
        raise PermissionDenied
    nominations = _nomination_filter(request).qs.select_related(*LISTED_RELATIONS).iterator(chunk_size=2000)
    return xlsx_response(list_workbook(_("Hồ sơ đề nghị"), NOMINATION_COLUMNS, nominations), "ho-so-de-nghi-khen-thuong.xlsx")


@login_required
def unit_picker(request):
    """The list filter's unit picker: units that have sent a dossier, searched as the user types."""
    if not request.user.has_perm("nominations.view_other_units"):
        raise PermissionDenied
    return answer_picker(request, NominationFilter(user=request.user).filters["submitting_unit"].field)


@login_required
@require_POST
def nomination_bulk(request):
    """Appraise and accept for review, or return with one reason, every ticked dossier; report each refusal."""
    returning = request.POST.get("action") == "return"
    perm = "nominations.return_nomination" if returning else "nominations.accept_nomination"
    if not request.user.has_perm(perm):
        raise PermissionDenied
    selected = [pk for pk in request.POST.getlist("selected") if pk.isdigit()]
    nominations = list(Nomination.objects.select_related("campaign").filter(pk__in=selected))
    # Every ticked dossier is checked before any is touched: another body's id refuses the whole batch.
    if not all(request.user.has_perm(perm, nomination) for nomination in nominations):
        raise PermissionDenied
    done = 0
    for nomination in nominations:
        try:
            if returning:
                nomination.return_for_revision(by=request.user, reasons=request.POST.get("reasons", ""))
            else:
                nomination.appraise_and_accept(by=request.user)
        except PortalError as error:
            messages.warning(request, f"{nomination.nominee}: {error.message}")
        else:
            done += 1
    if done:
        done_message = _("Đã trả lại %(count)d hồ sơ cho đơn vị.") if returning else _("Đã thẩm định và đưa %(count)d hồ sơ vào xét.")
        messages.success(request, done_message % {"count": done})
    elif not nominations:
        messages.warning(request, _("Hãy chọn ít nhất một hồ sơ."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "nominations:list"
    return redirect(next_url)


@login_required
def nomination_create(request, campaign_pk):
    campaign = get_object_or_404(Campaign, pk=campaign_pk)
    user = request.user
    if not (user.has_perm("campaigns.view_campaign", campaign) and user.has_perm("nominations.add_nomination", campaign)):
        raise PermissionDenied
    if user.organization is None:
        raise PermissionDenied
    try:
        Nomination(campaign=campaign, submitting_unit=user.organization).check_window()
    except PortalError as error:
        messages.error(request, error.message)
        return redirect(campaign)
    form = NominationCreateForm(request.POST or None, campaign=campaign, unit=request.user.organization)
    if form.is_valid():
        nomination = form.build(by=request.user)
        try:
            nomination.check_window()
            nomination.check_eligibility()
            nomination.check_not_duplicate()
            nomination.check_title_rules()
        except PortalError as error:
            form.add_error(None, error)
        else:
            with transaction.atomic():
                if nomination.nominee_person and nomination.nominee_person.pk is None:
                    nomination.nominee_person.save()
                nomination.save()
                nomination.add_missing_assessments()
            messages.success(request, _(
                "Đã tạo hồ sơ nháp. Hãy nhập báo cáo thành tích và tự đánh giá rồi lưu; "
                "giấy tờ đính kèm ở mục “Giấy tờ đính kèm” của trang hồ sơ."
            ))
            for warning in [nomination.registration_warning, *nomination.quota_warnings()]:
                if warning:
                    messages.warning(request, warning)
            return redirect("nominations:edit", nomination.pk)
    context = {"form": form, "campaign": campaign, "quotas": quota_table(campaign, request.user.organization)}
    return render(request, "nominations/nomination_create.html", context)


# Draft dossiers from an Excel list: upload, preview, confirm. The rows wait in the session between the two.
IMPORT_KEY = "dossier_list"


def _importing_campaign(request, campaign_pk):
    campaign = get_object_or_404(Campaign, pk=campaign_pk)
    user = request.user
    may = user.has_perm("campaigns.view_campaign", campaign) and user.has_perm("nominations.add_nomination", campaign)
    if not may or user.organization is None:
        raise PermissionDenied
    return campaign


@login_required
def nomination_import(request, campaign_pk):
    """Read a list of the unit's nominees and show the draft dossiers it will make; nothing is saved yet."""
    campaign = _importing_campaign(request, campaign_pk)
    form = DossierListForm(request.POST or None, request.FILES or None, campaign=campaign)
    errors = []
    if form.is_valid():
        choice = {"award_form": form.cleaned_data["award_form"], "period": form.cleaned_data["period"]}
        try:
            rows = read_list(form.cleaned_data["excel"])
            planned = plan_dossiers(rows, **choice, unit=request.user.organization, by=request.user)
        except ListImportError as error:
            errors = error.errors
        else:
            request.session[IMPORT_KEY] = kept_list(campaign, rows, **choice)
            return render(request, "nominations/import_preview.html", {"campaign": campaign, "planned": planned, **choice})
    context = {"campaign": campaign, "form": form, "list_errors": errors}
    return render(request, "nominations/import_upload.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def nomination_import_confirm(request, campaign_pk):
    """Make the previewed dossiers as a job (all, or none if a row no longer can be one), and show its progress."""
    campaign = _importing_campaign(request, campaign_pk)
    kept = request.session.pop(IMPORT_KEY, None)
    if not kept or kept["campaign"] != campaign.pk:
        messages.error(request, _("Không còn danh sách chờ xác nhận; hãy tải tệp lên lại."))
        return redirect("nominations:import", campaign.pk)
    job = start_job(request.user, campaign=campaign.pk)
    transaction.on_commit(lambda: import_dossier_list.delay(job=job, kept=kept, user_id=request.user.pk), robust=True)
    return redirect("nominations:import_progress", campaign.pk, job)


@login_required
def nomination_import_progress(request, campaign_pk, job):
    """The import job's progress bar, refreshed until it is done; then its outcome."""
    campaign = _importing_campaign(request, campaign_pk)
    state = job_state(job, request.user)
    if state is None or state["campaign"] != campaign.pk:
        raise Http404
    context = {"campaign": campaign, "job": job, "state": state}
    template = "nominations/_import_progress.html" if request.htmx else "nominations/import_progress.html"
    return render(request, template, context)


@login_required
def nomination_import_template(request):
    """The empty list to fill in."""
    if not request.user.has_perm("nominations.add_nomination"):
        raise PermissionDenied
    return xlsx_response(list_template(), "mau-danh-sach-de-nghi-khen-thuong.xlsx")


@login_required
def nomination_detail(request, pk):
    nomination = _get_nomination(request, pk, "nominations.view_nomination")
    context = {
        "nomination": nomination,
        "assessments": nomination.assessments.select_related("criterion", "evidence"),
        "attachments": nomination.attachments.all(),
        "history": nomination.history.select_related("actor"),
        "appraisal": nomination.appraisals.select_related("appraised_by").first(),
        "quota_counters": QuotaCounter(nomination.award_form).counters(nomination),
        "quota_warnings": nomination.quota_warnings() if nomination.is_editable else [],
        # The document type starts at the first required document still missing.
        "attachment_form": AttachmentForm(
            award_form=nomination.award_form, initial={"document_type": next(iter(nomination.missing_documents()), "")}
        ),
        "return_form": ReturnForm(),
        "forwarded_to": Nomination.objects.filter(forwarded_from=nomination).first(),
        "return_reasons": nomination.return_reasons,
    }
    return render(request, "nominations/nomination_detail.html", context)


@login_required
def nomination_edit(request, pk):
    nomination = _get_nomination(request, pk, "nominations.change_nomination")
    if not nomination.is_editable:
        messages.error(request, _("Hồ sơ đã nộp: chỉ sửa được khi còn nháp hoặc bị trả lại."))
        return redirect(nomination)
    form = NominationForm(request.POST or None, instance=nomination, prefix="dossier")
    assessments = AssessmentFormSet(
        request.POST or None, prefix="assessment",
        queryset=nomination.assessments.select_related("criterion").order_by("criterion__pk"),
    )
    if form.is_valid() and assessments.is_valid():
        with transaction.atomic():
            changes = form.changes()
            form.save()
            assessments.save()
            if nomination.status == Nomination.Status.RETURNED:
                nomination.record_edit(by=request.user, changes=changes)
        messages.success(request, _("Đã lưu hồ sơ."))
        return redirect(nomination)
    return render(request, "nominations/nomination_edit.html", {"nomination": nomination, "form": form, "assessments": assessments})


@login_required
@require_POST
def attachment_upload(request, pk):
    nomination = _get_nomination(request, pk, "nominations.change_nomination")
    form = AttachmentForm(request.POST, request.FILES, award_form=nomination.award_form)
    if not nomination.is_editable:
        messages.error(request, _("Hồ sơ đã nộp: không thể thêm tệp."))
    elif form.is_valid():
        twin = nomination.attachment_like(form.cleaned_data["file"])
        try:
            attachment = form.save(nomination, by=request.user)
        except PortalError as error:  # the file store failed: nothing was attached
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã đính kèm tệp."))
            if twin is not None:
                messages.warning(request, _(
                    "Tệp “%(name)s” có nội dung trùng với tệp “%(twin)s” đã đính kèm (%(type)s): nếu tải lên nhầm, hãy xóa một tệp."
                ) % {"name": attachment.original_name, "twin": twin.original_name, "type": twin.document_type or _("Tài liệu khác")})
    else:
        for error in form.errors.values():
            messages.error(request, " ".join(error))
    return redirect(nomination)


@login_required
@require_POST
def attachment_delete(request, pk, attachment_pk):
    nomination = _get_nomination(request, pk, "nominations.change_nomination")
    attachment = get_object_or_404(nomination.attachments, pk=attachment_pk)
    if not nomination.is_editable:
        messages.error(request, _("Hồ sơ đã nộp: không thể xóa tệp."))
    else:
        attachment.file.delete(save=False)
        attachment.delete()
        messages.success(request, _("Đã xóa tệp."))
    return redirect(nomination)


@login_required
def attachment_download(request, pk, attachment_pk):
    nomination = _get_nomination(request, pk, "nominations.view_nomination")
    attachment = get_object_or_404(nomination.attachments, pk=attachment_pk)
    return file_response(attachment.file, attachment.original_name)


@login_required
@require_POST
def nomination_submit(request, pk):
    nomination = _get_nomination(request, pk, "nominations.submit_nomination")
    return act_then_redirect(request, nomination, partial(nomination.submit, by=request.user), _("Đã nộp hồ sơ."))


@login_required
@require_POST
def nomination_withdraw(request, pk):
    nomination = _get_nomination(request, pk, "nominations.withdraw_nomination")
    return act_then_redirect(request, nomination, partial(nomination.withdraw, by=request.user), _("Đã rút hồ sơ."))


@login_required
@require_POST
def nomination_return(request, pk):
    nomination = _get_nomination(request, pk, "nominations.return_nomination")
    act = partial(nomination.return_for_revision, by=request.user, reasons=request.POST.get("reasons", ""))
    return act_then_redirect(request, nomination, act, _("Đã trả lại hồ sơ cho đơn vị."))


@login_required
@require_POST
def nomination_accept(request, pk):
    nomination = _get_nomination(request, pk, "nominations.accept_nomination")
    act = partial(nomination.accept_for_review, by=request.user)
    return act_then_redirect(request, nomination, act, _("Đã đưa hồ sơ vào xét."))


@login_required
def nomination_appraise(request, pk):
    nomination = _get_nomination(request, pk, "nominations.appraise_nomination")
    form = AppraisalForm(request.POST or None, nomination=nomination)
    if form.is_valid():
        act = partial(nomination.appraise, by=request.user, checklist=form.checklist(), remarks=form.cleaned_data["remarks"])
        return act_then_redirect(request, nomination, act, _("Đã ghi kết quả thẩm định."))
    return render(request, "nominations/nomination_appraise.html", {"nomination": nomination, "form": form})


@login_required
def nomination_score(request, pk):
    """The appraiser enters the appraisal score of each criterion beside the unit's self-score and its evidence."""
    nomination = _get_nomination(request, pk, "nominations.score_nomination")
    if not nomination.is_scorable:
        messages.error(request, _("Chỉ chấm điểm thẩm định được hồ sơ đã nộp hoặc đang xét."))
        return redirect(nomination)
    scores = AppraisalScoreFormSet(
        request.POST or None, prefix="score",
        queryset=nomination.assessments.select_related("criterion", "evidence").order_by("criterion__pk"),
    )
    if scores.is_valid():
        pairs = [(form.instance, form.cleaned_data["appraisal_score"]) for form in scores]
        act = partial(nomination.record_appraisal_scores, pairs, by=request.user)
        return act_then_redirect(request, nomination, act, _("Đã ghi điểm thẩm định."))
    return render(request, "nominations/nomination_score.html", {"nomination": nomination, "scores": scores})


@login_required
def award_form_ranking(request, award_form_pk):
    """The dossiers of one award form ranked by points along the plan's tie-break chain; ties go to the council."""
    award_form = get_object_or_404(AwardForm.objects.select_related("campaign"), pk=award_form_pk)
    if not request.user.has_perm("nominations.view_ranking", award_form):
        raise PermissionDenied
    dossiers = award_form.nominations.filter(status__in=SCORABLE + GRANTED).select_related(
        "campaign", "submitting_unit", "nominee_person", "nominee_organization",
    ).prefetch_related("assessments", "meetings")
    ranking = rank_by_score(dossiers)
    query = request.GET.get("q", "").strip()
    if query:
        found = set(dossiers.search(query).values_list("pk", flat=True))
        ranking = [row for row in ranking if row[1].pk in found]
    context = {
        "award_form": award_form, "query": query,
        "page": Paginator(ranking, PAGE_SIZE).get_page(request.GET.get("page")),
        "has_ties": any(row[4] for row in ranking),
    }
    return render(request, "nominations/ranking.html", context)


@login_required
@require_POST
def consultation_publish(request, award_form_pk):
    award_form = get_object_or_404(AwardForm, pk=award_form_pk)
    if not request.user.has_perm("nominations.run_consultation", award_form):
        raise PermissionDenied
    try:
        consultation = Consultation.publish(award_form, by=request.user)
    except PortalError as error:
        messages.error(request, error.message)
        return redirect(award_form.campaign or "home")
    messages.success(request, _("Đã công khai danh sách lấy ý kiến đến hết ngày %(date)s.") % {"date": f"{consultation.closes_on:%d/%m/%Y}"})
    return redirect(consultation)


def consultation_page(request, pk):
    """The public page (no sign-in): the list put to the people, and a form for their comments while open."""
    consultation = get_object_or_404(Consultation.objects.select_related("award_form__campaign"), pk=pk)
    form = ConsultationCommentForm(request.POST or None)
    if form.is_valid():
        act = partial(consultation.receive, **form.cleaned_data)
        return act_then_redirect(request, consultation, act, _("Đã nhận ý kiến của ông/bà. Xin cảm ơn."))
    is_office = request.user.has_perm("nominations.run_consultation", consultation.award_form)
    context = {
        "consultation": consultation, "form": form, "is_office": is_office, "answer_form": AnswerForm(),
        "nominations": consultation.nominations.select_related("nominee_person", "nominee_organization", "submitting_unit"),
        # The public reads the comments and answers; only the office sees who sent them and how to reach them.
        "comments": consultation.comments.select_related("answered_by"),
    }
    return render(request, "nominations/consultation.html", context)


@login_required
@require_POST
def consultation_answer(request, pk):
    comment = get_object_or_404(ConsultationComment.objects.select_related("consultation__award_form"), pk=pk)
    if not request.user.has_perm("nominations.run_consultation", comment.consultation.award_form):
        raise PermissionDenied
    act = partial(comment.reply, by=request.user, answer=request.POST.get("answer", ""))
    return act_then_redirect(request, comment.consultation, act, _("Đã lưu trả lời."))
