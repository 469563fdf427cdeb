"""Names sort in Vietnamese alphabetical order: in SQL on PostgreSQL (ICU), in Python for documents."""

import pytest
from django.db import connection

from accounts.forms import InviteForm
from councils.forms import CouncilMemberForm
from documents.collation import vietnamese_key
from tests.factories import CouncilFactory, OrganizationFactory, UserFactory

SHUFFLED = ["Võ Thị Sáu", "Ấp Bình Thường", "Đỗ Mười", "Anh Đào", "Đặng Văn Ngữ", "Dương Minh Châu"]
VIETNAMESE_ORDER = ["Anh Đào", "Ấp Bình Thường", "Dương Minh Châu", "Đặng Văn Ngữ", "Đỗ Mười", "Võ Thị Sáu"]


@pytest.fixture
def on_postgresql(db):
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL on PostgreSQL")


def test_python_key_sorts_d_with_stroke_after_d_and_circumflex_after_a():
    assert sorted(SHUFFLED, key=vietnamese_key) == VIETNAMESE_ORDER


def test_organization_picker_lists_names_in_vietnamese_order_on_postgresql(on_postgresql, office_user):
    for name in SHUFFLED:
        OrganizationFactory(name=name)

    offered = InviteForm(user=office_user).fields["organization"].queryset.filter(name__in=SHUFFLED)

    assert [organization.name for organization in offered] == VIETNAMESE_ORDER


def test_council_member_picker_lists_people_in_vietnamese_order_on_postgresql(on_postgresql, office_user):
    council = CouncilFactory(organization=office_user.organization)
    for number, name in enumerate(SHUFFLED):
        UserFactory(full_name=name, username=f"nguoi{number}", organization=office_user.organization, role="staff")

    offered = CouncilMemberForm(council=council).fields["user"].queryset.filter(full_name__in=SHUFFLED)

    assert [user.full_name for user in offered] == VIETNAMESE_ORDER
