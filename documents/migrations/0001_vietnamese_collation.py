"""The ICU collation of Vietnamese on PostgreSQL, for lists sorted by name in SQL; nothing on SQLite."""

from django.db import migrations


def create_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE COLLATION IF NOT EXISTS vi_vn (provider = icu, locale = 'vi-VN')")


def drop_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP COLLATION IF EXISTS vi_vn")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create_collation, drop_collation)]
