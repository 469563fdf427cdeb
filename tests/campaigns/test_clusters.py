"""Clusters (cụm, khối thi đua): yearly head and deputies, cross-scoring between members, ranking, the proposal."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import User
from campaigns.clusters import Cluster, ClusterError, ClusterScore
from tests.factories import CampaignFactory, OrganizationFactory, UserFactory

YEAR = 2026


@pytest.fixture
def units(db):
    return [OrganizationFactory(name=f"Sở, ngành thành viên {letter}") for letter in "ABCD"]


@pytest.fixture
def accounts(units):
    return [UserFactory(role=User.Role.UNIT, organization=unit) for unit in units]


@pytest.fixture
def cluster(office, office_user, units):
    cluster = Cluster.objects.create(office=office, name="Cụm thi đua số 1 – Sở, ban, ngành")
    cluster.members.set(units[:3])
    return cluster


@pytest.fixture
def campaign(db):
    campaign = CampaignFactory()
    campaign.criteria.create(number="1", text="Thực hiện nhiệm vụ chuyên môn", max_points=60)
    campaign.criteria.create(number="2", text="Xây dựng tổ chức", max_points=40)
    return campaign


def criteria_of(campaign):
    return list(campaign.criteria.order_by("pk"))


def give(cluster, campaign, by, scorer, scored, *values):
    points = {(scored, criterion): Decimal(value) for criterion, value in zip(criteria_of(campaign), values, strict=True)}
    cluster.score(by=by, campaign=campaign, year=YEAR, scorer=scorer, points=points)


def scoring_url(cluster, campaign):
    return reverse("campaigns:cluster_scoring", args=[cluster.pk, campaign.pk, YEAR])


def ranking_url(cluster, campaign):
    return reverse("campaigns:cluster_ranking", args=[cluster.pk, campaign.pk, YEAR])


# The office keeps the cluster and its yearly leadership


@pytest.mark.django_db
def test_office_creates_a_cluster_with_its_members(client_of, office_user, units):
    data = {"name": "Cụm thi đua số 2 – Khối xã", "members": [units[0].pk, units[1].pk]}

    response = client_of(office_user).post(reverse("campaigns:cluster_create"), data)

    cluster = Cluster.objects.get()
    assert response.status_code == 302 and response["Location"] == cluster.get_absolute_url()
    assert cluster.office == office_user.organization
    assert set(cluster.members.all()) == {units[0], units[1]}


@pytest.mark.django_db
def test_a_cluster_without_a_name_is_refused_and_keeps_the_members_chosen(client_of, office_user, units):
    response = client_of(office_user).post(reverse("campaigns:cluster_create"), {"name": "", "members": [units[2].pk]})

    assert response.status_code == 200 and not Cluster.objects.exists()
    assert "Chưa lưu được" in response.content.decode()
    assert response.context["form"]["members"].value() == [str(units[2].pk)]


@pytest.mark.django_db
def test_office_records_next_years_head_and_deputies_with_who_recorded(client_of, office_user, cluster, units):
    data = {"year": YEAR + 1, "head": units[1].pk, "deputies": [units[0].pk]}

    response = client_of(office_user).post(cluster.get_absolute_url(), data)

    assert response.status_code == 302
    leadership = cluster.leadership_in(YEAR + 1)
    assert leadership.head == units[1] and list(leadership.deputies.all()) == [units[0]]
    assert leadership.recorded_by == office_user
    page = client_of(office_user).get(cluster.get_absolute_url()).content.decode()
    assert "Sở, ngành thành viên B" in page and str(office_user) in page


@pytest.mark.django_db
def test_one_head_a_year_recording_again_replaces_it(cluster, office_user, units):
    cluster.appoint(by=office_user, year=YEAR, head=units[0], deputies=[])
    cluster.appoint(by=office_user, year=YEAR, head=units[1], deputies=[units[2]])

    assert cluster.leaderships.get().head == units[1]


@pytest.mark.django_db
def test_head_or_deputy_outside_the_cluster_is_refused(cluster, office_user, units):
    with pytest.raises(ClusterError, match="Không phải đơn vị thành viên của cụm: Sở, ngành thành viên D"):
        cluster.appoint(by=office_user, year=YEAR, head=units[3], deputies=[])
    with pytest.raises(ClusterError, match="Không phải đơn vị thành viên"):
        cluster.appoint(by=office_user, year=YEAR, head=units[0], deputies=[units[3]])
    assert not cluster.leaderships.exists()


@pytest.mark.django_db
def test_head_outside_the_cluster_on_the_page_is_refused_in_vietnamese(client_of, office_user, cluster, units):
    data = {"year": YEAR, "head": units[3].pk}

    response = client_of(office_user).post(cluster.get_absolute_url(), data)

    assert response.status_code == 200 and not cluster.leaderships.exists()
    assert "Chưa lưu được" in response.content.decode()


@pytest.mark.django_db
def test_the_head_rotates_not_the_same_unit_two_years_running(cluster, office_user, units):
    cluster.appoint(by=office_user, year=YEAR, head=units[0], deputies=[])

    with pytest.raises(ClusterError, match="luân phiên hằng năm"):
        cluster.appoint(by=office_user, year=YEAR + 1, head=units[0], deputies=[])
    with pytest.raises(ClusterError, match="không đồng thời là cụm phó"):
        cluster.appoint(by=office_user, year=YEAR + 1, head=units[1], deputies=[units[1]])


# Members score every other member


@pytest.mark.django_db
def test_member_scores_the_others_and_the_history_says_who(client_of, accounts, cluster, campaign, units):
    first, second = criteria_of(campaign)
    data = {f"points-{units[1].pk}-{first.pk}": "55", f"points-{units[1].pk}-{second.pk}": "30.5"}

    response = client_of(accounts[0]).post(scoring_url(cluster, campaign), data)

    assert response.status_code == 302
    score = ClusterScore.objects.get(scored=units[1], criterion=second)
    assert (score.scorer, score.points, score.entered_by) == (units[0], Decimal("30.5"), accounts[0])
    assert score.history.get().entered_by == accounts[0]
    page = client_of(accounts[0]).get(scoring_url(cluster, campaign)).content.decode()
    assert 'value="30.50"' in page and f'name="points-{units[0].pk}-{first.pk}"' not in page


@pytest.mark.django_db
def test_a_score_over_the_criterion_points_is_refused_and_what_was_typed_stays(client_of, accounts, cluster, campaign, units):
    first, second = criteria_of(campaign)
    data = {f"points-{units[1].pk}-{first.pk}": "61", f"points-{units[2].pk}-{second.pk}": "12"}

    response = client_of(accounts[0]).post(scoring_url(cluster, campaign), data)

    page = response.content.decode()
    assert response.status_code == 200 and not ClusterScore.objects.exists()
    assert "nội dung 1: điểm phải từ 0 đến 60" in page
    assert 'value="61"' in page and 'value="12"' in page


@pytest.mark.django_db
def test_a_score_that_is_not_a_number_is_refused(client_of, accounts, cluster, campaign, units):
    first = criteria_of(campaign)[0]

    response = client_of(accounts[0]).post(scoring_url(cluster, campaign), {f"points-{units[1].pk}-{first.pk}": "năm"})

    assert response.status_code == 200 and not ClusterScore.objects.exists()
    assert 'value="năm"' in response.content.decode()


@pytest.mark.django_db
def test_a_unit_cannot_score_itself_nor_a_non_member(cluster, campaign, accounts, units):
    with pytest.raises(ClusterError, match="không tự chấm điểm"):
        give(cluster, campaign, accounts[0], units[0], units[0], "50", "30")
    with pytest.raises(ClusterError, match="Không phải đơn vị thành viên"):
        give(cluster, campaign, accounts[0], units[0], units[3], "50", "30")
    assert not ClusterScore.objects.exists()


@pytest.mark.django_db
def test_a_changed_score_keeps_each_entry(cluster, campaign, accounts, units):
    give(cluster, campaign, accounts[0], units[0], units[1], "40", "30")
    give(cluster, campaign, accounts[0], units[0], units[1], "45", "30")

    changed, unchanged = ClusterScore.objects.order_by("criterion")
    assert changed.points == 45 and [entry.points for entry in changed.history.all()] == [45, 40]
    assert [entry.points for entry in unchanged.history.all()] == [30]


@pytest.mark.django_db
def test_a_unit_outside_the_cluster_cannot_open_its_scoring(client_of, accounts, cluster, campaign):
    assert client_of(accounts[3]).get(scoring_url(cluster, campaign)).status_code == 403


# Ranking and the proposal for the Cờ thi đua


def scored_cluster(cluster, campaign, accounts, units):
    """A scores B 90, C 80; B scores A 70, C 90; C scores A 80, B 80: A 75, B 85, C 85 (B and C tied)."""
    give(cluster, campaign, accounts[0], units[0], units[1], "50", "40")
    give(cluster, campaign, accounts[0], units[0], units[2], "50", "30")
    give(cluster, campaign, accounts[1], units[1], units[0], "40", "30")
    give(cluster, campaign, accounts[1], units[1], units[2], "55", "35")
    give(cluster, campaign, accounts[2], units[2], units[0], "50", "30")
    give(cluster, campaign, accounts[2], units[2], units[1], "45", "35")


@pytest.mark.django_db
def test_ranking_averages_the_other_members_totals_and_marks_ties(cluster, campaign, accounts, units):
    scored_cluster(cluster, campaign, accounts, units)

    ranking = [(rank, unit, average, scorers, tied) for rank, unit, average, scorers, tied in cluster.ranking(campaign, YEAR)]

    assert ranking == [(1, units[1], 85, 2, True), (1, units[2], 85, 2, True), (3, units[0], 75, 2, False)]


@pytest.mark.django_db
def test_head_proposes_the_top_units_and_the_office_sees_it(client_of, office_user, cluster, campaign, accounts, units):
    scored_cluster(cluster, campaign, accounts, units)
    cluster.appoint(by=office_user, year=YEAR, head=units[0], deputies=[])

    response = client_of(accounts[0]).post(ranking_url(cluster, campaign), {"units": [units[1].pk], "note": "Bằng điểm, chọn B"})

    assert response.status_code == 302
    proposal = cluster.proposals.get()
    assert list(proposal.units.all()) == [units[1]] and proposal.proposed_by == accounts[0]
    page = client_of(office_user).get(ranking_url(cluster, campaign)).content.decode()
    assert "Cụm đã đề nghị tặng Cờ thi đua cho" in page and "Bằng điểm" in page


@pytest.mark.django_db
def test_proposal_passing_over_a_better_unit_is_refused_and_keeps_the_choice(client_of, office_user, cluster, campaign, accounts, units):
    scored_cluster(cluster, campaign, accounts, units)
    cluster.appoint(by=office_user, year=YEAR, head=units[0], deputies=[])

    response = client_of(accounts[0]).post(ranking_url(cluster, campaign), {"units": [units[0].pk]})

    page = response.content.decode()
    assert response.status_code == 200 and not cluster.proposals.exists()
    assert "có đơn vị xếp trên chưa được chọn" in page
    assert f'value="{units[0].pk}" aria-label="{units[0]}" checked' in page


@pytest.mark.django_db
def test_empty_proposal_is_refused(cluster, campaign, accounts, units, office_user):
    scored_cluster(cluster, campaign, accounts, units)
    with pytest.raises(ClusterError, match="Hãy chọn ít nhất một đơn vị"):
        cluster.propose(by=accounts[0], campaign=campaign, year=YEAR, units=[])


@pytest.mark.django_db
def test_only_the_years_head_proposes(client_of, office_user, cluster, campaign, accounts, units):
    scored_cluster(cluster, campaign, accounts, units)
    cluster.appoint(by=office_user, year=YEAR, head=units[0], deputies=[units[1]])

    response = client_of(accounts[1]).post(ranking_url(cluster, campaign), {"units": [units[1].pk]})

    assert response.status_code == 403 and not cluster.proposals.exists()


# Lists


@pytest.mark.django_db
def test_cluster_list_searches_without_diacritics_in_constant_queries(
    client_of, office_user, office, units, django_assert_max_num_queries
):
    for number in range(25):
        Cluster.objects.create(office=office, name=f"Cụm thi đua số {number}").members.set(units)
    Cluster.objects.create(office=office, name="Khối các huyện")
    client = client_of(office_user)
    client.get(reverse("campaigns:clusters"))

    with django_assert_max_num_queries(12):
        page = client.get(reverse("campaigns:clusters")).content.decode()
    found = client.get(reverse("campaigns:clusters"), {"q": "khoi cac huyen"}).content.decode()

    assert page.count("Cụm thi đua số") == 20
    assert "Khối các huyện" in found and "Cụm thi đua số" not in found


@pytest.mark.django_db
def test_a_unit_lists_only_its_own_clusters(client_of, accounts, cluster, office):
    Cluster.objects.create(office=office, name="Khối doanh nghiệp")

    page = client_of(accounts[0]).get(reverse("campaigns:clusters")).content.decode()

    assert "Cụm thi đua số 1" in page and "Khối doanh nghiệp" not in page


@pytest.mark.django_db
def test_the_cluster_page_links_to_the_scoring_of_the_year_asked(client_of, accounts, cluster, campaign):
    page = client_of(accounts[0]).get(cluster.get_absolute_url(), {"nam": "2025"}).content.decode()

    assert reverse("campaigns:cluster_scoring", args=[cluster.pk, campaign.pk, 2025]) in page
    bad_year = client_of(accounts[0]).get(cluster.get_absolute_url(), {"nam": "hai"}).content.decode()
    assert reverse("campaigns:cluster_scoring", args=[cluster.pk, campaign.pk, 2026]) in bad_year
