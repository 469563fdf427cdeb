import re

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from .exceptions import PortalError

PICKER_SIZE = 20
ELEMENT_NAME = re.compile(r"^[\w-]{1,100}$")


def act_then_redirect(request, obj, act, success):
    """Run one act; its refusal is shown as the message the model gave. Back to the object's page."""
    try:
        act()
    except PortalError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(obj)


def answer_picker(request, field):
    """Answer a PickerWidget of `field`: the choices matching `term`, or, given `chosen`, the picker with it picked.

    `field.queryset` must be searchable, and already limited to what this user may pick.
    """
    name, element_id = request.GET.get("name", ""), request.GET.get("id", "")
    if not (ELEMENT_NAME.match(name) and ELEMENT_NAME.match(element_id)):
        return HttpResponse(status=400)
    if "chosen" in request.GET:
        html = field.widget.render(name, request.GET["chosen"], attrs={"id": element_id})
        # The page's list reloads on "picked", once the new hidden value is in place.
        return HttpResponse(html, headers={"HX-Trigger-After-Settle": "picked"})
    matches = field.queryset.search(request.GET.get("term", ""))[:PICKER_SIZE]
    choices = [(match.pk, field.label_from_instance(match)) for match in matches]
    context = {"choices": choices, "name": name, "element_id": element_id, "url": request.path}
    return render(request, "core/_picker_results.html", context)
