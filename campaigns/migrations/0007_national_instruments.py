import datetime

from django.db import migrations

# The national instruments DESIGN.md names with their dates; the office adds circulars and local regulations.
INSTRUMENTS = [
    ("law", "", "Luật Thi đua, khen thưởng", "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
     datetime.date(2024, 1, 1), None),
    ("decree", "98/2023/NĐ-CP", "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
     "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số "
     "điều của Luật Thi đua, khen thưởng;", datetime.date(2024, 1, 1), datetime.date(2025, 6, 30)),
    ("decree", "152/2025/NĐ-CP", "Quy định chi tiết một số điều của Luật Thi đua, khen thưởng",
     "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng;",
     datetime.date(2025, 7, 1), None),
]


def add_instruments(apps, schema_editor):
    LegalInstrument = apps.get_model("campaigns", "LegalInstrument")
    for kind, number, title, citation, starts, ends in INSTRUMENTS:
        LegalInstrument.objects.get_or_create(
            kind=kind, number=number, title=title,
            defaults={"citation": citation, "effective_from": starts, "effective_until": ends},
        )


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0006_legal_instruments")]

    operations = [migrations.RunPython(add_instruments, migrations.RunPython.noop)]
