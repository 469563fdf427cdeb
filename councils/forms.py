"""Forms of the council's pages: councils and members, scheduling, attendance and ballots."""

import json

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, User
from campaigns.models import Campaign
from core.forms import DateTimeInput, PickerWidget, StyledFormMixin
from documents.collation import vietnamese_order
from nominations.models import Nomination

from .models import Attendance, Council, CouncilError, CouncilMember, Meeting
from .services import Choice

CHOICES = [(Choice.FOR, _("Đồng ý")), (Choice.AGAINST, _("Không đồng ý"))]


def choice_widget():
    return forms.RadioSelect(attrs={"class": "form-check-input"})


class CouncilForm(StyledFormMixin, forms.ModelForm):
    """A new council: its name, standing office and quorum (Council.clean checks the fraction)."""

    class Meta:
        model = Council
        fields = ["name", "symbol", "organization", "quorum_numerator", "quorum_denominator"]
        labels = {
            "name": _("Tên hội đồng"),
            "symbol": _("Ký hiệu"),
            "organization": _("Cơ quan thường trực"),
            "quorum_numerator": _("Tỷ lệ có mặt tối thiểu: tử số"),
            "quorum_denominator": _("Mẫu số"),
        }
        help_texts = {"quorum_numerator": _("Ví dụ: 2/3, hoặc 4/5 khi quy chế của Hội đồng yêu cầu 80%.")}
        widgets = {"organization": PickerWidget("councils:organization_picker")}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "organization" in self.fields:
            self.fields["organization"].queryset = Organization.objects.acting_for(user).in_force().order_by(vietnamese_order("name"))


class CouncilQuorumForm(CouncilForm):
    class Meta(CouncilForm.Meta):
        fields = ["quorum_numerator", "quorum_denominator"]
        labels = {"quorum_numerator": _("Tử số"), "quorum_denominator": _("Mẫu số")}
        help_texts = {}


class MemberUserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        organization = f" – {user.organization}" if user.organization_id else ""
        return f"{user.get_full_name()} ({user.get_role_display()}){organization}"


class CouncilMemberChangeForm(StyledFormMixin, forms.ModelForm):
    """A seat's role and vote. A seat is held by the person's one account, whatever else it holds (an office, a unit)."""

    class Meta:
        model = CouncilMember
        fields = ["role", "is_voting"]
        labels = {"role": _("Vai trò"), "is_voting": _("Có quyền biểu quyết")}
        help_texts = {"is_voting": ""}

    def clean(self):
        data = super().clean()
        council = getattr(self, "council", None) or self.instance.council
        try:
            council.check_seats_changeable()
        except CouncilError as error:
            self.add_error(None, error)
        return data


class CouncilMemberForm(CouncilMemberChangeForm):
    """Add a seat for an existing account of a body the council's office runs: the person keeps one account."""

    error_messages = {
        "already_member": _("Người này đã là thành viên của hội đồng."),
        "inactive_user": _("Tài khoản của %(user)s đã bị khóa: không thể xếp vào hội đồng."),
    }

    user = MemberUserChoiceField(
        label=_("Thành viên"), queryset=User.objects.none(), widget=PickerWidget("councils:member_picker"),
        error_messages={"invalid_choice": _(
            "Tài khoản này không thuộc cơ quan, đơn vị mà cơ quan thường trực của hội đồng quản lý: không thể xếp vào hội đồng."
        )},
    )

    class Meta(CouncilMemberChangeForm.Meta):
        fields = ["user", "role", "is_voting"]

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        # The people of the organizations the council's office works with; a locked account is refused by name.
        organizations = Organization.objects.concerned_by(council.organization)
        self.fields["user"].queryset = (
            User.objects.filter(organization__in=organizations).select_related("organization")
            .order_by("-is_active", "role", vietnamese_order("full_name"), "username")
        )
        self.fields["user"].widget.url_args = (council.pk,)

    def clean_user(self):
        user = self.cleaned_data["user"]
        if not user.is_active:
            raise forms.ValidationError(self.error_messages["inactive_user"], code="inactive_user", params={"user": user})
        if self.council.members.filter(user=user).exists():
            raise forms.ValidationError(self.error_messages["already_member"], code="already_member")
        return user

    def save(self, commit=True):
        self.instance.council = self.council
        return super().save(commit)


