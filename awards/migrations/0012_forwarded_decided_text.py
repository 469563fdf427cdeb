from django.db import migrations

from notifications.registry import text_installer

from awards.message_texts import TEXTS


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0011_proposal_letter_award_form_required"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(text_installer([text for text in TEXTS if text[0] == "forwarded_decided"]), migrations.RunPython.noop),
    ]
