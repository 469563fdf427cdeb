from django.db import migrations, models


def schedule_sweep(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_five_minutes, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.update_or_create(
        name="awards.fail_stuck_documents",
        defaults={"task": "awards.tasks.fail_stuck_documents", "interval": every_five_minutes},
    )


def unschedule_sweep(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name="awards.fail_stuck_documents").delete()


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0008_remove_decision_nominations"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="documents_updated_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="tạo văn bản cập nhật lúc"),
        ),
        migrations.RunPython(schedule_sweep, unschedule_sweep),
    ]
