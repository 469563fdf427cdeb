import django.db.models.deletion
from django.db import migrations, models


def fill_from_decision(apps, schema_editor):
    """Every tờ trình so far was a decision's: its form and place are the decision's."""
    ProposalLetter = apps.get_model("awards", "ProposalLetter")
    for letter in ProposalLetter.objects.select_related("decision"):
        letter.award_form_id = letter.decision.award_form_id
        letter.issue_place = letter.decision.issue_place
        letter.save(update_fields=["award_form", "issue_place"])


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0009_documents_deadline"),
        ("campaigns", "0001_initial"),
        ("nominations", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="proposalletter", name="decision",
            field=models.OneToOneField(
                blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="proposal", to="awards.decision"
            ),
        ),
        migrations.AddField(
            model_name="proposalletter", name="award_form",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="proposal_letters",
                to="campaigns.awardform", verbose_name="hình thức khen thưởng",
            ),
        ),
        migrations.AddField(
            model_name="proposalletter", name="issue_place",
            field=models.CharField(default="", max_length=100, verbose_name="địa danh"), preserve_default=False,
        ),
        migrations.AddField(
            model_name="proposalletter", name="forwarded",
            field=models.ManyToManyField(
                blank=True, related_name="proposal_letters", to="nominations.nomination", verbose_name="hồ sơ chuyển lên"
            ),
        ),
        migrations.RunPython(fill_from_decision, migrations.RunPython.noop),
    ]
