"""Emulation clusters (cụm, khối thi đua): units under an office, led by a head and deputies rotating yearly, who
score one another on a plan's criteria and propose the best for the Cờ thi đua."""

from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from core.models import Searchable

from .models import CampaignError, Criterion


class ClusterError(CampaignError):
    pass


class Cluster(Searchable):
    office = models.ForeignKey(Organization, verbose_name=_("cơ quan theo dõi"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("tên cụm, khối thi đua"), max_length=255, help_text=_("Ví dụ: Cụm thi đua số 1 – Sở, ban, ngành"))
    members = models.ManyToManyField(Organization, verbose_name=_("đơn vị thành viên"), related_name="clusters")

    class Meta:
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = _("cụm, khối thi đua")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("campaigns:cluster", args=[self.pk])

    @property
    def body_id(self):
        return self.office_id

    def searchable_values(self):
        return [self.name]

    def _check_members(self, organizations, message):
        member_ids = set(self.members.values_list("pk", flat=True))
        outsiders = [organization.name for organization in organizations if organization.pk not in member_ids]
        if outsiders:
            raise ClusterError(message % {"names": ", ".join(outsiders)}, code="not_member")

    def appoint(self, *, by, year, head, deputies):
        """Record the year's head (cụm trưởng) and deputies; the head rotates: not the same unit two years running."""
        self._check_members([head, *deputies], _("Không phải đơn vị thành viên của cụm: %(names)s."))
        if head in deputies:
            raise ClusterError(_("Cụm trưởng không đồng thời là cụm phó."), code="head_is_deputy")
        if self.leaderships.filter(year=year - 1, head=head).exists():
            raise ClusterError(
                _("Cụm trưởng luân phiên hằng năm: %(name)s đã là cụm trưởng năm %(year)s.") % {"name": head, "year": year - 1},
                code="not_rotated",
            )
        with transaction.atomic():
            leadership, _created = self.leaderships.update_or_create(
                year=year, defaults={"head": head, "recorded_by": by, "recorded_at": timezone.now()}
            )
            leadership.deputies.set(deputies)
        return leadership

    appoint.alters_data = True

    def leadership_in(self, year):
        return self.leaderships.filter(year=year).select_related("head").prefetch_related("deputies").first()

    def score(self, *, by, campaign, year, scorer, points):
        """Save the scorer's points, {(scored unit, criterion): value or None}, keeping who entered each value."""
        self._check_members([scorer, *{unit for unit, _criterion in points}], _("Không phải đơn vị thành viên của cụm: %(names)s."))
        for (scored, criterion), value in points.items():
            if scored == scorer:
                raise ClusterError(_("Đơn vị không tự chấm điểm cho mình trong cụm."), code="self_score")
            if criterion.campaign_id != campaign.pk or criterion.max_points is None:
                raise ClusterError(_("Nội dung %(number)s không có điểm trong kế hoạch này.") % {"number": criterion.number}, code="no_points")
            if value is not None and not Decimal(0) <= value <= criterion.max_points:
                raise ClusterError(
                    _("%(unit)s, nội dung %(number)s: điểm phải từ 0 đến %(most)s.")
                    % {"unit": scored, "number": criterion.number, "most": floatformat(criterion.max_points, -2)},
                    code="bad_score",
                )
        now = timezone.now()
        with transaction.atomic():
            for (scored, criterion), value in points.items():
                score = self.scores.filter(year=year, scorer=scorer, scored=scored, criterion=criterion).first()
                if value is None or (score and score.points == value):
                    continue
                score, _created = self.scores.update_or_create(
                    year=year, scorer=scorer, scored=scored, criterion=criterion,
                    defaults={"points": value, "entered_by": by, "entered_at": now},
                )
                score.history.create(points=value, entered_by=by, entered_at=now)

    score.alters_data = True

    def ranking(self, campaign, year):
        """(rank, unit, average of the other members' totals, number of scorers, tied) rows, best first."""
        totals = {}
        rows = (
            self.scores.filter(year=year, criterion__campaign=campaign)
            .values("scored", "scorer").annotate(total=models.Sum("points"))
        )
        for row in rows:
            totals.setdefault(row["scored"], []).append(row["total"])
        averages = {unit: sum(values) / len(values) for unit, values in totals.items()}
        scored = sorted(
            (unit for unit in self.members.all() if unit.pk in averages), key=lambda unit: (-averages[unit.pk], unit.name)
        )
        levels = list(averages.values())
        ranked = [
            (1 + sum(level > averages[unit.pk] for level in levels), unit, averages[unit.pk], len(totals[unit.pk]),
             levels.count(averages[unit.pk]) > 1)
            for unit in scored
        ]
        unscored = self.members.exclude(pk__in=averages).order_by("name")
        return ranked + [(None, unit, None, 0, False) for unit in unscored]

    def propose(self, *, by, campaign, year, units, note=""):
        """The head's proposal for the Cờ thi đua: the top unit(s) of the ranking, none ranked below one left out."""
        if not units:
            raise ClusterError(_("Hãy chọn ít nhất một đơn vị dẫn đầu để đề nghị."), code="nothing_chosen")
        self._check_members(units, _("Không phải đơn vị thành viên của cụm: %(names)s."))
        ranks = {unit.pk: rank for rank, unit, average, _count, _tied in self.ranking(campaign, year) if average is not None}
        if any(unit.pk not in ranks for unit in units):
            raise ClusterError(_("Chỉ đề nghị được đơn vị đã được các thành viên chấm điểm."), code="not_scored")
        chosen = {unit.pk for unit in units}
        passed_over = [rank for pk, rank in ranks.items() if pk not in chosen]
        if passed_over and max(ranks[pk] for pk in chosen) > min(passed_over):
            raise ClusterError(_("Chỉ đề nghị được đơn vị dẫn đầu: có đơn vị xếp trên chưa được chọn."), code="not_top")
        with transaction.atomic():
            proposal = self.proposals.create(campaign=campaign, year=year, note=note, proposed_by=by, proposed_at=timezone.now())
            proposal.units.set(units)
        return proposal

    propose.alters_data = True


class ClusterLeadership(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="leaderships")
    year = models.PositiveSmallIntegerField(_("năm"))
    head = models.ForeignKey(Organization, verbose_name=_("cụm trưởng"), on_delete=models.PROTECT, related_name="+")
    deputies = models.ManyToManyField(Organization, verbose_name=_("cụm phó"), related_name="+", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("ghi lúc"))

    class Meta:
        verbose_name = _("cụm trưởng, cụm phó")
        verbose_name_plural = _("cụm trưởng, cụm phó")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["cluster", "year"], name="cluster_one_head_a_year")]

    @property
    def body_id(self):
        return self.cluster.office_id


