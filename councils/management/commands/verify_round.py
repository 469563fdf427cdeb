from django.core.management.base import BaseCommand, CommandError

from councils.models import VotingRound
from councils.verification import ballot_box, box_hash, verify_round


class Command(BaseCommand):
    help = "Recount an online voting round from its published ballot box: every proof, the sums, the decryption."

    def add_arguments(self, parser):
        parser.add_argument("round", type=int, help="the voting round's id")

    def handle(self, *args, round, **options):
        voting_round = VotingRound.objects.select_related("meeting__council").filter(pk=round).first()
        if voting_round is None:
            raise CommandError(f"No voting round {round}.")
        if voting_round.is_on_paper:
            raise CommandError(f"Round {round} was on paper: its counts were entered, there is nothing to recount.")
        box = ballot_box(voting_round)
        self.stdout.write(f"Ballot box of round {round}: {len(box['ballots'])} ballots, hash {box_hash(box)}")
        faults = verify_round(voting_round)
        for fault in faults:
            self.stdout.write(f"FAIL {fault}")
        if faults:
            raise CommandError(f"{len(faults)} fault(s): the round does not verify.")
        self.stdout.write(self.style.SUCCESS("Verified: every proof checks and the published counts are the decrypted totals."))
