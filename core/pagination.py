"""Pages over lists that grow large."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Count at most `cap` rows: past it the page says "more than", instead of counting a whole large table."""

    cap = 2_000  # an officer reads "more than 2,000" and filters; the Thống kê page has the exact figures

    @cached_property
    def count(self):
        # COUNT(*) over a LIMIT subquery of bare ids, unordered: bounded work however many rows match, and no
        # annotation (an EXISTS per row) computed for rows that are only counted.
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def is_capped(self):
        return self.count > self.cap


class IdsFirstPaginator(Paginator):
    """Page a list sorted on another table's columns by its ids first, then read only the page's rows, with their
    relations: sorting every matching row joined to all it shows, to keep 20, costs in proportion to the list."""

    def page(self, number):
        page = super().page(number)
        ids = list(page.object_list.values_list("pk", flat=True))
        rows = self.object_list.order_by().in_bulk(ids)
        page.object_list = [rows[pk] for pk in ids]
        return page
