import django.db.models.deletion
import django.utils.timezone
import notifications.models
from config.text import fold
from django.conf import settings
from django.db import migrations, models

# Starting texts of the reminders the domain apps send; staff edit them at /thong-bao/mau/.
TEMPLATES = [
    (
        "nomination_deadline", "vi",
        "Nhắc đơn vị nộp hồ sơ đề nghị khen thưởng trước hạn. Trường: {recipient}, {campaign}, {deadline}, {days_left}, {link}.",
        "Nhắc hạn nộp hồ sơ đề nghị khen thưởng: {campaign}",
        "Kính gửi {recipient},\n\nHạn nộp hồ sơ đề nghị khen thưởng theo {campaign} là ngày {deadline}, còn {days_left} ngày.\n"
        "Đề nghị đơn vị hoàn thiện và nộp hồ sơ trên Cổng Thi đua – Khen thưởng trước thời hạn.",
    ),
    (
        "nomination_deadline", "en",
        "Reminds a unit to submit its nominations. Fields: {recipient}, {campaign}, {deadline}, {days_left}, {link}.",
        "Reminder: nominations for {campaign} are due",
        "Dear {recipient},\n\nNominations under {campaign} are due on {deadline}, in {days_left} days.\n"
        "Please complete and submit your dossiers on the portal before the deadline.",
    ),
    (
        "report_due", "vi",
        "Nhắc đơn vị gửi báo cáo kết quả. Trường: {recipient}, {report}, {campaign}, {deadline}, {days_left}, {link}.",
        "Nhắc hạn gửi báo cáo: {report}",
        "Kính gửi {recipient},\n\nBáo cáo \"{report}\" theo {campaign} cần gửi trước ngày {deadline}, còn {days_left} ngày.",
    ),
    (
        "report_due", "en",
        "Reminds a unit of a results report. Fields: {recipient}, {report}, {campaign}, {deadline}, {days_left}, {link}.",
        "Reminder: report due – {report}",
        "Dear {recipient},\n\nThe report \"{report}\" under {campaign} is due by {deadline}, in {days_left} days.",
    ),
    (
        "award_deadline", "vi",
        "Nhắc Thường trực Hội đồng hạn hoàn thành khen thưởng. Trường: {recipient}, {campaign}, {deadline}, {days_left}, {link}.",
        "Nhắc hạn hoàn thành khen thưởng: {campaign}",
        "Kính gửi {recipient},\n\nViệc xét, quyết định khen thưởng theo {campaign} cần hoàn thành trước ngày {deadline}, "
        "còn {days_left} ngày.",
    ),
    (
        "award_deadline", "en",
        "Reminds the standing office of the award deadline. Fields: {recipient}, {campaign}, {deadline}, {days_left}, {link}.",
        "Reminder: awards for {campaign} are due",
        "Dear {recipient},\n\nThe awards under {campaign} must be decided by {deadline}, in {days_left} days.",
    ),
    (
        "appraisal_due", "vi",
        "Nhắc hạn thẩm định hồ sơ. Trường: {recipient}, {nomination}, {campaign}, {deadline}, {days_left}, {link}.",
        "Nhắc hạn thẩm định hồ sơ: {nomination}",
        "Kính gửi {recipient},\n\nHồ sơ \"{nomination}\" theo {campaign} cần được thẩm định xong trước ngày {deadline}, "
        "còn {days_left} ngày.",
    ),
    (
        "appraisal_due", "en",
        "Reminds of a dossier's appraisal deadline. Fields: {recipient}, {nomination}, {campaign}, {deadline}, {days_left}, {link}.",
        "Reminder: appraisal due – {nomination}",
        "Dear {recipient},\n\nThe dossier \"{nomination}\" under {campaign} must be appraised by {deadline}, "
        "in {days_left} days.",
    ),
    (
        "report_overdue", "vi",
        "Báo cho đơn vị báo cáo đã quá hạn. Trường: {recipient}, {report}, {campaign}, {deadline}, {days_overdue}, {link}.",
        "Báo cáo quá hạn: {report}",
        "Kính gửi {recipient},\n\nBáo cáo \"{report}\" theo {campaign} đã quá hạn ngày {deadline}. "
        "Đề nghị đơn vị gửi báo cáo trên Cổng Thi đua – Khen thưởng.",
    ),
    (
        "report_overdue", "en",
        "Tells a unit its report is overdue. Fields: {recipient}, {report}, {campaign}, {deadline}, {days_overdue}, {link}.",
        "Report overdue: {report}",
        "Dear {recipient},\n\nThe report \"{report}\" under {campaign} was due on {deadline}. Please send it on the portal.",
    ),
    (
        "meeting_tomorrow", "vi",
        "Nhắc thành viên họp Hội đồng ngày mai. Trường: {recipient}, {meeting}, {council}, {time}, {place}, {link}.",
        "Nhắc lịch họp Hội đồng: {meeting}",
        "Kính gửi {recipient},\n\n{council} họp lúc {time} tại {place}: {meeting}.\n"
        "Đề nghị thành viên nghiên cứu trước các hồ sơ trên Cổng Thi đua – Khen thưởng.",
    ),
    (
        "meeting_tomorrow", "en",
        "Reminds members of tomorrow's council meeting. Fields: {recipient}, {meeting}, {council}, {time}, {place}, {link}.",
        "Council meeting reminder: {meeting}",
        "Dear {recipient},\n\n{council} meets at {time}, {place}: {meeting}.\nPlease review the dossiers on the portal beforehand.",
    ),
    (
        "vote_pending", "vi",
        "Nhắc thành viên chưa biểu quyết khi vòng biểu quyết đang mở. Trường: {recipient}, {meeting}, {link}.",
        "Đề nghị biểu quyết: {meeting}",
        "Kính gửi {recipient},\n\nVòng biểu quyết của cuộc họp \"{meeting}\" đang mở, thành viên chưa biểu quyết.",
    ),
    (
        "vote_pending", "en",
        "Reminds members who have not voted while a round is open. Fields: {recipient}, {meeting}, {link}.",
        "Please vote: {meeting}",
        "Dear {recipient},\n\nVoting is open at the meeting \"{meeting}\" and you have not voted yet.",
    ),
    (
        "nomination_returned", "vi",
        "Báo cho đơn vị hồ sơ bị trả lại để bổ sung. Trường: {recipient}, {nomination}, {campaign}, {reasons}, {link}.",
        "Hồ sơ bị trả lại để bổ sung: {nomination}",
        "Kính gửi {recipient},\n\nHồ sơ \"{nomination}\" theo {campaign} được trả lại để bổ sung với lý do:\n{reasons}",
    ),
    (
        "nomination_returned", "en",
        "Tells a unit its dossier was returned. Fields: {recipient}, {nomination}, {campaign}, {reasons}, {link}.",
        "Dossier returned for revision: {nomination}",
        "Dear {recipient},\n\nThe dossier \"{nomination}\" under {campaign} was returned for revision:\n{reasons}",
    ),
    (
        "decision_signed", "vi",
        "Báo cho đơn vị quyết định khen thưởng đã ký. Trường: {recipient}, {decision}, {summary}, {link}.",
        "Quyết định khen thưởng đã ký: {decision}",
        "Kính gửi {recipient},\n\n{decision} {summary} đã được ký, trong đó có tập thể, cá nhân của đơn vị.",
    ),
    (
        "decision_signed", "en",
        "Tells units an award decision was signed. Fields: {recipient}, {decision}, {summary}, {link}.",
        "Award decision signed: {decision}",
        "Dear {recipient},\n\n{decision} ({summary}) was signed and includes awardees of your unit.",
    ),
]


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
