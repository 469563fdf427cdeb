import rules

from accounts.predicates import is_council_member, is_leader, is_staff_of_office


@rules.predicate
def is_member_of_meeting(user, meeting):
    return meeting is not None and meeting.council.members.filter(user=user).exists()


@rules.predicate
def is_secretary_of_meeting(user, meeting):
    return meeting is not None and meeting.council.members.filter(user=user, role="secretary").exists()


rules.add_perm("councils.view_all_meetings", is_staff_of_office | is_leader)
rules.add_perm("councils.view_meeting", is_staff_of_office | is_leader | is_member_of_meeting)
rules.add_perm("councils.add_meeting", is_staff_of_office)
rules.add_perm("councils.change_council", is_staff_of_office)
rules.add_perm("councils.run_meeting", is_staff_of_office | is_secretary_of_meeting)
rules.add_perm("councils.vote_in_meeting", is_council_member & is_member_of_meeting)


@rules.predicate
def has_council_seat(user):
    """A seat in any council: a secretary may hold another role's account."""
    return user.is_authenticated and user.council_seats.exists()


rules.add_perm("councils.list_meetings", is_staff_of_office | is_leader | is_council_member | has_council_seat)
rules.add_perm("councils.view_council", is_staff_of_office | is_leader)
