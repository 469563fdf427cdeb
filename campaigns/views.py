import io
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, ProtectedError, Q
from django.forms import inlineformset_factory
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.exceptions import PortalError
from core.storage import file_response, storing
from core.text import fold
from core.views import act_then_redirect, answer_picker
from documents.collation import vietnamese_order
from documents.spreadsheets import list_workbook, xlsx_response
from documents.typesetting import render_certificates
from notifications.models import ReminderLog

from .exports import REPORT_COLUMNS
from .filters import CampaignFilter
from .forms import (
    AwardFormForm,
    CampaignForm,
    CertificateLayoutForm,
    CriterionForm,
    EligibleSubjectForm,
    ExtensionForm,
    ParticipationForm,
    ParticipationImportForm,
    PeriodForm,
    PlanTextForm,
    QuotaRuleForm,
    ReadPartsForm,
    ReportEvaluationForm,
    ReportFilterForm,
    ReportSubmitForm,
    RequestReportsForm,
    TaskForm,
    UnitGroupForm,
    report_state_q,
)
from .imports import import_participation
from .models import AwardForm, Campaign, EligibleSubject, Report
from .plan_reader import read_plan, reading_initial
from .services import create_plan_from_reading

PAGE_SIZE = 20

# The parts of a plan the office edits on their own page: slug → (form, title).
PLAN_PARTS = {
    "hinh-thuc": (AwardFormForm, gettext_lazy("Hình thức khen thưởng")),
    "nhom-don-vi": (UnitGroupForm, gettext_lazy("Nhóm đơn vị")),
    "chi-tieu": (QuotaRuleForm, gettext_lazy("Chỉ tiêu khen thưởng")),
    "noi-dung": (CriterionForm, gettext_lazy("Nội dung thi đua")),
    "doi-tuong": (EligibleSubjectForm, gettext_lazy("Đối tượng thi đua")),
    "giai-doan": (PeriodForm, gettext_lazy("Giai đoạn đánh giá")),
    "nhiem-vu": (TaskForm, gettext_lazy("Nhiệm vụ")),
}


