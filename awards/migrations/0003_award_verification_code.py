from django.db import migrations, models

import awards.models


def give_codes(apps, schema_editor):
    Award = apps.get_model("awards", "Award")
    for award in Award.objects.filter(verification_code=None):
        award.verification_code = awards.models.new_verification_code()
        award.save(update_fields=["verification_code"])


class Migration(migrations.Migration):
    dependencies = [("awards", "0002_message_texts")]

    operations = [
        # Added empty, filled one by one, then made unique: one default would give every award the same code.
        migrations.AddField("award", "verification_code", models.CharField("mã xác minh", max_length=12, null=True)),
        migrations.RunPython(give_codes, migrations.RunPython.noop),
        migrations.AlterField(
            "award", "verification_code",
            models.CharField(default=awards.models.new_verification_code, max_length=12, unique=True, verbose_name="mã xác minh"),
        ),
    ]
