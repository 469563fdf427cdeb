from django.core.management.base import BaseCommand

from core.backup import restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into the empty database and the media folder."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        restore_backup(file)
        self.stdout.write(f"Restored {file}")