@login_required
def campaign_list(request):
    campaigns = (
        Campaign.objects.visible_to(request.user)
        .select_related("issuing_organization")
        .order_by("-issue_date", "number")
    )
    campaign_filter = CampaignFilter(request.GET, queryset=campaigns, user=request.user)
    page = Paginator(campaign_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filter": campaign_filter, "page": page}
    template = "campaigns/_campaign_rows.html" if request.htmx else "campaigns/campaign_list.html"
    return render(request, template, context)


@login_required
def campaign_detail(request, pk):
    campaign = get_object_or_404(
        Campaign.objects.select_related("issuing_organization", "implements"), pk=pk
    )
    if not request.user.has_perm("campaigns.view_campaign", campaign):
        raise PermissionDenied
    reports = campaign.reports.all()
    if not request.user.has_perm("campaigns.track_reports", campaign):
        reports = reports.filter(organization_id=request.user.organization_id)
    context = {
        "campaign": campaign,
        "criteria": sorted(campaign.criteria.all(), key=lambda criterion: criterion.sort_key),
        "subjects": campaign.subjects.all(),
        "award_forms": campaign.award_forms.select_related("granting_organization").prefetch_related("quota_rules__group", "consultations"),
        "periods": campaign.periods.all(),
        "tasks": sorted(
            campaign.tasks.select_related("lead_organization").prefetch_related("coordinating_organizations"),
            key=lambda task: task.sort_key,
        ),
        "report_counts": _count_reports(reports),
        "extensions": campaign.extensions.select_related("organization").order_by(vietnamese_order("organization__name")),
        "implementations": campaign.implementations.visible_to(request.user),
        "history": campaign.history.select_related("actor")[:20],
        "can_nominate": request.user.has_perm("nominations.add_nomination") and campaign.is_open_to(request.user.organization_id),
    }
    return render(request, "campaigns/campaign_detail.html", context)


@login_required
def campaign_create(request):
    if not request.user.has_perm("campaigns.add_campaign"):
        raise PermissionDenied
    form = CampaignForm(request.POST or None, user=request.user)
    if form.is_valid():
        campaign = form.save()
        messages.success(request, _("Đã tạo kế hoạch %(number)s.") % {"number": campaign.number})
        return redirect(campaign)
    return render(request, "campaigns/campaign_form.html", {"form": form})


@login_required
def campaign_import(request):
    """Read a draft plan from its text; the office checks each value beside its source, then saves."""
    if not request.user.has_perm("campaigns.add_campaign"):
        raise PermissionDenied
    if request.POST.get("step") == "save":
        form, parts_form = CampaignForm(request.POST, user=request.user), ReadPartsForm(request.POST)
        if form.is_valid() and parts_form.is_valid():
            data = parts_form.cleaned_data
            campaign = create_plan_from_reading(form, parts=data["parts"] or {}, keep=data["keep"], by=request.user)
            messages.success(request, _("Đã tạo dự thảo kế hoạch %(number)s từ văn bản: hãy kiểm tra rồi phát động.")
                             % {"number": campaign.number})
            return redirect(campaign)
        return _import_review(request, request.POST.get("source_text", ""), form, parts_form)
    text_form = PlanTextForm(request.POST or None, request.FILES or None)
    if not text_form.is_valid():
        return render(request, "campaigns/campaign_import.html", {"form": text_form})
    return _import_review(request, text_form.cleaned_data["text"])


def _import_review(request, text, form=None, parts_form=None):
    reading = read_plan(text)
    if form is None:
        form = CampaignForm(initial=reading_initial(reading), user=request.user)
        parts_form = ReadPartsForm(initial={"source_text": text, "parts": reading.parts, "keep": list(reading.parts)})
    part_lines = [
        (name, label, [PART_LINE[name](item) for item in reading.parts[name]])
        for name, label in ReadPartsForm.base_fields["keep"].choices if reading.parts.get(name)
    ]
    context = {
        "form": form, "parts_form": parts_form, "part_lines": part_lines, "source_text": text,
        "sources": {name: found.source for name, found in reading.fields.items()},
    }
    return render(request, "campaigns/campaign_import_review.html", context)


# One line per part read from a plan, as the office checks it.
PART_LINE = {
    "criteria": lambda item: f"{item['number']}. {item['text']}",
    "award_forms": lambda item: item["name"],
    "subjects": lambda item: f"{EligibleSubject.Kind(item['kind']).label}: {item['description']}",
    "periods": lambda item: f"{item['name']}: {item['starts_on']:%d/%m/%Y} – {item['ends_on']:%d/%m/%Y}",
    "tasks": lambda item: f"{item['number']}. {item['title']}" + (_(" — chủ trì: %s") % item["lead"] if item["lead"] else ""),
}


@login_required
def campaign_edit(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    if not request.user.has_perm("campaigns.change_campaign", campaign):
        raise PermissionDenied
    form = CampaignForm(request.POST or None, instance=campaign, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu thay đổi."))
        return redirect(campaign)
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign})


@login_required
def campaign_parts(request, pk, part):
    """Add, change or remove the award forms, criteria, subjects, periods or tasks of a plan."""
    campaign = get_object_or_404(Campaign, pk=pk)
    if part not in PLAN_PARTS:
        raise Http404
    if not request.user.has_perm("campaigns.change_campaign", campaign):
        raise PermissionDenied
    form_class, title = PLAN_PARTS[part]
    PartFormSet = inlineformset_factory(Campaign, form_class._meta.model, form=form_class, extra=2, can_delete=True)
    formset = PartFormSet(request.POST or None, instance=campaign, prefix="part", form_kwargs={"campaign": campaign})
    if formset.is_valid():
        try:
            with transaction.atomic():
                formset.save()
        except ProtectedError:
            messages.error(request, _("Không thể xóa mục đã được dùng trong hồ sơ hoặc báo cáo; chưa lưu thay đổi nào."))
        else:
            messages.success(request, _("Đã lưu %(part)s.") % {"part": str(title).lower()})
            return redirect(campaign)
    return render(request, "campaigns/campaign_parts.html", {"campaign": campaign, "formset": formset, "title": title})


@login_required
def certificate_layout(request, pk):
    """Where an award form's certificate prints on the office's blank, its emblem, and test prints of both."""
    award_form = get_object_or_404(AwardForm.objects.select_related("campaign", "granting_organization"), pk=pk)
    if not request.user.has_perm("campaigns.change_campaign", award_form.campaign):
        raise PermissionDenied
    form = CertificateLayoutForm(request.POST or None, request.FILES or None, instance=award_form)
    if form.is_valid():
        if "test_print" in request.POST:
            on_blank = request.POST["test_print"] == "blank"
            pdf = render_certificates([_test_certificate(award_form, form.positions, on_blank)])
            return FileResponse(io.BytesIO(pdf), filename="ban-in-thu.pdf", content_type="application/pdf")
        try:
            with storing():
                form.save()
        except PortalError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu mẫu in của %(form)s.") % {"form": award_form.name})
            return redirect(award_form.campaign)
    return render(request, "campaigns/certificate_layout.html", {"form": form, "award_form": award_form, "campaign": award_form.campaign})


def _test_certificate(award_form, positions, on_blank):
    """A certificate of the form with sample text: on the blank with every box outlined, or framed with its emblem."""
    organization = award_form.granting_organization
    return {
        "print_on_blank": on_blank, "test_print": on_blank, "positions": positions if on_blank else None,
        "emblem": "" if on_blank else award_form.emblem_data_uri(),
        "title": award_form.get_kind_display(), "authority": award_form.signer_title,
        "awardee": _("Ông Nguyễn Văn An"),
        "awardee_detail": _("Trưởng phòng Nghiệp vụ, %(body)s") % {"body": organization.name},
        "achievement": _("Đã có thành tích xuất sắc trong phong trào thi đua theo Kế hoạch số %(plan)s.") % {
            "plan": award_form.campaign.number
        },
        "place": award_form.campaign.issue_place, "date": timezone.localdate(),
        "signer_lines": [award_form.signer_title], "signer_name": _("Họ và tên người ký"),
        "decision": {"number": "", "symbol": f"QĐ-{organization.document_code}", "date": timezone.localdate()},
        "register_number": "001",
    }


# The plan's acts, each a status move (Campaign.transitions): the method and what the office reads after it.
CAMPAIGN_ACTS = {
    "launch": ("launch", gettext_lazy("Đã phát động phong trào.")),
    "close_nominations": ("close_nominations", gettext_lazy("Đã đóng nhận hồ sơ: đơn vị không nộp thêm được hồ sơ.")),
    "reopen_nominations": ("reopen_nominations", gettext_lazy("Đã mở lại nhận hồ sơ.")),
    "conclude": ("conclude", gettext_lazy("Đã kết thúc phong trào.")),
}


@login_required
@require_POST
def campaign_act(request, pk, act):
    campaign = get_object_or_404(Campaign, pk=pk)
    if not request.user.has_perm("campaigns.move_campaign", campaign):
        raise PermissionDenied
    method, success = CAMPAIGN_ACTS[act]
    return act_then_redirect(request, campaign, partial(getattr(campaign, method), by=request.user), success)


def _count_reports(reports):
    """How many reports are owed, submitted, submitted late, and overdue today."""
    today = timezone.localdate()
    return reports.aggregate(
        owed=Count("pk"),
        submitted=Count("pk", filter=Q(submitted_at__isnull=False)),
        late=Count("pk", filter=report_state_q("late", today)),
        overdue=Count("pk", filter=report_state_q("overdue", today)),
        to_evaluate=Count("pk", filter=report_state_q("to_evaluate", today)),
    )


def _tracked_reports(request, pk):
    """The plan's reports, filtered as the tracking list's form says, once the user may track them."""
    campaign = get_object_or_404(Campaign, pk=pk)
    if not request.user.has_perm("campaigns.track_reports", campaign):
        raise PermissionDenied
    reports = campaign.reports.select_related("organization", "period", "task").order_by(
        "due_date", "organization__name", "pk"
    )
    filter_form = ReportFilterForm(request.GET, campaign=campaign)
    return campaign, filter_form, filter_form.filter(reports)


@login_required
def report_tracking(request, pk):
    campaign, filter_form, reports = _tracked_reports(request, pk)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "campaign": campaign, "filter_form": filter_form, "page": page, "counts": _count_reports(campaign.reports.all())
    }
    template = "campaigns/_report_rows.html" if request.htmx else "campaigns/report_tracking.html"
    return render(request, template, context)


