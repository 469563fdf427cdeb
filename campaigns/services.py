"""Acts that change several models at once: a draft plan made from its text, with the parts the office kept."""

from django.db import transaction
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from .models import AwardForm, CampaignPeriod, Criterion, EligibleSubject, Task


def _criteria(campaign, items):
    for item in items:
        Criterion.objects.create(campaign=campaign, number=item["number"], text=item["text"])


def _award_forms(campaign, items):
    # The granting body is the plan's own until the office picks the right one on the award form page;
    # a national authority or "the head of each unit" named in the form's name needs none.
    for item in items:
        award_form = AwardForm(
            campaign=campaign, name=item["name"][:255], kind=item["kind"], signer_title=item["signer_title"][:255],
            authority=AwardForm.authority_named_in(item["name"]), granting_organization=campaign.issuing_organization,
        )
        award_form.settle_authority()
        award_form.save()


def _subjects(campaign, items):
    EligibleSubject.objects.bulk_create(
        EligibleSubject(campaign=campaign, kind=item["kind"], description=item["description"]) for item in items
    )


def _periods(campaign, items):
    CampaignPeriod.objects.bulk_create(
        CampaignPeriod(campaign=campaign, name=item["name"], starts_on=parse_date(item["starts_on"]),
                       ends_on=parse_date(item["ends_on"]))
        for item in items
    )


def _tasks(campaign, items):
    for item in items:
        Task.objects.create(
            campaign=campaign, number=item["number"], title=item["title"], lead_text=item["lead"][:255],
            coordinating_text=item["coordinating"][:500], timing_text=item["timing"][:255],
            is_ongoing=item["timing"].lower() == "thường xuyên",
        )


PART_MAKERS = {"criteria": _criteria, "award_forms": _award_forms, "subjects": _subjects, "periods": _periods, "tasks": _tasks}


@transaction.atomic
def create_plan_from_reading(form, *, parts, keep, by):
    """Save the draft plan the office corrected, with the parts it chose to keep, as read from the plan's text."""
    campaign = form.save()
    campaign.history.create(from_status="", to_status=campaign.status, actor=by, note=_("Tạo từ văn bản kế hoạch"))
    for name in keep:
        PART_MAKERS[name](campaign, parts.get(name, []))
    return campaign
