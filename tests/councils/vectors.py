"""The test vectors both sides of the ballot must reproduce: `python -m tests.councils.vectors` rewrites the file.

Every "random" scalar is challenge("vector", 1), challenge("vector", 2), … (a fresh sequence per section), so the
JavaScript (tests/e2e/test_ballot_crypto.py) and Python compute the same bytes.
"""

import json
from pathlib import Path

from councils import crypto

PATH = Path(__file__).resolve().parents[2] / "councils" / "ballot_vectors.json"


def vector_rng():
    counter = iter(range(1, 10**6))
    return lambda: crypto.challenge("vector", next(counter))


def build_vectors():
    rng = vector_rng()
    scalars = [1, 2, rng(), crypto.L - 1]
    points = [{"k": crypto.scalar_hex(k), "point": crypto.point_hex(crypto.base(k))} for k in scalars]
    challenges = [
        {"label": "bit", "parts": [7, 10, "for"], "value": crypto.scalar_hex(crypto.challenge("bit", 7, 10, "for"))},
        {"label": "sum", "parts": [7, 10, crypto.point_hex(crypto.G)],
         "value": crypto.scalar_hex(crypto.challenge("sum", 7, 10, crypto.G))},
    ]
    rng = vector_rng()
    transport_secrets = {index: rng() for index in (1, 2, 3)}
    transport_keys = {index: crypto.point_hex(crypto.base(secret)) for index, secret in transport_secrets.items()}
    key_shares = {index: crypto.make_key_share(7, index, 2, transport_keys, rng) for index in (1, 2, 3)}
    shares = {index: crypto.secret_share(7, index, transport_secrets[index], key_shares) for index in (1, 2, 3)}
    public_key = crypto.point_hex(crypto.public_key(key_shares.values()))
    ballot = crypto.encrypt_ballot(7, public_key, {11: "abstain", 10: "for"}, vector_rng())
    a = crypto.parse_point(ballot["answers"][0]["choices"][0]["a"])
    partial = crypto.partial_decrypt((7, 10, "for", 1), shares[1], a, vector_rng())
    return {
        "points": points,
        "challenges": challenges,
        "keys": {
            "round": 7, "threshold": 2,
            "transport_secrets": {str(i): crypto.scalar_hex(s) for i, s in transport_secrets.items()},
            "transport_keys": {str(i): key for i, key in transport_keys.items()},
            "key_shares": {str(i): share for i, share in key_shares.items()},
            "secret_shares": {str(i): crypto.scalar_hex(s) for i, s in shares.items()},
            "public_key": public_key,
        },
        "ballot": {"round": 7, "choices": {"10": "for", "11": "abstain"}, "ballot": ballot,
                   "receipt": crypto.receipt_code(ballot)},
        "partial": {"context": [7, 10, "for", 1], "a": crypto.point_hex(a), "partial": partial},
    }


if __name__ == "__main__":
    PATH.write_text(json.dumps(build_vectors(), indent=1, sort_keys=True) + "\n")