@login_required
def report_export(request, pk):
    """The tracking list, with its filters, as an Excel file."""
    _campaign, _form, reports = _tracked_reports(request, pk)
    return xlsx_response(list_workbook(_("Theo dõi báo cáo"), REPORT_COLUMNS, reports.iterator(chunk_size=2000)), "theo-doi-bao-cao.xlsx")


@login_required
def report_unit_picker(request, pk):
    """The report list's unit picker: the units that owe this campaign a report, searched as the user types."""
    campaign = get_object_or_404(Campaign, pk=pk)
    if not request.user.has_perm("campaigns.track_reports", campaign):
        raise PermissionDenied
    return answer_picker(request, ReportFilterForm(campaign=campaign).fields["organization"])


@login_required
def my_reports(request):
    """The reports the user's unit owes, unsent ones first by due date."""
    reports = (
        Report.objects.filter(organization_id=request.user.organization_id)
        .exclude(campaign__status=Campaign.Status.DRAFT)
        .select_related("campaign", "period", "task")
        .order_by(F("submitted_at").desc(nulls_first=True), "due_date", "pk")
    )
    filter_form = ReportFilterForm(request.GET)
    page = Paginator(filter_form.filter(reports), PAGE_SIZE).get_page(request.GET.get("page"))
    template = "campaigns/_my_report_rows.html" if request.htmx else "campaigns/my_reports.html"
    return render(request, template, {"filter_form": filter_form, "page": page})


