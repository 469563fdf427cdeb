from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, StyledFormMixin
from documents.collation import vietnamese_order

from .models import Organization, OrganizationError, User


class LoginForm(StyledFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")


class OrganizationForm(StyledFormMixin, forms.ModelForm):
    """An organization under the office: its parent among the office's, its province the office's own."""

    error_messages = {
        "outside_province": _("Đơn vị phải thuộc tỉnh, thành phố %(province)s mà cơ quan bạn quản lý."),
    }

    class Meta:
        model = Organization
        fields = ["name", "short_name", "kind", "parent", "province", "valid_from", "valid_until"]
        widgets = {"valid_from": DateInput, "valid_until": DateInput}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["parent"].queryset = (
            Organization.objects.managed_by(user).offered_for(self.instance.parent).exclude(pk=self.instance.pk)
            .order_by(vietnamese_order("name"))
        )
        if not self.is_bound and not self.instance.pk and user.organization_id:
            self.initial.setdefault("province", user.organization.province)

    def clean_province(self):
        province = self.cleaned_data["province"]
        own = self.user.organization.province if self.user.organization_id else ""
        if own and province != own and not self.user.is_administrator:
            raise ValidationError(self.error_messages["outside_province"], code="outside_province", params={"province": own})
        return province

    def clean(self):
        data = super().clean()
        try:
            self.instance.check_dates(data.get("valid_from"), data.get("valid_until"))
        except OrganizationError as error:
            self.add_error("valid_until", error)
        return data


class MergeForm(StyledFormMixin, forms.Form):
    """The organization ends and a successor in force carries on its work and award history from a day."""

    successor = forms.ModelChoiceField(label=_("Đơn vị kế thừa"), queryset=Organization.objects.none())
    merged_on = forms.DateField(
        label=_("Ngày sáp nhập"), widget=DateInput, help_text=_("Đơn vị cũ hết hiệu lực từ ngày này, ví dụ 01/07/2025."),
    )

    def __init__(self, *args, organization, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["successor"].queryset = Organization.objects.managed_by(user).in_force().order_by("name")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.organization.check_merge(data["successor"], data["merged_on"])
        except OrganizationError as error:
            self.add_error("successor" if error.code in ("self_successor", "successor_cycle") else "merged_on", error)
        return data


class InviteForm(StyledFormMixin, forms.ModelForm):
    """A unit account invited by e-mail: it sets its own password from the link it receives."""

    error_messages = {
        "email_taken": _("Địa chỉ e-mail này đã có tài khoản: mỗi người chỉ có một tài khoản."),
        "outside_scope": _("Đơn vị này không thuộc phạm vi quản lý của cơ quan bạn."),
        "ended": _("%(organization)s đã hết hiệu lực: hãy chọn đơn vị kế thừa."),
    }

    class Meta:
        model = User
        fields = ["full_name", "username", "email", "organization"]
        labels = {"full_name": _("Họ và tên"), "username": _("Tên đăng nhập"), "email": _("E-mail"), "organization": _("Đơn vị")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("full_name", "email", "organization"):
            self.fields[name].required = True
        organization = self.fields["organization"]
        organization.queryset = Organization.objects.managed_by(user).order_by(vietnamese_order("name"))
        organization.error_messages["invalid_choice"] = self.error_messages["outside_scope"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(self.error_messages["email_taken"], code="email_taken")
        return email

    def clean_organization(self):
        organization = self.cleaned_data["organization"]
        if not organization.is_in_force:
            raise ValidationError(self.error_messages["ended"], code="ended", params={"organization": organization})
        return organization

    def save(self, commit=True):
        account = super().save(commit=False)
        account.role = User.Role.UNIT
        account.set_unusable_password()
        if commit:
            account.save()
        return account


class StyledSetPasswordForm(StyledFormMixin, SetPasswordForm):
    pass


class PasswordResetRequestForm(StyledFormMixin, PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Địa chỉ thư điện tử của tài khoản")


class NewPasswordForm(StyledSetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Mật khẩu mới")
        self.fields["new_password1"].help_text = _("Ít nhất 8 ký tự, không quá phổ biến.")
        self.fields["new_password2"].label = _("Nhập lại mật khẩu mới")
