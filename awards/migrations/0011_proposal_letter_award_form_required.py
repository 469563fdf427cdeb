import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Apart from 0010, which fills it: PostgreSQL alters no table with the fill's checks still pending."""

    dependencies = [("awards", "0010_proposal_letters_of_forwarded_dossiers")]

    operations = [
        migrations.AlterField(
            model_name="proposalletter", name="award_form",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="proposal_letters",
                to="campaigns.awardform", verbose_name="hình thức khen thưởng",
            ),
        ),
    ]
