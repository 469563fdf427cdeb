from django.db import migrations

from notifications.registry import text_installer

from campaigns.message_texts import TEXTS

CODES = {"registration_due"}


class Migration(migrations.Migration):

    dependencies = [
        ("campaigns", "0016_registration"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(text_installer([text for text in TEXTS if text[0] in CODES]), migrations.RunPython.noop),
    ]
