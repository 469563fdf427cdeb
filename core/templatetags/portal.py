from django import template
from django.utils import timezone

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (keeps search and filters on paging)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.inclusion_tag("partials/deadline.html")
def deadline(date, counting=True):
    """A date with the days left until it, in red once it is past; the date alone when the work is over."""
    days_left = (date - timezone.localdate()).days if date and counting else None
    return {"date": date, "days_left": days_left, "days_overdue": -days_left if days_left and days_left < 0 else 0}
