"""Start-of-year registration (đăng ký thi đua): a unit registers the titles it aims for; the plan's office reviews."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import PortalError
from core.views import act_then_redirect

from .forms import RegistrationForm
from .models import AwardForm, Campaign, Registration

PAGE_SIZE = 20


@login_required
def registration(request, pk):
    """The unit's own registration: filled and sent before the deadline, read afterwards."""
    campaign = get_object_or_404(Campaign, pk=pk)
    if not request.user.has_perm("campaigns.register", campaign) or request.user.organization is None:
        raise PermissionDenied
    if not campaign.asks_registration:
        messages.error(request, _("Kế hoạch này không yêu cầu đăng ký thi đua."))
        return redirect(campaign)
    registration = (
        Registration.objects.filter(campaign=campaign, organization=request.user.organization).first()
        or Registration(campaign=campaign, organization=request.user.organization)
    )
    initial = {"award_forms": registration.award_forms.all(), "targets": registration.targets} if registration.pk else {}
    form = RegistrationForm(request.POST or None, campaign=campaign, initial=initial)
    if form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            registration.fill(by=request.user, submit=submit, **form.cleaned_data)
        except PortalError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã gửi bản đăng ký thi đua.") if submit else _("Đã lưu nháp bản đăng ký."))
            return redirect(registration)
    context = {
        "campaign": campaign, "registration": registration, "form": form,
        "history": registration.history.select_related("actor") if registration.pk else [],
    }
    return render(request, "campaigns/registration.html", context)


@login_required
def registration_list(request, pk):
    """The plan's registrations, for its office to approve or return; searched by unit without diacritics."""
    campaign = get_object_or_404(Campaign, pk=pk)
    if not request.user.has_perm("campaigns.view_registrations", campaign):
        raise PermissionDenied
    registrations = (
        campaign.registrations.select_related("organization")
        .prefetch_related(Prefetch("award_forms", queryset=AwardForm.objects.order_by("pk")))
        .search(request.GET.get("q", ""))
    )
    page = Paginator(registrations, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"campaign": campaign, "page": page}
    return render(request, "campaigns/registration_list.html", context)


@login_required
@require_POST
def registration_review(request, pk):
    """The office approves a sent registration, or returns it with the reason."""
    registration = get_object_or_404(Registration.objects.select_related("campaign", "organization"), pk=pk)
    if not request.user.has_perm("campaigns.review_registration", registration):
        raise PermissionDenied
    text = request.POST.get("text", "")
    if request.POST.get("action") == "return":
        act, success = partial(registration.return_for_revision, by=request.user, reasons=text), _("Đã trả lại bản đăng ký.")
    else:
        act, success = partial(registration.approve, by=request.user, note=text), _("Đã duyệt bản đăng ký.")
    return act_then_redirect(request, reverse("campaigns:registrations", args=[registration.campaign_id]), act, success)