@login_required
def report_detail(request, pk):
    report = get_object_or_404(
        Report.objects.select_related("campaign", "organization", "period", "task", "submitted_by"), pk=pk
    )
    if not request.user.has_perm("campaigns.view_report", report):
        raise PermissionDenied
    context = {"report": report, "evaluation_form": ReportEvaluationForm(), "history": report.history.select_related("actor")}
    return render(request, "campaigns/report_detail.html", context)


@login_required
@require_POST
def report_evaluate(request, pk):
    """The office takes a submitted report into the plan's results, or returns it with what to add."""
    report = get_object_or_404(Report.objects.select_related("campaign", "organization"), pk=pk)
    if not request.user.has_perm("campaigns.evaluate_report", report):
        raise PermissionDenied
    text = request.POST.get("text", "")
    if request.POST.get("action") == "return":
        act, success = partial(report.return_for_revision, by=request.user, reasons=text), _("Đã trả lại báo cáo cho đơn vị.")
    else:
        act, success = partial(report.accept, by=request.user, evaluation=text), _("Đã tiếp nhận báo cáo.")
    return act_then_redirect(request, report, act, success)


@login_required
def report_attachment(request, pk):
    report = get_object_or_404(Report, pk=pk)
    if not request.user.has_perm("campaigns.view_report", report):
        raise PermissionDenied
    # Served through this view, not MEDIA_URL, so that only those who may read the report get the file.
    return file_response(report.attachment)


@login_required
def report_submit(request, pk):
    report = get_object_or_404(Report.objects.select_related("campaign", "period", "task"), pk=pk)
    if not request.user.has_perm("campaigns.submit_report", report):
        raise PermissionDenied
    # A returned report opens with what the unit sent, to be completed rather than retyped.
    form = ReportSubmitForm(request.POST or None, request.FILES or None, initial={"content": report.content, "figures": report.figures})
    if form.is_valid():
        try:
            report.submit(by=request.user, **form.cleaned_data)
        except PortalError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã nộp báo cáo."))
            return redirect("campaigns:report_detail", pk=report.pk)
    return render(request, "campaigns/report_submit.html", {"report": report, "form": form})


