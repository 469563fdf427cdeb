"""Demo data of the council: the Cần Thơ inter-agency council of plan 67/KH-UBND."""

from django.db import transaction

from accounts.models import Organization, User

from .models import Council, CouncilMember

DEMO_COUNCIL = "Hội đồng phối hợp liên ngành về trợ giúp pháp lý trong hoạt động tố tụng thành phố Cần Thơ"
DEMO_COUNCIL_OFFICE = "Sở Tư pháp thành phố Cần Thơ"
# username, role, voting: hoidong1 chairs it, hoidong5 keeps the minutes and votes as a member too;
# the Sở officer of the standing office sits on it with her one staff account, without a vote.
DEMO_SEATS = [
    ("hoidong1", CouncilMember.Role.CHAIR, True),
    ("hoidong2", CouncilMember.Role.VICE_CHAIR, True),
    ("hoidong3", CouncilMember.Role.MEMBER, True),
    ("hoidong4", CouncilMember.Role.MEMBER, True),
    ("hoidong5", CouncilMember.Role.SECRETARY, True),
    ("sotuphap", CouncilMember.Role.MEMBER, False),
]


SECTOR_COUNCIL = "Hội đồng Thi đua - Khen thưởng ngành Tư pháp"
SECTOR_COUNCIL_OFFICE = "Vụ Thi đua - Khen thưởng"
# The Ministry's sector council (seed 001), where provinces' best dossiers go for the Minister's Bằng khen;
# the Vụ TĐKT officer keeps its minutes without a vote.
SECTOR_SEATS = [
    ("hoidongbo1", CouncilMember.Role.CHAIR, True),
    ("hoidongbo2", CouncilMember.Role.MEMBER, True),
    ("hoidongbo3", CouncilMember.Role.MEMBER, True),
    ("vutdkt", CouncilMember.Role.SECRETARY, False),
]


def _seat_council(name, office, seats):
    council, _ = Council.objects.get_or_create(name=name, defaults={"organization": Organization.objects.get(name=office)})
    for username, role, is_voting in seats:
        CouncilMember.objects.update_or_create(
            council=council, user=User.objects.get(username=username), defaults={"role": role, "is_voting": is_voting}
        )
    return council


@transaction.atomic
def create_demo_council():
    """Create (or keep) the demo councils and their seats: Cần Thơ's, then the Ministry's sector council."""
    _seat_council(SECTOR_COUNCIL, SECTOR_COUNCIL_OFFICE, SECTOR_SEATS)
    return _seat_council(DEMO_COUNCIL, DEMO_COUNCIL_OFFICE, DEMO_SEATS)
