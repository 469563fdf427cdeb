from django.core.management.base import BaseCommand
from django.db.models import Count

from accounts.models import User
from campaigns.seed import DEMO_HOST, DEMO_PASSWORD, create_demo, load_demo_worlds, load_seed_data, summary_line
from councils.models import Council
from councils.seed import create_demo_council


class Command(BaseCommand):
    help = "Load the real plans, then the demo people, accounts and council (password “demo”; safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=DEMO_HOST, help="The address the server listens on, as given to runserver.")

    def handle(self, *args, host, **options):
        for campaign, created in load_seed_data():
            self.stdout.write(summary_line(campaign, created))
        first_plans = create_demo()
        create_demo_council()
        for council in Council.objects.annotate(seats=Count("members")).order_by("name"):
            self.stdout.write(f"{council.name}: {council.seats} thành viên")
        self.write_people_of_several_holdings()
        self.stdout.write(f"\nTài khoản dùng thử (mật khẩu của mọi tài khoản: {DEMO_PASSWORD})")
        self.write_accounts("Kế hoạch 67/KH-UBND (Cần Thơ) và 157/QĐ-BTP (Bộ Tư pháp)", first_plans)
        for campaign, accounts in load_demo_worlds():
            self.write_accounts(f"Kế hoạch {campaign.number} ({campaign.issuing_organization.province})", accounts)
        self.stdout.write(
            "\nDemo: hạn nộp hồ sơ và hạn khen thưởng của Kế hoạch 67/KH-UBND được dời về sau hôm nay để dùng thử;"
            "\nKế hoạch 157/QĐ-BTP của Bộ được phát động lại, Kế hoạch 67/KH-UBND thực hiện kế hoạch đó:"
            "\nSở Tư pháp chuyển hồ sơ tiêu biểu lên Bằng khen của Bộ trưởng, Vụ TĐKT (vutdkt) nhận và trình Hội đồng ngành."
        )
        # A server listening on every address (0.0.0.0) is opened on this machine's own.
        address = host if "://" in host else f"http://{host.replace('0.0.0.0', '127.0.0.1')}"
        self.stdout.write(f"\nMở {address.rstrip('/')}/ rồi đăng nhập bằng một tài khoản ở trên.")

    def write_people_of_several_holdings(self):
        """The people whose one account holds a post and a council seat."""
        people = User.objects.filter(council_seats__isnull=False).exclude(role=User.Role.COUNCIL_MEMBER).distinct()
        self.stdout.write("\nMột người, một tài khoản (vừa giữ chức trách tại cơ quan, vừa là thành viên hội đồng):")
        for user in people.order_by("username"):
            self.stdout.write(f"  {user.username} ({user.get_full_name()}): {' · '.join(user.holdings)}")

    def write_accounts(self, heading, accounts):
        """One table per plan: the accounts by role, then body."""
        self.stdout.write(f"\n{heading}")
        rows = sorted(
            ((user.username, str(user.get_role_display()), str(user.organization or "—"), note) for user, note in accounts),
            key=lambda row: (row[1], row[2], row[0]),
        )
        self.write_table([("Tài khoản", "Vai trò", "Đơn vị", "Ghi chú"), *rows])

    def write_table(self, rows):
        """Write rows as left-aligned columns."""
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        for row in rows:
            self.stdout.write("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