class MeetingForm(StyledFormMixin, forms.ModelForm):
    """Schedule a meeting; its agenda is chosen among the campaign's dossiers in review."""

    error_messages = {
        "no_agenda": _("Hãy chọn ít nhất một hồ sơ đưa ra xét."),
        "in_the_past": _("Thời gian họp đã qua: hãy chọn thời gian sắp tới."),
    }

    class Meta:
        model = Meeting
        fields = ["council", "campaign", "title", "starts_at", "place", "is_online", "agenda"]
        labels = {
            "council": _("Hội đồng"),
            "campaign": _("Phong trào thi đua"),
            "title": _("Nội dung cuộc họp"),
            "starts_at": _("Thời gian"),
            "place": _("Địa điểm"),
            "is_online": _("Họp trực tuyến"),
            "agenda": _("Hồ sơ đưa ra xét"),
        }
        widgets = {"starts_at": DateTimeInput(), "agenda": forms.CheckboxSelectMultiple}
        error_messages = {
            "starts_at": {"invalid": _("Thời gian không hợp lệ: hãy nhập theo dạng ngày/tháng/năm giờ:phút, ví dụ 05/12/2026 14:30.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # An office schedules its own councils, on the plans of its bodies.
        self.fields["council"].queryset = Council.objects.visible_to(user)
        self.fields["campaign"].queryset = Campaign.objects.visible_to(user).filter(
            issuing_organization__in=Organization.objects.acting_for(user)
        ).exclude(status__in=[Campaign.Status.DRAFT, Campaign.Status.CONCLUDED])
        self.fields["agenda"].required = True
        self.fields["agenda"].error_messages["required"] = self.error_messages["no_agenda"]
        self.fields["agenda"].queryset = self.agenda_choices()

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if starts_at < timezone.now():
            raise forms.ValidationError(self.error_messages["in_the_past"], code="in_the_past")
        return starts_at

    def agenda_choices(self):
        """The chosen campaign's dossiers in review, by award form (empty until a campaign is chosen)."""
        campaign = self.data.get("campaign") if self.is_bound else self.initial.get("campaign")
        if not str(campaign or "").isdigit():
            return Nomination.objects.none()
        return (
            Nomination.objects.visible_to(self.user).filter(campaign=campaign, status=Nomination.Status.IN_REVIEW)
            .select_related("award_form", "nominee_person", "nominee_organization", "submitting_unit")
            .order_by("award_form", "pk")
        )

    def chosen_agenda(self):
        """The ticked dossier ids as strings, to keep the ticks when the form comes back."""
        value = self["agenda"].value() or []
        return {str(pk) for pk in value}


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Có mặt"), queryset=CouncilMember.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = meeting.council.members.select_related("user__organization")


BALLOT_CHOICES = [*CHOICES, (Choice.ABSTAIN, _("Không biểu quyết"))]


class JsonPayloadForm(forms.Form):
    """What a browser sends after its cryptography: an encrypted ballot, a trustee's key or partial decryptions.

    The choices themselves never leave the member's browser; only this JSON does.
    """

    error_messages = {"not_json": _("Dữ liệu gửi lên không đọc được: hãy bật JavaScript và thử lại.")}

    payload = forms.CharField(widget=forms.HiddenInput, error_messages={"required": error_messages["not_json"]})

    def clean_payload(self):
        try:
            payload = json.loads(self.cleaned_data["payload"])
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            raise forms.ValidationError(self.error_messages["not_json"], code="not_json")
        return payload


class RoundTrusteesForm(forms.Form):
    """Who holds the round's key (present members; the chair and the secretary by default) and how many open it."""

    trustees = forms.ModelMultipleChoiceField(
        label=_("Người giữ khóa"), queryset=CouncilMember.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    threshold = forms.IntegerField(label=_("Số người cần để giải mã"), min_value=2, required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        present = Attendance.objects.filter(meeting=meeting, is_present=True).values("member")
        self.fields["trustees"].queryset = meeting.council.members.filter(pk__in=present).select_related("user")
        self.fields["threshold"].widget.attrs["class"] = "form-control form-control-sm"
        self.fields["trustees"].widget.attrs["class"] = "form-check-input"
        self.initial.setdefault("trustees", [
            member.pk for member in self.fields["trustees"].queryset
            if member.role in (CouncilMember.Role.CHAIR, CouncilMember.Role.SECRETARY)
        ])


class WrittenBallotForm(forms.Form):
    """The written ballot of an absent member, entered by the secretary; blank where the member did not vote."""

    error_messages = {"empty": _("Hãy nhập ý kiến của thành viên cho ít nhất một hồ sơ.")}

    member = forms.ModelChoiceField(label=_("Thành viên vắng mặt"), queryset=CouncilMember.objects.none())

    def __init__(self, *args, meeting, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        present = Attendance.objects.filter(meeting=meeting, is_present=True).values("member")
        self.fields["member"].queryset = meeting.council.voting_members().exclude(pk__in=present).select_related("user")
        self.fields["member"].widget.attrs["class"] = "form-select"
        self.rows = []
        for nomination in nominations:
            name = f"written_{nomination.pk}"
            self.fields[name] = forms.ChoiceField(
                label=str(nomination.nominee), choices=CHOICES, widget=choice_widget(), required=False
            )
            self.rows.append((nomination, self[name]))

    def clean(self):
        data = super().clean()
        if not any(data.get(field.name) for _nomination, field in self.rows):
            raise forms.ValidationError(self.error_messages["empty"], code="empty")
        return data

    def choices(self):
        return [
            (nomination, self.cleaned_data[field.name])
            for nomination, field in self.rows
            if self.cleaned_data.get(field.name)
        ]


class PaperCountForm(forms.Form):
    """The counted paper ballots: votes for and against each dossier of the round."""

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for nomination in nominations:
            for_name, against_name = f"for_{nomination.pk}", f"against_{nomination.pk}"
            self.fields[for_name] = forms.IntegerField(label=_("Đồng ý"), min_value=0)
            self.fields[against_name] = forms.IntegerField(label=_("Không đồng ý"), min_value=0)
            for name in (for_name, against_name):
                self.fields[name].widget.attrs.update({"class": "form-control form-control-sm", "inputmode": "numeric"})
            self.rows.append((nomination, self[for_name], self[against_name]))

    def counts(self):
        """(nomination, votes for, votes against) for each dossier."""
        return [
            (nomination, self.cleaned_data[votes_for.name], self.cleaned_data[votes_against.name])
            for nomination, votes_for, votes_against in self.rows
        ]
