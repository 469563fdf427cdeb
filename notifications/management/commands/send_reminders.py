from django.core.management.base import BaseCommand

from notifications.services import send_due_reminders


class Command(BaseCommand):
    help = "Send every reminder due today now, as the 07:00 schedule does (each once); say how many were sent."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        if sent:
            self.stdout.write(f"Đã gửi {sent} thư nhắc đến hạn hôm nay.")
        else:
            self.stdout.write("Không có thư nhắc nào đến hạn hôm nay (thư đã gửi trước đó không gửi lại).")
