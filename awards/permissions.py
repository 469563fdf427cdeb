import rules

from accounts.predicates import (
    belongs_to,
    holds_authority_of,
    is_administrator,
    is_leader,
    is_office_for,
    is_office_or_leader_for,
    is_staff_of_office,
    is_unit_user,
    manages_organization,
)

from .models import Decision


@rules.predicate
def is_visible_decision(user, decision):
    """The decision is among those `Decision.objects.visible_to` lists for the user: one rule for lists and pages."""
    return decision is not None and Decision.objects.visible_to(user).filter(pk=decision.pk).exists()


# Who reads the awards of units other than their own (links in the register to others' histories).
rules.add_perm("awards.view_other_units", is_staff_of_office | is_leader)
rules.add_perm("awards.view_decision", rules.is_authenticated & is_visible_decision)
rules.add_perm("awards.add_decision", is_staff_of_office)
rules.add_perm("awards.change_decision", is_office_for)
# The office of a plan that implements a higher one forwards its best dossiers there, with its tờ trình.
rules.add_perm("awards.forward_dossiers", is_office_for)
# Only a leader of the issuing body signs (the administrator never signs for anyone).
rules.add_perm("awards.sign_decision", holds_authority_of)
rules.add_perm("awards.check_signatures", rules.is_authenticated)
rules.add_perm("awards.generate_documents", is_office_or_leader_for)
rules.add_perm("awards.view_register", rules.is_authenticated)
rules.add_perm("awards.export_register", is_staff_of_office | is_leader)


@rules.predicate
def works_in_managed_unit(user, person):
    """The person belongs to an organization the user's office works with."""
    return person is not None and manages_organization(user, person.organization)


@rules.predicate
def works_in_the_unit(user, person):
    """The person is one of the user's own organization."""
    return user.organization_id is not None and person.organization_id == user.organization_id


is_office_or_leader = is_staff_of_office | is_leader
# A person's or a unit's award history: an office and its leaders see those of the units they work with,
# anyone else only their own unit's.
rules.add_perm("awards.view_person_awards", (is_office_or_leader & works_in_managed_unit) | works_in_the_unit | is_administrator)
rules.add_perm(
    "awards.view_organization_awards", (is_office_or_leader & manages_organization) | belongs_to | is_administrator
)


@rules.predicate
def granted_to_the_unit(user, award):
    """An award given on one of the unit's own dossiers, or to its own people or itself without a dossier."""
    return user.organization_id is not None and award.unit_id == user.organization_id


# Read row by row in the annex: no query of its own (the award's decision and dossier are loaded).
rules.add_perm("awards.view_award", is_office_or_leader_for | (is_unit_user & granted_to_the_unit))
# The print for blanks holds every unit's awardees: the office prints it.
rules.add_perm("awards.print_certificates", is_office_or_leader_for)
# Anyone holding a certificate may check it: the page shows only what the signed decision made public.
rules.add_perm("awards.verify_award", rules.always_allow)
rules.add_perm("awards.revoke_award", is_office_for)
rules.add_perm("awards.correct_award", is_office_for)
# The package sent upward holds every awardee's dossier: the office and its leaders send it.
rules.add_perm("awards.download_packet", is_office_or_leader_for)
