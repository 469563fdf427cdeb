from django.core.management.base import BaseCommand

from core.backup import make_backup


class Command(BaseCommand):
    help = "Write a dated backup (database and media) into --output-dir (backups/ by default)."
    requires_system_checks = []  # a backup is taken whatever the settings' state

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default="backups")

    def handle(self, *args, output_dir, **options):
        self.stdout.write(str(make_backup(output_dir)))
