import functools

from .models import Notification


def unread_count(request):
    """The number of unread in-app notifications, for the header badge; counted once, only if shown."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notification_count": functools.cache(Notification.objects.filter(recipient=user).unread().count)}
