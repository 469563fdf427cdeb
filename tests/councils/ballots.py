"""What the trustees' and members' browsers do, done in Python (councils.crypto) for service tests and the bench."""

from councils import crypto
from councils.services import (
    ballot_nominations,
    cast_ballot,
    close_round,
    register_transport_key,
    submit_key_share,
    submit_partials,
)

FOR, AGAINST, ABSTAIN = crypto.OPTIONS


def make_round_key(voting_round):
    """Every trustee publishes a transport key, then its key share; returns {index: transport secret}."""
    secrets = {}
    for trustee in voting_round.trustees.all():
        secrets[trustee.index] = crypto.random_scalar()
        register_transport_key(trustee, crypto.point_hex(crypto.base(secrets[trustee.index])))
    transport = dict(voting_round.trustees.values_list("index", "transport_key"))
    for trustee in voting_round.trustees.all():
        submit_key_share(trustee, crypto.make_key_share(voting_round.pk, trustee.index, voting_round.threshold, transport))
    voting_round.refresh_from_db()
    voting_round.secrets = secrets
    return voting_round


def open_online_round(meeting, trustees, **kwargs):
    """Open an online round with these trustees and make its key."""
    return make_round_key(meeting.open_round(by=None, trustees=trustees, **kwargs))


def cast(seat, voting_round, choices):
    """Encrypt {nomination: option} as the browser does, for every dossier the member votes on; cast it."""
    by_id = {nomination.pk: option for nomination, option in choices.items()}
    ids = [nomination.pk for nomination in ballot_nominations(seat, voting_round)]
    ballot = crypto.encrypt_ballot(voting_round.pk, voting_round.public_key, {n: by_id.get(n, ABSTAIN) for n in ids})
    return cast_ballot(seat, voting_round, ballot)


def vote(voting_round, seats, counts):
    """Each seat casts one ballot: FOR on a nomination for the first `counts[nomination]` seats, AGAINST after."""
    for index, seat in enumerate(seats):
        cast(seat, voting_round, {n: FOR if index < votes_for else AGAINST for n, votes_for in counts.items()})


def partials_of(voting_round, index, secret):
    """A trustee's partial decryptions of every encrypted total of the closed round."""
    key_shares = dict(voting_round.trustees.values_list("index", "key_share"))
    x = crypto.secret_share(voting_round.pk, index, secret, key_shares)
    partials = {}
    for tally in voting_round.tallies.exclude(encrypted_totals=None):
        partials[str(tally.nomination_id)] = {
            option: crypto.partial_decrypt(
                crypto.partial_context(voting_round.pk, tally.nomination_id, option, index), x,
                crypto.parse_point(tally.encrypted_totals[option]["a"]),
            )
            for option in crypto.OPTIONS
        }
    return partials


def open_totals(voting_round, indices=None):
    """The trustees (all, or those indices) publish their partial decryptions."""
    for trustee in voting_round.trustees.all():
        if indices is None or trustee.index in indices:
            submit_partials(trustee, partials_of(voting_round, trustee.index, voting_round.secrets[trustee.index]))
    voting_round.refresh_from_db()


def close_and_open(voting_round, by=None, **kwargs):
    close_round(voting_round, by=by, **kwargs)
    open_totals(voting_round)
