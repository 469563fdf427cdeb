"""The browser's ballot module (static/councils/ballot.js) reproduces the shared test vectors byte for byte."""

import json

import pytest

from tests.councils.vectors import PATH

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RUN_VECTORS = """async (v) => {
  const B = await import("/static/councils/ballot.js");
  const same = (x, y) => B.canonicalJson(x) === B.canonicalJson(y);
  const k = v.keys;
  const results = {};
  results.points = v.points.every((p) => B.pointHex(B.base(B.parseScalar(p.k))) === p.point);
  results.challenges = v.challenges.every((c) => B.scalarHex(B.challenge(c.label, ...c.parts)) === c.value);
  const rng = B.vectorRng();
  const secrets = {};
  for (const i of [1, 2, 3]) secrets[i] = rng();
  const shares = {};
  for (const i of [1, 2, 3]) shares[i] = B.makeKeyShare(k.round, i, k.threshold, k.transport_keys, rng);
  results.key_shares = same(shares, k.key_shares);
  results.secret_shares = [1, 2, 3].every((i) => B.scalarHex(B.secretShare(k.round, i, secrets[i], k.key_shares)) === k.secret_shares[i]);
  const ballot = B.encryptBallot(v.ballot.round, k.public_key, v.ballot.choices, B.vectorRng());
  results.ballot = same(ballot, v.ballot.ballot);
  results.receipt = B.receiptCode(ballot) === v.ballot.receipt;
  const p = v.partial;
  results.partial = same(B.partialDecrypt(p.context, B.parseScalar(k.secret_shares["1"]), B.parsePoint(p.a), B.vectorRng()), p.partial);
  return results;
}"""


def test_ballot_javascript_computes_the_shared_vectors_in_chromium(live_server, page):
    page.goto(f"{live_server.url}/dang-nhap/")

    results = page.evaluate(RUN_VECTORS, json.loads(PATH.read_text()))

    assert results == {
        "points": True, "challenges": True, "key_shares": True, "secret_shares": True,
        "ballot": True, "receipt": True, "partial": True,
    }
