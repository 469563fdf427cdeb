"""Diacritic-free search over a model's folded `search_text` column, for every app."""

from django.db import models

from .text import fold


class SearchableQuerySet(models.QuerySet):
    def search(self, query):
        """Match every word of the query, diacritics ignored ("nguyen" finds "Nguyễn")."""
        queryset = self
        for word in fold(query).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset


def trigram_index(*tables):
    """A migration operation: a pg_trgm GIN index on each table's `search_text`, so `LIKE '%word%'` need not scan.

    PostgreSQL only: SQLite has no trigram index and keeps scanning, which is fine at its sizes.
    """
    from django.db import migrations  # noqa: PLC0415  only migrations call this

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for table in tables:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{table}_search_trgm" ON "{table}" USING gin ("search_text" gin_trgm_ops)'
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in tables:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_search_trgm"')

    return migrations.RunPython(create, drop, elidable=False)
