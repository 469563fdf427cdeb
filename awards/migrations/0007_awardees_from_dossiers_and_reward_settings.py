import datetime
from decimal import Decimal

from django.db import migrations

# Mức lương cơ sở, each from its decree's date.
BASE_SALARIES = [
    (datetime.date(2019, 7, 1), 1_490_000, "Nghị định số 38/2019/NĐ-CP"),
    (datetime.date(2023, 7, 1), 1_800_000, "Nghị định số 24/2023/NĐ-CP"),
    (datetime.date(2024, 7, 1), 2_340_000, "Nghị định số 73/2024/NĐ-CP"),
]

# Multiples of the base salary paid with each award form (individual, collective); a collective gets twice an
# individual's. Decree 98/2023 from 01/01/2024, kept by Decree 152/2025 from 01/07/2025. Editable in the admin.
RATES = {
    "bang_khen": (Decimal("1.0"), Decimal("2.0")),
    "giay_khen": (Decimal("0.3"), Decimal("0.6")),
    "chien_si_thi_dua": (Decimal("1.0"), None),
    "co_thi_dua": (None, Decimal("8.0")),
}
INSTRUMENTS = [
    (datetime.date(2024, 1, 1), "Nghị định số 98/2023/NĐ-CP"),
    (datetime.date(2025, 7, 1), "Nghị định số 152/2025/NĐ-CP"),
]


def fill(apps, schema_editor):
    Decision = apps.get_model("awards", "Decision")
    Awardee = apps.get_model("awards", "Awardee")
    for decision in Decision.objects.prefetch_related("nominations"):
        Awardee.objects.bulk_create([
            Awardee(decision=decision, nomination=nomination, person_id=nomination.nominee_person_id,
                    organization_id=nomination.nominee_organization_id)
            for nomination in decision.nominations.all()
        ])
    BaseSalary = apps.get_model("awards", "BaseSalary")
    for starts_on, amount, instrument in BASE_SALARIES:
        BaseSalary.objects.get_or_create(starts_on=starts_on, defaults={"amount": amount, "instrument": instrument})
    RewardRate = apps.get_model("awards", "RewardRate")
    for starts_on, instrument in INSTRUMENTS:
        for kind, (individual, collective) in RATES.items():
            RewardRate.objects.get_or_create(kind=kind, starts_on=starts_on, defaults={
                "individual_coefficient": individual, "collective_coefficient": collective, "instrument": instrument,
            })


class Migration(migrations.Migration):
    dependencies = [("awards", "0006_decisions_of_any_authority")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