class ClusterScore(models.Model):
    """The points one member gives another on one criterion of a plan, for a year."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="scores")
    year = models.PositiveSmallIntegerField(_("năm"))
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    scorer = models.ForeignKey(Organization, verbose_name=_("đơn vị chấm"), on_delete=models.PROTECT, related_name="+")
    scored = models.ForeignKey(Organization, verbose_name=_("đơn vị được chấm"), on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("nhập lúc"))

    class Meta:
        verbose_name = _("điểm chấm chéo")
        verbose_name_plural = _("điểm chấm chéo")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year", "criterion", "scorer", "scored"], name="cluster_score_once"),
            models.CheckConstraint(condition=~models.Q(scorer=models.F("scored")), name="cluster_score_not_self"),
        ]


class ClusterScoreHistory(models.Model):
    score = models.ForeignKey(ClusterScore, on_delete=models.CASCADE, related_name="history")
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("nhập lúc"))

    class Meta:
        ordering = ["-entered_at", "-pk"]


class ClusterProposal(models.Model):
    """The cluster's proposal for the Cờ thi đua, made by the year's head; a later one supersedes it."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="proposals")
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    units = models.ManyToManyField(Organization, verbose_name=_("đơn vị được đề nghị"), related_name="+")
    note = models.TextField(_("ghi chú"), blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(_("đề nghị lúc"))

    class Meta:
        verbose_name = _("đề nghị Cờ thi đua của cụm")
        verbose_name_plural = _("đề nghị Cờ thi đua của cụm")
        ordering = ["-proposed_at", "-pk"]
