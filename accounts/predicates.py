"""Predicates about a user, combined by each app's permissions.py."""

import rules


def _has_role(user, role):
    return getattr(user, "role", None) == role


@rules.predicate
def is_administrator(user):
    return getattr(user, "is_administrator", False)


@rules.predicate
def is_office_staff(user):
    """Sở Tư pháp staff: the council's standing office."""
    return _has_role(user, "staff")


@rules.predicate
def is_unit_user(user):
    return _has_role(user, "unit")


@rules.predicate
def is_council_member(user):
    return _has_role(user, "council_member")


@rules.predicate
def is_leader(user):
    return _has_role(user, "leader")


@rules.predicate
def belongs_to(user, obj):
    """The object is the user's own organization, or a unit-owned object (`owner_organization_id`) of it."""
    if getattr(user, "organization_id", None) is None or obj is None:
        return False
    owner_id = obj.pk if obj._meta.model_name == "organization" else obj.owner_organization_id
    return owner_id == user.organization_id


is_staff_of_office = is_office_staff | is_administrator
