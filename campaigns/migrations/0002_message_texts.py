from django.db import migrations

from notifications.registry import text_installer

from campaigns.message_texts import TEXTS


class Migration(migrations.Migration):

    dependencies = [
        ("campaigns", "0001_initial"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(text_installer(TEXTS), migrations.RunPython.noop),
    ]
