from django.db import migrations

from core.search import trigram_index


class Migration(migrations.Migration):
    """Diacritic-free search (LIKE '%word%' on search_text) through a trigram index on PostgreSQL."""

    dependencies = [("awards", "0003_award_verification_code")]

    operations = [trigram_index("awards_award", "awards_decision")]
