import rules

from accounts.predicates import is_leader, is_staff_of_office

# The office and its leaders look at the whole sector; a unit reads its own lists.
rules.add_perm("dashboards.view_dashboard", is_staff_of_office | is_leader)
