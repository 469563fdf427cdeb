import rules

from accounts.predicates import (
    is_administrator,
    is_council_member,
    is_leader,
    is_office_for,
    is_office_or_leader_for,
    is_office_staff,
    sits_on_council_of,
)


@rules.predicate
def is_secretary_of_meeting(user, meeting):
    return meeting is not None and meeting.council.members.filter(user=user, role="secretary").exists()


@rules.predicate
def signs_minutes_of_meeting(user, meeting):
    return meeting is not None and meeting.council.members.filter(user=user, role__in=("chair", "secretary")).exists()


# A council and its meetings belong to the body of its standing office: only that office runs them;
# a member sees the meetings of a council they sit on, its secretary runs them.
rules.add_perm("councils.view_meeting", is_office_or_leader_for | sits_on_council_of)
rules.add_perm("councils.add_meeting", is_office_staff | is_administrator)
rules.add_perm("councils.change_council", is_office_for)
rules.add_perm("councils.run_meeting", is_office_for | is_secretary_of_meeting)
# Any seat opens the ballot page, which says why a non-voting seat cannot vote.
# The minutes bear the secretary's and the chair's signatures (councils/printing.py): they sign them digitally.
rules.add_perm("councils.sign_minutes", signs_minutes_of_meeting)
rules.add_perm("councils.vote_in_meeting", sits_on_council_of)
rules.add_perm("councils.list_meetings", is_office_staff | is_leader | is_council_member | is_administrator)
rules.add_perm("councils.view_council", is_office_or_leader_for)
