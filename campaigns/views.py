from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .filters import CampaignFilter
from .forms import CampaignForm
from .models import Campaign, CampaignError

PAGE_SIZE = 20


@login_required
def campaign_list(request):
    campaigns = (
        Campaign.objects.visible_to(request.user)
        .select_related("issuing_organization")
        .order_by("-issue_date", "number")
    )
    campaign_filter = CampaignFilter(request.GET, queryset=campaigns)
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
    context = {
        "campaign": campaign,
        "criteria": sorted(campaign.criteria.all(), key=lambda criterion: criterion.sort_key),
        "subjects": campaign.subjects.all(),
        "award_forms": campaign.award_forms.select_related("granting_organization"),
        "periods": campaign.periods.all(),
        "tasks": sorted(
            campaign.tasks.select_related("lead_organization").prefetch_related("coordinating_organizations"),
            key=lambda task: task.sort_key,
        ),
        "reports": campaign.reports.select_related("organization", "period"),
        "implementations": campaign.implementations.visible_to(request.user),
        "history": campaign.history.select_related("actor")[:20],
    }
    return render(request, "campaigns/campaign_detail.html", context)


@login_required
def campaign_create(request):
    if not request.user.has_perm("campaigns.add_campaign"):
        raise PermissionDenied
    form = CampaignForm(request.POST or None)
    if form.is_valid():
        campaign = form.save()
        messages.success(request, _("Đã tạo kế hoạch %(number)s.") % {"number": campaign.number})
        return redirect(campaign)
    return render(request, "campaigns/campaign_form.html", {"form": form})


@login_required
def campaign_edit(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    if not request.user.has_perm("campaigns.change_campaign", campaign):
        raise PermissionDenied
    form = CampaignForm(request.POST or None, instance=campaign)
    if form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu thay đổi."))
        return redirect(campaign)
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign})


@login_required
@require_POST
def campaign_launch(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    if not request.user.has_perm("campaigns.launch_campaign", campaign):
        raise PermissionDenied
    try:
        campaign.launch(by=request.user)
    except CampaignError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã phát động phong trào."))
    return redirect(campaign)
