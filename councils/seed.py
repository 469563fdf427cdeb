"""Demo data of the council: the Cần Thơ inter-agency council of plan 67/KH-UBND."""

from django.db import transaction

from accounts.models import Organization, User

from .models import Council, CouncilMember

DEMO_COUNCIL = "Hội đồng phối hợp liên ngành về trợ giúp pháp lý trong hoạt động tố tụng thành phố Cần Thơ"
DEMO_COUNCIL_OFFICE = "Sở Tư pháp thành phố Cần Thơ"
# username, role, voting: hoidong1 chairs it, hoidong5 keeps the minutes and votes as a member too.
DEMO_SEATS = [
    ("hoidong1", CouncilMember.Role.CHAIR, True),
    ("hoidong2", CouncilMember.Role.VICE_CHAIR, True),
    ("hoidong3", CouncilMember.Role.MEMBER, True),
    ("hoidong4", CouncilMember.Role.MEMBER, True),
    ("hoidong5", CouncilMember.Role.SECRETARY, True),
]


@transaction.atomic
def create_demo_council():
    """Create (or keep) the demo council and its five seats."""
    council, _ = Council.objects.get_or_create(
        name=DEMO_COUNCIL, defaults={"organization": Organization.objects.get(name=DEMO_COUNCIL_OFFICE)}
    )
    for username, role, is_voting in DEMO_SEATS:
        CouncilMember.objects.update_or_create(
            council=council, user=User.objects.get(username=username), defaults={"role": role, "is_voting": is_voting}
        )
    return council
