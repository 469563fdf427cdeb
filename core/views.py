from django.contrib import messages
from django.shortcuts import redirect

from .exceptions import PortalError


def act_then_redirect(request, obj, act, success):
    """Run one act; its refusal is shown as the message the model gave. Back to the object's page."""
    try:
        act()
    except PortalError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(obj)
