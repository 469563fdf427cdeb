from django.core.management.base import BaseCommand

from core.backup import files_on_local_disk, make_backup


class Command(BaseCommand):
    help = "Write a dated backup (database and media) into --output-dir (backups/ by default)."
    requires_system_checks = []  # a backup is taken whatever the settings' state

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default="backups")

    def handle(self, *args, output_dir, **options):
        self.stdout.write(str(make_backup(output_dir)))
        if not files_on_local_disk():
            self.stderr.write("The files are in the object store (STORAGE_URL): back it up with its own tools (mc mirror).")
