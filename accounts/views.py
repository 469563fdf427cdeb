"""The office's own world, kept without /admin/: the organizations under it and their unit accounts; the lock-out page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.collation import vietnamese_order

from .forms import InviteForm, MergeForm, OrganizationForm, StyledSetPasswordForm
from .models import Organization, OrganizationError, User

PAGE_SIZE = 20


def _require(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


@login_required
def organization_list(request):
    _require(request, "accounts.manage_organizations")
    query = request.GET.get("q", "")
    organizations = Organization.objects.managed_by(request.user).search(query).select_related("parent", "successor")
    page = Paginator(organizations.order_by(vietnamese_order("name")), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/organization_list.html", {"page": page, "q": query})


@login_required
def organization_create(request):
    _require(request, "accounts.manage_organizations")
    return _organization_form(request, Organization())


@login_required
def organization_edit(request, pk):
    organization = get_object_or_404(Organization, pk=pk)
    _require(request, "accounts.change_organization", organization)
    return _organization_form(request, organization)


def _organization_form(request, organization):
    form = OrganizationForm(request.POST or None, instance=organization, user=request.user)
    if form.is_valid():
        form.save()
        if {"valid_from", "valid_until"} & set(form.changed_data):
            organization.changes.create(actor=request.user, note=_("Hiệu lực: từ %(start)s đến %(end)s.") % {
                "start": _day(organization.valid_from), "end": _day(organization.valid_until),
            })
        messages.success(request, _("Đã lưu đơn vị %(name)s.") % {"name": form.instance})
        return redirect("accounts:organizations")
    return _organization_page(request, organization, form=form)


def _day(day):
    return day.strftime("%d/%m/%Y") if day else "—"


def _organization_page(request, organization, *, form=None, merge_form=None):
    context = {"form": form or OrganizationForm(instance=organization, user=request.user), "organization": organization}
    if organization.pk:
        context.update(
            merge_form=merge_form or MergeForm(organization=organization, user=request.user, prefix="merge"),
            changes=organization.changes.select_related("actor"),
            predecessors=organization.predecessors.order_by("name"),
        )
    return render(request, "accounts/organization_form.html", context)


@login_required
@require_POST
def organization_merge(request, pk):
    organization = get_object_or_404(Organization.objects.select_related("successor"), pk=pk)
    _require(request, "accounts.change_organization", organization)
    form = MergeForm(request.POST, organization=organization, user=request.user, prefix="merge")
    if not form.is_valid():
        return _organization_page(request, organization, merge_form=form)
    try:
        organization.merge_into(form.cleaned_data["successor"], on=form.cleaned_data["merged_on"], by=request.user)
    except OrganizationError as error:
        form.add_error(None, error)
        return _organization_page(request, organization, merge_form=form)
    messages.success(request, _("Đã ghi nhận %(organization)s sáp nhập vào %(successor)s.") % {
        "organization": organization, "successor": organization.successor,
    })
    return redirect("accounts:organization_edit", pk=organization.pk)


@login_required
def account_list(request):
    _require(request, "accounts.manage_accounts")
    query = request.GET.get("q", "")
    accounts = User.objects.filter(role=User.Role.UNIT, organization__in=Organization.objects.managed_by(request.user))
    for word in query.split():
        accounts = accounts.filter(full_name__icontains=word) | accounts.filter(username__icontains=word)
    accounts = accounts.select_related("organization").order_by("-is_active", vietnamese_order("organization__name"), vietnamese_order("full_name"))
    page = Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/account_list.html", {"page": page, "q": query})


@login_required
def account_invite(request):
    _require(request, "accounts.manage_accounts")
    form = InviteForm(request.POST or None, user=request.user)
    if form.is_valid():
        account = form.save()
        _send_invitation(request, account)
        messages.success(request, _("Đã tạo tài khoản và gửi thư mời đặt mật khẩu đến %(email)s.") % {"email": account.email})
        return redirect("accounts:accounts")
    return render(request, "accounts/account_form.html", {"form": form})


def _send_invitation(request, account):
    """E-mail the new account a link to set its own password (Django's token: valid once, expires)."""
    link = request.build_absolute_uri(reverse("accounts:set_password", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(account.pk)), "token": default_token_generator.make_token(account),
    }))
    context = {"account": account, "link": link, "inviter": request.user}
    body = render_to_string("accounts/invitation_email.txt", context)
    send_mail(_("Mời sử dụng Cổng Thi đua – Khen thưởng"), body, None, [account.email])


@login_required
@require_POST
def account_deactivate(request, pk):
    account = get_object_or_404(User.objects.select_related("organization"), pk=pk)
    _require(request, "accounts.change_account", account)
    account.is_active = False
    account.save(update_fields=["is_active"])
    messages.success(request, _("Đã khóa tài khoản %(account)s.") % {"account": account})
    return redirect("accounts:accounts")


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The invited person sets a password from the e-mailed link, then signs in."""

    form_class = StyledSetPasswordForm
    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("login")
    post_reset_login = False

    def form_valid(self, form):
        messages.success(self.request, _("Đã đặt mật khẩu. Mời đăng nhập."))
        return super().form_valid(form)


def locked_out(request, original_response=None, credentials=None):
    """Say, in Vietnamese, that this name is locked on this computer and when to try again (django-axes, HTTP 429)."""
    retry_at = timezone.localtime(timezone.now() + settings.AXES_COOLOFF_TIME)
    context = {
        "retry_at": retry_at,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "registration/locked_out.html", context, status=429)
