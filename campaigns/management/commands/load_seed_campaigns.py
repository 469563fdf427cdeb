from pathlib import Path

from django.core.management.base import BaseCommand

from campaigns.seed import SEED_DIR, load_seed_data, summary_line


class Command(BaseCommand):
    help = "Load the organizations and the real plans of campaigns/seed_data (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory", type=Path, default=SEED_DIR, help="Folder of organizations.yaml and campaigns/"
        )

    def handle(self, *args, directory, **options):
        for campaign, created in load_seed_data(directory):
            self.stdout.write(summary_line(campaign, created))
