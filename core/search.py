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
