import rules

from accounts.predicates import belongs_to, is_office_for, is_unit_user

from .models import Nomination

is_submitting_unit = is_unit_user & belongs_to


@rules.predicate
def is_visible_nomination(user, nomination):
    """The dossier is among those `Nomination.objects.visible_to` lists for the user: one rule for lists and pages."""
    return nomination is not None and Nomination.objects.visible_to(user).filter(pk=nomination.pk).exists()


# Who reads dossiers of units other than their own (and so may filter them by unit).
rules.add_perm("nominations.view_other_units", ~is_unit_user)
# The list and its Excel copy: each user's own dossiers (`Nomination.objects.visible_to`).
rules.add_perm("nominations.export_nominations", rules.is_authenticated)
rules.add_perm("nominations.view_nomination", rules.is_authenticated & is_visible_nomination)
rules.add_perm("nominations.add_nomination", is_unit_user)
rules.add_perm("nominations.change_nomination", is_submitting_unit)
rules.add_perm("nominations.submit_nomination", is_submitting_unit)
rules.add_perm("nominations.withdraw_nomination", is_submitting_unit)
# The office of the body the dossier is sent to handles it; no other office, whatever its role.
rules.add_perm("nominations.return_nomination", is_office_for)
rules.add_perm("nominations.appraise_nomination", is_office_for)
rules.add_perm("nominations.accept_nomination", is_office_for)
rules.add_perm("nominations.score_nomination", is_office_for)
rules.add_perm("nominations.view_ranking", is_office_for)
rules.add_perm("nominations.forward_nomination", is_office_for)
rules.add_perm("nominations.run_consultation", is_office_for)
