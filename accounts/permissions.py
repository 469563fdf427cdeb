import rules

from .predicates import is_administrator, is_office_staff, manages_organization


@rules.predicate
def manages_account(user, account):
    """A unit account of an organization the user's office works with (offices' own accounts are the administrator's)."""
    return account is not None and account.role == account.Role.UNIT and manages_organization(user, account.organization)


# An office keeps the organizations and unit accounts of its province (every one for a national body).
rules.add_perm("accounts.manage_organizations", is_office_staff | is_administrator)
rules.add_perm("accounts.change_organization", (is_office_staff & manages_organization) | is_administrator)
rules.add_perm("accounts.manage_accounts", is_office_staff | is_administrator)
rules.add_perm("accounts.change_account", (is_office_staff & manages_account) | is_administrator)
