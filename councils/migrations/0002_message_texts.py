from django.db import migrations

from notifications.registry import text_installer

from councils.message_texts import TEXTS


class Migration(migrations.Migration):

    dependencies = [
        ("councils", "0001_initial"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(text_installer(TEXTS), migrations.RunPython.noop),
    ]
