"""The ballot's cryptography on the server agrees with the shared test vectors (the browser test runs the same)."""

import json

import pytest

from councils import crypto
from tests.councils.vectors import PATH, build_vectors


def test_ballot_vectors_file_is_what_the_python_side_computes():
    assert json.loads(PATH.read_text()) == build_vectors()


def test_ballot_of_the_vectors_checks_and_its_partial_decryption_too():
    vectors = json.loads(PATH.read_text())
    keys, partial = vectors["keys"], vectors["partial"]
    verification = crypto.verification_key(1, keys["key_shares"].values())

    reason = crypto.check_ballot(vectors["ballot"]["ballot"], 7, keys["public_key"], [10, 11])

    assert reason is None
    assert crypto.check_partial(partial["context"], verification, crypto.parse_point(partial["a"]), partial["partial"])


@pytest.mark.parametrize("text", ["00" * 32, "ff" * 32, "ab", "not hex", "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa"])
def test_ballot_point_of_small_order_or_malformed_is_refused(text):
    with pytest.raises(crypto.ProofError):
        crypto.parse_point(text)


def test_ballot_totals_decrypt_with_any_two_of_three_trustees_and_not_with_one():
    secrets = {j: crypto.random_scalar() for j in (1, 2, 3)}
    transport = {j: crypto.point_hex(crypto.base(s)) for j, s in secrets.items()}
    shares = {j: crypto.make_key_share(9, j, 2, transport) for j in (1, 2, 3)}
    key = crypto.public_key(shares.values())
    x = {j: crypto.secret_share(9, j, secrets[j], shares) for j in (1, 2, 3)}
    a, b = crypto.add_ciphertexts([crypto.encrypt(1, key, crypto.random_scalar()) for _ in range(3)])

    def opened(indices):
        return crypto.combine(b, {j: crypto.partial_decrypt((9,), x[j], a)["d"] for j in indices}, 10)

    assert [opened({1, 2}), opened({1, 3}), opened({2, 3}), opened({2})] == [3, 3, 3, None]
