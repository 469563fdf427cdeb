from django.core.management.base import BaseCommand
from django.db.models import Count

from campaigns.seed import DEMO_PASSWORD, DEMO_URL, create_demo, load_seed_data, summary_line
from councils.models import Council
from councils.seed import create_demo_council


class Command(BaseCommand):
    help = "Load the real plans, then the demo people, accounts and council (password “demo”; safe to run again)."

    def handle(self, *args, **options):
        for campaign, created in load_seed_data():
            self.stdout.write(summary_line(campaign, created))
        rows = [
            (user.username, DEMO_PASSWORD, str(user.get_role_display()), str(user.organization or "—"), note)
            for user, note in create_demo()
        ]
        create_demo_council()
        for council in Council.objects.annotate(seats=Count("members")).order_by("name"):
            self.stdout.write(f"{council.name}: {council.seats} thành viên")
        self.write_table([("Tài khoản", "Mật khẩu", "Vai trò", "Đơn vị", "Ghi chú"), *rows])
        self.stdout.write(
            "\nDemo: hạn nộp hồ sơ và hạn khen thưởng của Kế hoạch 67/KH-UBND được dời về sau hôm nay để dùng thử;"
            "\nKế hoạch 157/QĐ-BTP của Bộ được phát động lại, Kế hoạch 67/KH-UBND thực hiện kế hoạch đó:"
            "\nSở Tư pháp chuyển hồ sơ tiêu biểu lên Bằng khen của Bộ trưởng, Vụ TĐKT (vutdkt) nhận và trình Hội đồng ngành."
        )
        self.stdout.write(f"\n{DEMO_URL}")

    def write_table(self, rows):
        """Write rows as left-aligned columns."""
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        for row in rows:
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
