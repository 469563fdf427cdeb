"""Clusters (cụm, khối thi đua): the office keeps them and their yearly leadership; members score one another."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization
from core.exceptions import PortalError

from .cluster_forms import ClusterForm, ClusterScoreForm, LeadershipForm, ProposalForm
from .clusters import Cluster
from .models import Campaign

PAGE_SIZE = 20


def clusters_visible_to(user):
    if user.is_administrator:
        return Cluster.objects.all()
    if user.role == user.Role.UNIT:
        return Cluster.objects.filter(members=user.organization_id)
    if user.role in (user.Role.STAFF, user.Role.LEADER):
        return Cluster.objects.filter(office__in=user.body_ids)
    return Cluster.objects.none()


def cluster_for(request, pk, permission):
    cluster = get_object_or_404(Cluster.objects.select_related("office"), pk=pk)
    if not request.user.has_perm(permission, cluster):
        raise PermissionDenied
    return cluster


def scored_criteria(campaign):
    return sorted(campaign.criteria.filter(max_points__isnull=False), key=lambda criterion: criterion.sort_key)


def scored_campaign(request, campaign_pk):
    """A plan the user sees whose criteria carry points."""
    campaign = get_object_or_404(Campaign, pk=campaign_pk)
    if not request.user.has_perm("campaigns.view_campaign", campaign):
        raise PermissionDenied
    criteria = scored_criteria(campaign)
    if not criteria:
        raise Http404(_("Kế hoạch này chưa có nội dung chấm điểm."))
    return campaign, criteria


def chosen_year(request):
    """The year asked for with ?nam=, this year when absent or not a year."""
    year = request.GET.get("nam", "")
    return int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else timezone.localdate().year


@login_required
def cluster_list(request):
    """The clusters the user keeps (an office) or belongs to (a unit), searched without diacritics."""
    clusters = (
        clusters_visible_to(request.user).select_related("office").annotate(member_count=Count("members"))
        .search(request.GET.get("q", "")).order_by("name", "pk")
    )
    page = Paginator(clusters, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "campaigns/cluster_list.html", {"page": page})


@login_required
def cluster_form(request, pk=None):
    """The office names a cluster and picks its members."""
    if pk is None:
        if not request.user.has_perm("campaigns.add_cluster"):
            raise PermissionDenied
        cluster = Cluster(office=request.user.organization)
    else:
        cluster = cluster_for(request, pk, "campaigns.change_cluster")
    form = ClusterForm(request.POST or None, instance=cluster, user=request.user)
    if form.is_valid():
        if cluster.office_id is None:
            form.add_error(None, _("Tài khoản không thuộc cơ quan nào: không lập được cụm thi đua."))
        else:
            cluster = form.save()
            messages.success(request, _("Đã lưu cụm thi đua."))
            return redirect(cluster)
    return render(request, "campaigns/cluster_form.html", {"form": form, "cluster": cluster})


@login_required
def cluster_detail(request, pk):
    """Members, the yearly head and deputies (recorded by the office), and the plans scored in the cluster."""
    cluster = cluster_for(request, pk, "campaigns.view_cluster")
    can_change = request.user.has_perm("campaigns.change_cluster", cluster)
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    form = LeadershipForm(request.POST or None, cluster=cluster) if can_change else None
    if form is not None and form.is_valid():
        try:
            leadership = cluster.appoint(by=request.user, **form.cleaned_data)
        except PortalError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi cụm trưởng, cụm phó năm %(year)s.") % {"year": leadership.year})
            return redirect(cluster)
    leaderships = cluster.leaderships.select_related("head", "recorded_by").prefetch_related(
        Prefetch("deputies", queryset=Organization.objects.order_by("name"))
    )
    campaigns = Campaign.objects.visible_to(request.user).filter(criteria__max_points__isnull=False).distinct()
    context = {
        "cluster": cluster, "form": form, "leaderships": leaderships, "members": cluster.members.order_by("name"),
        "campaigns": campaigns.order_by("-issue_date", "pk")[:PAGE_SIZE], "year": chosen_year(request),
        "is_member": cluster.members.filter(pk=request.user.organization_id).exists(),
    }
    return render(request, "campaigns/cluster_detail.html", context)


@login_required
def cluster_scoring(request, pk, campaign_pk, year):
    """A member scores every other member on the plan's criteria; what it typed stays when refused."""
    cluster = cluster_for(request, pk, "campaigns.score_in_cluster")
    campaign, criteria = scored_campaign(request, campaign_pk)
    scorer = request.user.organization
    scored_units = list(cluster.members.exclude(pk=scorer.pk).order_by("name"))
    own = cluster.scores.filter(year=year, scorer=scorer, criterion__in=criteria)
    initial_points = {(score.scored_id, score.criterion_id): score.points for score in own}
    form = ClusterScoreForm(request.POST or None, scored_units=scored_units, criteria=criteria, initial_points=initial_points)
    if form.is_valid():
        try:
            cluster.score(by=request.user, campaign=campaign, year=year, scorer=scorer, points=form.points())
        except PortalError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu điểm chấm chéo."))
            return redirect("campaigns:cluster_ranking", pk=cluster.pk, campaign_pk=campaign.pk, year=year)
    context = {"cluster": cluster, "campaign": campaign, "year": year, "criteria": criteria, "form": form}
    return render(request, "campaigns/cluster_scoring.html", context)


@login_required
def cluster_ranking(request, pk, campaign_pk, year):
    """The members ranked by the average of the others' totals, ties marked; the year's head proposes the top."""
    cluster = cluster_for(request, pk, "campaigns.view_cluster")
    campaign, _criteria = scored_campaign(request, campaign_pk)
    leadership = cluster.leadership_in(year)
    can_propose = request.user.has_perm("campaigns.propose_for_cluster", leadership)
    if request.method == "POST" and not can_propose:
        raise PermissionDenied
    form = ProposalForm(request.POST or None, cluster=cluster)
    if request.method == "POST" and form.is_valid():
        try:
            cluster.propose(by=request.user, campaign=campaign, year=year, **form.cleaned_data)
        except PortalError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã gửi đề nghị tặng Cờ thi đua của cụm."))
            return redirect("campaigns:cluster_ranking", pk=cluster.pk, campaign_pk=campaign.pk, year=year)
    proposals = cluster.proposals.filter(campaign=campaign, year=year).select_related("proposed_by").prefetch_related("units")
    chosen = {int(pk) for pk in form["units"].value() or [] if str(pk).isdigit()}
    context = {
        "cluster": cluster, "campaign": campaign, "year": year, "leadership": leadership, "form": form,
        "ranking": cluster.ranking(campaign, year), "can_propose": can_propose, "chosen": chosen,
        "proposal": proposals.first(),
        "can_score": request.user.has_perm("campaigns.score_in_cluster", cluster),
    }
    return render(request, "campaigns/cluster_ranking.html", context)
