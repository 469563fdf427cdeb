from django.db import migrations

from notifications.registry import text_installer

from nominations.message_texts import TEXTS

CODES = {"nomination_submitted", "nomination_resubmitted"}


class Migration(migrations.Migration):

    dependencies = [
        ("nominations", "0007_search_trigram"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(text_installer([text for text in TEXTS if text[0] in CODES]), migrations.RunPython.noop),
    ]
