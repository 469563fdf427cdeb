from django.core.exceptions import ValidationError


class PortalError(ValidationError):
    """A refused act, with the message its user reads; every app's error subclasses it and views catch it."""
