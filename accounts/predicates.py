"""Predicates about a user, combined by each app's permissions.py.

Scope: every object of a higher app names its body with `body_id` (a plan's issuing body, a dossier's
plan's body, a council's standing office, a decision's issuing body). An office works, and a leader
reads, only on the objects of the bodies it acts for (`User.body_ids`: its organization and the
authority above it). Without an object, a scoped predicate answers whether the user holds the role at
all: "may this user create a plan" has no body yet.
"""

import rules


def _has_role(user, role):
    return getattr(user, "role", None) == role


def _in_body(user, obj):
    return obj is None or obj.body_id in user.body_ids


@rules.predicate
def is_administrator(user):
    return getattr(user, "is_administrator", False)


@rules.predicate
def is_office_staff(user):
    """Staff of an office (Sở Tư pháp, Sở Nội vụ, the Ministry's Vụ Thi đua – Khen thưởng), of any body."""
    return _has_role(user, "staff")


@rules.predicate
def is_unit_user(user):
    return _has_role(user, "unit")


@rules.predicate
def is_council_member(user):
    """A seat on some council, or a council member's account: what one holds, not only the role field."""
    return _has_role(user, "council_member") or bool(getattr(user, "seat_council_ids", ()))


@rules.predicate
def is_leader(user):
    return _has_role(user, "leader")


@rules.predicate
def is_office_of(user, obj):
    """Office staff of the body the object belongs to."""
    return _has_role(user, "staff") and _in_body(user, obj)


@rules.predicate
def is_leader_of(user, obj):
    """A leader of the body the object belongs to: reads its objects, signs only what `holds_authority_of` allows."""
    return _has_role(user, "leader") and _in_body(user, obj)


@rules.predicate
def holds_authority_of(user, obj):
    """A leader of the very body that issues the document (the Giám đốc Sở for the Sở, the Chủ tịch for the UBND)."""
    return _has_role(user, "leader") and (obj is None or obj.issuing_organization_id == user.organization_id)


@rules.predicate
def sits_on_council_of(user, obj):
    """A seat on the council (or the meeting's council) the object names with `council_id`."""
    return obj is not None and obj.council_id in getattr(user, "seat_council_ids", ())


@rules.predicate
def belongs_to(user, obj):
    """The object is the user's own organization, or a unit-owned object (`owner_organization_id`) of it."""
    if getattr(user, "organization_id", None) is None or obj is None:
        return False
    owner_id = obj.pk if obj._meta.model_name == "organization" else obj.owner_organization_id
    return owner_id == user.organization_id


@rules.predicate
def manages_organization(user, organization):
    """The organization is one the user's office works with (its province's, or any for a national body)."""
    if organization is None or getattr(user, "organization_id", None) is None:
        return False
    province = user.organization.province
    return not province or organization.province == province


is_staff_of_office = is_office_staff | is_administrator
is_office_for = is_office_of | is_administrator
is_office_or_leader_for = is_office_of | is_leader_of | is_administrator
