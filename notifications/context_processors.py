def unread_count(request):
    """The number of unread in-app notifications, for the header badge."""
    return {}
