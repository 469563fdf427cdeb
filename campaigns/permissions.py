import rules

from accounts.predicates import (
    belongs_to,
    is_office_for,
    is_office_or_leader_for,
    is_staff_of_office,
    is_unit_user,
)

from .models import Campaign


@rules.predicate
def is_visible_campaign(user, campaign):
    """The plan is among those `Campaign.objects.visible_to` lists for the user: one rule for lists and pages."""
    return campaign is None or Campaign.objects.visible_to(user).filter(pk=campaign.pk).exists()


rules.add_perm("campaigns.view_campaign", rules.is_authenticated & is_visible_campaign)
rules.add_perm("campaigns.add_campaign", is_staff_of_office)
rules.add_perm("campaigns.change_campaign", is_office_for)
rules.add_perm("campaigns.move_campaign", is_office_for)
rules.add_perm("campaigns.grant_extension", is_office_for)
# The office enters or imports every unit's participants; a unit declares its own once the plan is launched.
rules.add_perm("campaigns.declare_participation", is_office_for | (is_unit_user & is_visible_campaign))


@rules.predicate
def is_of_a_visible_campaign(user, report):
    """A unit reads and sends the reports of a campaign once it is launched."""
    return report is None or report.campaign.status != report.campaign.Status.DRAFT


rules.add_perm("campaigns.view_report", is_office_or_leader_for | (belongs_to & is_of_a_visible_campaign))
rules.add_perm("campaigns.submit_report", is_unit_user & belongs_to & is_of_a_visible_campaign)
rules.add_perm("campaigns.track_reports", is_office_or_leader_for)
rules.add_perm("campaigns.evaluate_report", is_office_for)
rules.add_perm("campaigns.request_reports", is_office_for)
# Message templates are the portal's, not a body's: any office edits the wording, the administrator too.
rules.add_perm("notifications.change_messagetemplate", is_staff_of_office)
rules.add_perm("campaigns.view_reminders", is_office_or_leader_for)
# Start-of-year registration: a unit registers for itself on a plan it sees; the plan's office reviews.
rules.add_perm("campaigns.register", is_unit_user & is_visible_campaign)
rules.add_perm("campaigns.view_registrations", is_office_or_leader_for)
rules.add_perm("campaigns.review_registration", is_office_for)


@rules.predicate
def is_cluster_member(user, cluster):
    """The user's unit is a member of the cluster."""
    if cluster is None or getattr(user, "organization_id", None) is None:
        return False
    return cluster.members.filter(pk=user.organization_id).exists()


@rules.predicate
def heads_cluster(user, leadership):
    """The user's unit is the cluster's head (cụm trưởng) for the leadership's year."""
    return leadership is not None and leadership.head_id == getattr(user, "organization_id", None)


# Clusters (cụm, khối thi đua): the office that keeps one manages it; its members see it and score one another;
# the year's head proposes for the Cờ thi đua.
rules.add_perm("campaigns.add_cluster", is_staff_of_office)
rules.add_perm("campaigns.change_cluster", is_office_for)
rules.add_perm("campaigns.view_cluster", is_office_or_leader_for | (is_unit_user & is_cluster_member))
rules.add_perm("campaigns.score_in_cluster", is_unit_user & is_cluster_member)
rules.add_perm("campaigns.propose_for_cluster", is_unit_user & heads_cluster)
