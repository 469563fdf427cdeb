import rules

from accounts.predicates import belongs_to, is_council_member, is_leader, is_staff_of_office, is_unit_user


@rules.predicate
def is_visible_campaign(user, campaign):
    """Launched, and of the user's province or national."""
    return campaign is None or (campaign.status != campaign.Status.DRAFT and campaign.concerns(user.organization))


can_view_drafts = is_staff_of_office | is_council_member | is_leader

rules.add_perm("campaigns.view_campaign", rules.is_authenticated & (can_view_drafts | is_visible_campaign))
rules.add_perm("campaigns.view_draft_campaigns", can_view_drafts)
rules.add_perm("campaigns.add_campaign", is_staff_of_office)
rules.add_perm("campaigns.change_campaign", is_staff_of_office)
rules.add_perm("campaigns.move_campaign", is_staff_of_office)
rules.add_perm("campaigns.grant_extension", is_staff_of_office)
# The office enters or imports every unit's participants; a unit declares its own once the plan is launched.
rules.add_perm("campaigns.declare_participation", is_staff_of_office | (is_unit_user & is_visible_campaign))


@rules.predicate
def is_of_a_visible_campaign(user, report):
    """A unit reads and sends the reports of a campaign once it is launched."""
    return report is None or report.campaign.status != report.campaign.Status.DRAFT


rules.add_perm("campaigns.view_report", is_staff_of_office | is_leader | (belongs_to & is_of_a_visible_campaign))
rules.add_perm("campaigns.submit_report", is_unit_user & belongs_to & is_of_a_visible_campaign)
rules.add_perm("campaigns.track_reports", is_staff_of_office | is_leader)
rules.add_perm("campaigns.request_reports", is_staff_of_office)
rules.add_perm("notifications.change_messagetemplate", is_staff_of_office)
rules.add_perm("campaigns.view_reminders", is_staff_of_office | is_leader)
