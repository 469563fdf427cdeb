import re

from django.db import migrations

VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"


def numbering_key(number):
    """campaigns.models.numbering_key as of this migration: "đ." sorts after "d.", before "e."."""
    parts = [part for part in re.split(r"[.\s)]+", number.strip(". )")) if part]
    return [
        int(part) if part.isdigit() else "".join(
            f"{VIETNAMESE_LETTERS.index(letter):02d}" if letter in VIETNAMESE_LETTERS else letter for letter in part.lower()
        )
        for part in parts
    ]


def resort(apps, schema_editor):
    for name in ("Criterion", "Task"):
        model = apps.get_model("campaigns", name)
        for row in model.objects.all():
            model.objects.filter(pk=row.pk).update(sort_key=numbering_key(row.number))


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0004_consultation")]

    operations = [migrations.RunPython(resort, migrations.RunPython.noop)]
