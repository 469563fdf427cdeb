"""Bases every domain model builds on: diacritic-free search, and status moves checked against a table."""

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .exceptions import PortalError
from .search import SearchableQuerySet
from .text import fold


class Searchable(models.Model):
    """A model whose listed text is kept folded in `search_text` for diacritic-free search."""

    search_text = models.TextField(editable=False, default="")

    objects = SearchableQuerySet.as_manager()

    class Meta:
        abstract = True

    def searchable_values(self):
        raise NotImplementedError

    def save(self, *args, **kwargs):
        self.search_text = fold(" ".join(str(value) for value in self.searchable_values() if value))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class StatusHistory(models.Model):
    """Who moved an object from one status to another, when, and why."""

    from_status = models.CharField(_("từ"), max_length=20)
    to_status = models.CharField(_("sang"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]


class StatusFlow:
    """A model with a `status` and a `history`, moved only through `_move_to` along its `transitions`.

    `transitions` maps each status to the statuses it may move to: the one table of allowed moves.
    """

    transitions = {}
    transition_error = PortalError  # the error the model's acts raise
    stale_message = _("Dữ liệu vừa được cập nhật, vui lòng tải lại.")

    def can_move_to(self, status):
        return status in self.transitions.get(self.status, ())

    def _move_to(self, status, *, by, note="", **fields):
        """Move to `status` and record it; a move off the table or after a concurrent change is refused."""
        if not self.can_move_to(status):
            raise self.transition_error(
                _("Không thể chuyển từ “%(from)s” sang “%(to)s”.")
                % {"from": self._status_label(self.status), "to": self._status_label(status)},
                code="not_allowed",
            )
        with transaction.atomic():
            # Conditional update: loses cleanly to a concurrent change.
            moved = type(self).objects.filter(pk=self.pk, status=self.status).update(status=status, **fields)
            if not moved:
                raise self.transition_error(self.stale_message, code="stale")
            entry = self.history.create(from_status=self.status, to_status=status, actor=by, note=note)
            self.status = status
            for name, value in fields.items():
                setattr(self, name, value)
        return entry

    def _record(self, *, by, note="", **fields):
        """Record an act that keeps the status (an edit, a round opened, an extension granted)."""
        return self.history.create(from_status=self.status, to_status=self.status, actor=by, note=note, **fields)

    def _status_label(self, status):
        return dict(self._meta.get_field("status").choices).get(status, status)
