from django.db import migrations

from core.search import trigram_index


class Migration(migrations.Migration):
    """Diacritic-free search (LIKE '%word%' on search_text) through a trigram index on PostgreSQL."""

    dependencies = [("accounts", "0002_user_search_text")]

    operations = [trigram_index("accounts_organization", "accounts_person", "accounts_user")]
