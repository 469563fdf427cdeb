from django.db import migrations

from notifications.registry import text_installer

from campaigns.message_texts import TEXTS

CODES = {"report_submitted", "report_resubmitted", "report_returned"}


class Migration(migrations.Migration):

    dependencies = [
        ("campaigns", "0011_report_evaluation"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(text_installer([text for text in TEXTS if text[0] in CODES]), migrations.RunPython.noop),
    ]
