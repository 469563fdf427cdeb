"""Long work on dossiers, run by Celery."""

from celery import shared_task

from accounts.models import User
from campaigns.models import AwardForm, CampaignPeriod
from core.jobs import DONE, FAILED, progress_reporter, report

from .imports import ListImportError, create_dossiers, kept_rows, plan_dossiers


@shared_task
def import_dossier_list(*, job, kept, user_id):
    """Make the draft dossiers of a previewed list, all or none, reporting progress: checking, then saving."""
    user = User.objects.select_related("organization").get(pk=user_id)
    award_form = AwardForm.objects.select_related("campaign").get(pk=kept["award_form"])
    period = kept["period"] and CampaignPeriod.objects.get(pk=kept["period"])
    rows = kept_rows(kept)
    try:
        planned = plan_dossiers(rows, award_form=award_form, period=period, unit=user.organization, by=user,
                                on_row=progress_reporter(job, len(rows), end=50))
        created = create_dossiers(planned, on_row=progress_reporter(job, len(planned), start=50))
    except ListImportError as error:
        report(job, state=FAILED, errors=error.errors)
    else:
        report(job, state=DONE, percent=100, created=len(created))
