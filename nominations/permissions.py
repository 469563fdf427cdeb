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


@rules.predicate
def is_member_of_meeting(user, meeting):
    return meeting is not None and meeting.council.members.filter(user=user).exists()


@rules.predicate
def is_secretary_of_meeting(user, meeting):
    return meeting is not None and meeting.council.members.filter(user=user, role="secretary").exists()


rules.add_perm("nominations.view_all_meetings", is_staff_of_office | is_leader)
rules.add_perm("nominations.view_meeting", is_staff_of_office | is_leader | is_member_of_meeting)
rules.add_perm("nominations.add_meeting", is_staff_of_office)
rules.add_perm("nominations.change_council", is_staff_of_office)
rules.add_perm("nominations.run_meeting", is_staff_of_office | is_secretary_of_meeting)
rules.add_perm("nominations.vote_in_meeting", is_council_member & is_member_of_meeting)


@rules.predicate
def has_council_seat(user):
    """A seat in any council: a secretary may hold another role's account."""
    return user.is_authenticated and user.council_seats.exists()


rules.add_perm("nominations.list_meetings", is_staff_of_office | is_leader | is_council_member | has_council_seat)
rules.add_perm("nominations.view_council", is_staff_of_office | is_leader)
