"""Form pieces every app uses: Bootstrap styling, dates typed dd/mm/yyyy, lists typed one per line."""

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.urls import reverse


class StyledFormMixin:
    """Give every widget its Bootstrap class, and every long text a length the page can send."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Textarea) and isinstance(field, forms.CharField) and field.max_length is None:
                limit_text_length(field)
            if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def limit_text_length(field):
    """Cap a long text at settings.FORM_TEXT_MAX_CHARS: refused by the form with what was typed, not by the server."""
    field.max_length = settings.FORM_TEXT_MAX_CHARS
    field.validators.append(MaxLengthValidator(field.max_length))
    field.widget.attrs["maxlength"] = str(field.max_length)


class DateInput(forms.DateInput):
    """A date typed dd/mm/yyyy, as offices write it.

    Not the browser's date picker: it follows the browser's locale (often mm/dd/yyyy) and blanks
    what it cannot parse, so a mistyped date would vanish instead of being shown back with its error.
    """

    def __init__(self, attrs=None):
        super().__init__({"placeholder": "dd/mm/yyyy", "inputmode": "numeric", **(attrs or {})}, format="%d/%m/%Y")


class DateTimeInput(forms.DateTimeInput):
    """A time typed as offices write it, dd/mm/yyyy hh:mm (not the browser's picker, which follows its locale)."""

    def __init__(self, attrs=None):
        super().__init__({"placeholder": "dd/mm/yyyy hh:mm", **(attrs or {})}, format="%d/%m/%Y %H:%M")


class LinesField(forms.CharField):
    """A list of texts written one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def has_changed(self, initial, data):
        # Compared as lists: an empty box is no change to an empty list (a blank extra row stays blank).
        return self.to_python(initial or []) != self.to_python(data)

class PickerWidget(forms.Widget):
    """Search-as-you-type instead of a select of thousands: the chosen id rides in a hidden input.

    Belongs to a ModelChoiceField; the view named `url_name` answers its htmx requests with `core.views.answer_picker`.
    Only the chosen object is read when the page renders, never the whole list.
    """

    template_name = "core/picker.html"

    def __init__(self, url_name, attrs=None):
        super().__init__(attrs)
        self.url_name = url_name
        self.url_args = ()  # a form sets them when the answering view's URL names an object

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = self.choices.queryset.filter(pk=value).first() if str(value or "").isdigit() else None
        context["widget"].update(
            url=reverse(self.url_name, args=self.url_args), chosen=chosen, label=self.choices.field.label_from_instance(chosen) if chosen else "",
        )
        return context
