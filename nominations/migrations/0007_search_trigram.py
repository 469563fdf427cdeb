from django.db import migrations

from core.search import trigram_index


class Migration(migrations.Migration):
    """Diacritic-free search (LIKE '%word%' on search_text) through a trigram index on PostgreSQL."""

    dependencies = [("nominations", "0006_list_indexes")]

    operations = [trigram_index("nominations_nomination")]