@login_required
def request_reports(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    if not request.user.has_perm("campaigns.request_reports", campaign):
        raise PermissionDenied
    form = RequestReportsForm(request.POST or None, campaign=campaign)
    if form.is_valid():
        created, skipped = campaign.request_reports(by=request.user, **form.report_request())
        messages.success(request, _("Đã tạo %(count)s báo cáo.") % {"count": created})
        if skipped:
            messages.info(request, _("Bỏ qua %(count)s đơn vị đã có báo cáo cùng tên.") % {"count": skipped})
        return redirect("campaigns:reports", pk=campaign.pk)
    return render(request, "campaigns/request_reports.html", {"campaign": campaign, "form": form})


@login_required
def grant_extension(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    if not request.user.has_perm("campaigns.grant_extension", campaign):
        raise PermissionDenied
    form = ExtensionForm(request.POST or None, campaign=campaign)
    if form.is_valid():
        extension = campaign.grant_extension(by=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("Đã gia hạn nộp hồ sơ cho %(unit)s đến ngày %(deadline)s.")
            % {"unit": extension.organization, "deadline": extension.deadline.strftime("%d/%m/%Y")},
        )
        return redirect(campaign)
    extensions = campaign.extensions.select_related("organization").order_by(vietnamese_order("organization__name"))
    context = {"campaign": campaign, "form": form, "extensions": extensions}
    return render(request, "campaigns/extension_form.html", context)


@login_required
def campaign_reminders(request, pk):
    """Who was reminded of what for this campaign, and when."""
    campaign = get_object_or_404(Campaign, pk=pk)
    if not request.user.has_perm("campaigns.view_reminders", campaign):
        raise PermissionDenied
    reminders = ReminderLog.objects.filter(scope=f"campaign:{campaign.pk}").select_related("recipient__organization")
    query = request.GET.get("q", "")
    for word in fold(query).split():
        reminders = reminders.filter(Q(search_text__contains=word) | Q(recipient__organization__search_text__contains=word))
    page = Paginator(reminders.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "campaigns/campaign_reminders.html", {"campaign": campaign, "page": page, "query": query})


@login_required
def participation(request, pk):
    """Declared participants, the base of the caps given as a share: the office sees and enters all, a unit its own."""
    campaign = get_object_or_404(Campaign, pk=pk)
    if not request.user.has_perm("campaigns.declare_participation", campaign):
        raise PermissionDenied
    is_office = request.user.has_perm("campaigns.change_campaign", campaign)
    form = ParticipationForm(request.POST or None, campaign=campaign, unit=None if is_office else request.user.organization)
    if form.is_valid():
        act = partial(campaign.declare_participation, by=request.user, **form.declaration())
        return act_then_redirect(request, request.path, act, _("Đã lưu số tham gia."))
    declared = campaign.participations.select_related("organization", "period").order_by(vietnamese_order("organization__name"), "period__starts_on")
    if not is_office:
        declared = declared.filter(organization=request.user.organization_id)
    query = request.GET.get("q", "")
    for word in fold(query).split():
        declared = declared.filter(organization__search_text__contains=word)
    page = Paginator(declared, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "campaign": campaign, "form": form, "page": page, "query": query,
        "import_form": ParticipationImportForm() if is_office else None,
    }
    return render(request, "campaigns/participation.html", context)


@login_required
@require_POST
def participation_import(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    if not request.user.has_perm("campaigns.change_campaign", campaign):
        raise PermissionDenied
    form = ParticipationImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tệp Excel."))
    else:
        try:
            count = import_participation(campaign, form.cleaned_data["workbook"], by=request.user)
        except PortalError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã nhập số tham gia của %(count)s dòng.") % {"count": count})
    return redirect("campaigns:participation", pk=campaign.pk)
