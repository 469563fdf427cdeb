import rules

from accounts.predicates import belongs_to, is_leader, is_staff_of_office, is_unit_user

rules.add_perm("awards.view_all_decisions", is_staff_of_office | is_leader)


@rules.predicate
def grants_to_the_unit(user, decision):
    """A signed decision that awards one of the unit's dossiers."""
    return decision.is_signed and decision.nominations.filter(submitting_unit=user.organization_id).exists()


rules.add_perm("awards.view_decision", is_staff_of_office | is_leader | (is_unit_user & grants_to_the_unit))
rules.add_perm("awards.add_decision", is_staff_of_office)
rules.add_perm("awards.change_decision", is_staff_of_office)
rules.add_perm("awards.sign_decision", is_leader)
rules.add_perm("awards.check_signatures", rules.is_authenticated)
rules.add_perm("awards.generate_documents", is_staff_of_office | is_leader)
rules.add_perm("awards.view_register", rules.is_authenticated)
rules.add_perm("awards.export_register", is_staff_of_office | is_leader)


@rules.predicate
def works_in_the_unit(user, person):
    """The person is one of the user's own organization."""
    return user.organization_id is not None and person.organization_id == user.organization_id


# A person's or a unit's award history: the office and leaders see everybody's, anyone else only their own unit's.
rules.add_perm("awards.view_person_awards", is_staff_of_office | is_leader | works_in_the_unit)
rules.add_perm("awards.view_organization_awards", is_staff_of_office | is_leader | belongs_to)


@rules.predicate
def granted_to_the_unit(user, award):
    """An award given on one of the unit's own dossiers."""
    return user.organization_id is not None and award.nomination.submitting_unit_id == user.organization_id


rules.add_perm("awards.view_award", is_staff_of_office | is_leader | (is_unit_user & granted_to_the_unit))
# The print for blanks holds every unit's awardees: the office prints it.
rules.add_perm("awards.print_certificates", is_staff_of_office | is_leader)
# Anyone holding a certificate may check it: the page shows only what the signed decision made public.
rules.add_perm("awards.verify_award", rules.always_allow)
rules.add_perm("awards.revoke_award", is_staff_of_office)
# The package sent upward holds every awardee's dossier: the office and its leaders send it.
rules.add_perm("awards.download_packet", is_staff_of_office | is_leader)
