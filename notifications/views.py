from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import MessageTemplateForm
from .models import MessageTemplate, Notification

PAGE_SIZE = 20


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(recipient=request.user).search(request.GET.get("q", ""))
    if request.GET.get("unread"):
        notifications = notifications.unread()
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "notifications/_notification_rows.html" if request.htmx else "notifications/notification_list.html"
    return render(request, template, {"page": page})


@login_required
def notification_open(request, pk):
    notification = get_object_or_404(Notification, pk=pk)
    if not request.user.has_perm("notifications.view_notification", notification):
        raise PermissionDenied
    notification.mark_read()
    if not url_has_allowed_host_and_scheme(notification.link, allowed_hosts={request.get_host()}):
        return redirect("notifications:list")
    return redirect(notification.link)


@login_required
@require_POST
def notification_mark_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk)
    if not request.user.has_perm("notifications.view_notification", notification):
        raise PermissionDenied
    notification.mark_read()
    return redirect("notifications:list")


@login_required
@require_POST
def notification_mark_all_read(request):
    count = Notification.objects.filter(recipient=request.user).mark_read()
    messages.success(request, _("Đã đánh dấu %(count)s thông báo là đã đọc.") % {"count": count})
    return redirect("notifications:list")


@login_required
def template_list(request):
    if not request.user.has_perm("notifications.change_messagetemplate"):
        raise PermissionDenied
    # Vietnamese (the site's language) first, then English.
    first = Case(When(language=settings.LANGUAGE_CODE, then=Value(0)), default=Value(1))
    templates = MessageTemplate.objects.search(request.GET.get("q", "")).order_by(first, "language", "code")
    page = Paginator(templates, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/messagetemplate_list.html", {"page": page})


@login_required
def template_edit(request, pk):
    message_template = get_object_or_404(MessageTemplate, pk=pk)
    if not request.user.has_perm("notifications.change_messagetemplate", message_template):
        raise PermissionDenied
    form = MessageTemplateForm(request.POST or None, instance=message_template)
    if form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu mẫu “%(label)s”.") % {"label": message_template.label})
        return redirect("notifications:template_list")
    context = {"form": form, "message_template": message_template}
    return render(request, "notifications/messagetemplate_form.html", context)
