import django.db.models.deletion
import django.utils.timezone
import notifications.models
from config.text import fold
from django.conf import settings
from django.db import migrations, models

from notifications.default_templates import TEMPLATES


def create_templates(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for code, language, description, subject, body in TEMPLATES:
        search_text = fold(f"{code} {description} {subject}")
        MessageTemplate.objects.create(
            code=code, language=language, description=description,
            subject_template=subject, body_template=body, search_text=search_text,
        )


def schedule_pending_delivery(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_ten_minutes, _ = IntervalSchedule.objects.get_or_create(every=10, period="minutes")
    PeriodicTask.objects.update_or_create(
        name="notifications.deliver_pending",
        defaults={"task": "notifications.tasks.deliver_pending", "interval": every_ten_minutes},
    )


def unschedule_pending_delivery(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name="notifications.deliver_pending").delete()


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.CreateModel(
            name='ReminderLog',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(help_text='Ví dụ: nomination_deadline:campaign=3:lead=7:user=12', max_length=255, unique=True, verbose_name='khóa')),
                ('recipient', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người nhận')),
                ('subject', models.CharField(blank=True, max_length=255, verbose_name='nội dung nhắc')),
                ('scope', models.CharField(blank=True, db_index=True, help_text='Đối tượng được nhắc, để xem lại theo từng phong trào, ví dụ: campaign:3', max_length=100, verbose_name='phạm vi')),
                ('search_text', models.TextField(default='', editable=False)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='thời điểm gửi')),
            ],
            options={
                'verbose_name': 'nhật ký nhắc việc',
                'verbose_name_plural': 'nhật ký nhắc việc',
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='MessageTemplate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(help_text='Mã mà chương trình dùng để gọi mẫu.', max_length=100, verbose_name='mã')),
                ('language', models.CharField(choices=[('vi', 'Tiếng Việt'), ('en', 'Tiếng Anh')], default='vi', max_length=10, verbose_name='ngôn ngữ')),
                ('description', models.TextField(blank=True, help_text='Khi nào mẫu được gửi và dùng được những trường thay thế nào.', verbose_name='mô tả')),
                ('subject_template', models.CharField(help_text='Ví dụ: Nhắc hạn nộp hồ sơ: {campaign}', max_length=255, validators=[notifications.models.validate_placeholders], verbose_name='mẫu tiêu đề')),
                ('body_template', models.TextField(help_text='Trường thay thế như {recipient}, {campaign}, {deadline}, {days_left}, {link}.', validators=[notifications.models.validate_placeholders], verbose_name='mẫu nội dung')),
                ('search_text', models.TextField(default='', editable=False)),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
            ],
            options={
                'verbose_name': 'mẫu thông báo',
                'verbose_name_plural': 'mẫu thông báo',
                'ordering': ['code', 'language'],
                'constraints': [models.UniqueConstraint(fields=('code', 'language'), name='message_template_unique_code_language')],
            },
        ),
        migrations.CreateModel(
            name='Message',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('address', models.EmailField(max_length=254, verbose_name='địa chỉ thư điện tử')),
                ('subject', models.CharField(max_length=255, verbose_name='tiêu đề')),
                ('body', models.TextField(verbose_name='nội dung')),
                ('link', models.CharField(blank=True, max_length=500, verbose_name='đường dẫn')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='thời điểm tạo')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='thời điểm gửi')),
                ('attempts', models.PositiveIntegerField(default=0, verbose_name='số lần gửi')),
                ('last_error', models.TextField(blank=True, verbose_name='lỗi gần nhất')),
                ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='email_messages', to=settings.AUTH_USER_MODEL, verbose_name='người nhận')),
            ],
            options={
                'verbose_name': 'thư điện tử',
                'verbose_name_plural': 'thư điện tử',
                'ordering': ['-created_at', '-pk'],
                'indexes': [models.Index(condition=models.Q(('sent_at', None)), fields=['created_at'], name='message_unsent')],
            },
        ),
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('subject', models.CharField(max_length=255, verbose_name='tiêu đề')),
                ('body', models.TextField(blank=True, verbose_name='nội dung')),
                ('link', models.CharField(blank=True, max_length=500, verbose_name='đường dẫn')),
                ('search_text', models.TextField(default='', editable=False)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='thời điểm tạo')),
                ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='thời điểm đọc')),
                ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='người nhận')),
            ],
            options={
                'verbose_name': 'thông báo',
                'verbose_name_plural': 'thông báo',
                'ordering': ['-created_at', '-pk'],
                'indexes': [models.Index(fields=['recipient', '-created_at'], name='notification_inbox'), models.Index(condition=models.Q(('read_at', None)), fields=['recipient'], name='notification_unread')],
            },
        ),
        migrations.RunPython(create_templates, migrations.RunPython.noop),
        migrations.RunPython(schedule_pending_delivery, unschedule_pending_delivery),
    ]
