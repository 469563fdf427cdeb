from django import forms

from .models import MessageTemplate


class MessageTemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["subject_template", "body_template", "description"]
        widgets = {
            "subject_template": forms.TextInput(attrs={"class": "form-control"}),
            "body_template": forms.Textarea(attrs={"class": "form-control", "rows": 10}),
            "description": forms.Textarea(attrs={"class": "form-control", "rows": 3}),
        }
