import rules

from accounts.predicates import belongs_to, is_council_member, is_leader, is_staff_of_office, is_unit_user

is_submitting_unit = is_unit_user & belongs_to

rules.add_perm("nominations.view_all_nominations", is_staff_of_office | is_council_member | is_leader)
rules.add_perm("nominations.view_nomination", is_staff_of_office | is_council_member | is_leader | is_submitting_unit)
rules.add_perm("nominations.add_nomination", is_unit_user)
rules.add_perm("nominations.change_nomination", is_submitting_unit)
rules.add_perm("nominations.submit_nomination", is_submitting_unit)
rules.add_perm("nominations.withdraw_nomination", is_submitting_unit)
rules.add_perm("nominations.return_nomination", is_staff_of_office)
rules.add_perm("nominations.appraise_nomination", is_staff_of_office)
rules.add_perm("nominations.accept_nomination", is_staff_of_office)
rules.add_perm("nominations.forward_nomination", is_staff_of_office)
rules.add_perm("nominations.run_consultation", is_staff_of_office)
