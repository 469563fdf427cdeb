"""The encrypted ballot's cryptography: exponential ElGamal on edwards25519 with Fiat–Shamir proofs.

Follows councils/BALLOT_SPEC.md, which static/councils/ballot.js implements too; councils/ballot_vectors.json
holds the cases both sides must reproduce byte for byte. Point arithmetic is libsodium's (PyNaCl); nothing
here decrypts a ballot: the server only adds ciphertexts and checks proofs.
"""

import hashlib
import json
import secrets
from base64 import b32encode

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from nacl import bindings as sodium

L = 2**252 + 27742317777372353535851937790883648493
IDENTITY = bytes([1]) + bytes(31)
G = sodium.crypto_scalarmult_ed25519_base_noclamp((1).to_bytes(32, "little"))
OPTIONS = ("for", "against", "abstain")  # a dossier's ciphertexts, in this order
OPTION_LABELS = {"for": gettext_lazy("đồng ý"), "against": gettext_lazy("không đồng ý"), "abstain": gettext_lazy("không biểu quyết")}
DOMAIN = "thidua-ballot/1"


class ProofError(ValueError):
    """A point, scalar or proof that does not check."""


# Points and scalars.


def scalar(value):
    return value % L


def scalar_hex(value):
    return (value % L).to_bytes(32, "little").hex()


def parse_scalar(text):
    value = int.from_bytes(_hex_bytes(text), "little")
    if value >= L:
        raise ProofError("scalar not reduced")
    return value


def point_hex(point):
    return point.hex()


def parse_point(text):
    """A received point: canonical, on the curve, in the prime-order subgroup, not of small order."""
    point = _hex_bytes(text)
    if not sodium.crypto_core_ed25519_is_valid_point(point):
        raise ProofError("invalid point")
    return point


def _hex_bytes(text):
    try:
        raw = bytes.fromhex(text)
    except (TypeError, ValueError):
        raise ProofError("not hex") from None
    if len(raw) != 32:
        raise ProofError("not 32 bytes")
    return raw


def add(p, q):
    return sodium.crypto_core_ed25519_add(p, q)


def sub(p, q):
    return sodium.crypto_core_ed25519_sub(p, q)


def mul(k, point):
    """k·P; libsodium refuses the identity as input or result, so it is handled here."""
    k %= L
    if k == 0 or point == IDENTITY:
        return IDENTITY
    if point == G:
        return sodium.crypto_scalarmult_ed25519_base_noclamp(k.to_bytes(32, "little"))
    return sodium.crypto_scalarmult_ed25519_noclamp(k.to_bytes(32, "little"), point)


def base(k):
    return mul(k, G)


def point_sum(points):
    total = IDENTITY
    for point in points:
        total = add(total, point)
    return total


def random_scalar():
    return secrets.randbelow(L - 1) + 1


def challenge(label, *parts):
    """SHA-256 of the domain, the label and the parts joined by "|", as a big-endian integer mod L."""
    text = "|".join([DOMAIN, label, *(point_hex(p) if isinstance(p, bytes) else str(p) for p in parts)])
    return int.from_bytes(hashlib.sha256(text.encode()).digest(), "big") % L


def canonical_json(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def receipt_code(ballot):
    """The receipt a member keeps: SHA-256 of the canonical ballot, in base32 without padding."""
    digest = hashlib.sha256(canonical_json(ballot).encode()).digest()
    return b32encode(digest).decode().rstrip("=")


def sha256_hex(value):
    return hashlib.sha256(canonical_json(value).encode()).hexdigest()


# Encryption and the proofs of a ballot.


def encrypt(m, public_key, r):
    return base(r), add(base(m), mul(r, public_key))


def prove_bit(context, public_key, a, b, m, r, rng=random_scalar):
    """Disjunctive Chaum–Pedersen: (a, b) encrypts 0 or 1 (Cramer–Damgård–Schoenmakers)."""
    w, fake_c, fake_s = rng(), rng(), rng()
    fake = 1 - m
    commitments = [None, None]
    commitments[fake] = _bit_commitments(public_key, a, b, fake, fake_c, fake_s)
    commitments[m] = (base(w), mul(w, public_key))
    c = challenge("bit", *context, public_key, a, b, *commitments[0], *commitments[1])
    real_c = scalar(c - fake_c)
    proof = [None, None]
    proof[fake] = (fake_c, fake_s)
    proof[m] = (real_c, scalar(w + real_c * r))
    return [{"c": scalar_hex(c_j), "s": scalar_hex(s_j)} for c_j, s_j in proof]


def _bit_commitments(public_key, a, b, j, c, s):
    return sub(base(s), mul(c, a)), sub(mul(s, public_key), mul(c, sub(b, G) if j else b))


def verify_bit(context, public_key, a, b, proof):
    (c0, s0), (c1, s1) = ((parse_scalar(part["c"]), parse_scalar(part["s"])) for part in proof)
    commitments = [*_bit_commitments(public_key, a, b, 0, c0, s0), *_bit_commitments(public_key, a, b, 1, c1, s1)]
    return scalar(c0 + c1) == challenge("bit", *context, public_key, a, b, *commitments)


def prove_equal_logs(label, context, g1, h1, g2, h2, x, rng=random_scalar):
    """Chaum–Pedersen: log_g1 h1 = log_g2 h2 = x."""
    w = rng()
    c = challenge(label, *context, g1, h1, g2, h2, mul(w, g1), mul(w, g2))
    return {"c": scalar_hex(c), "s": scalar_hex(w + c * x)}


def verify_equal_logs(label, context, g1, h1, g2, h2, proof):
    c, s = parse_scalar(proof["c"]), parse_scalar(proof["s"])
    u, v = sub(mul(s, g1), mul(c, h1)), sub(mul(s, g2), mul(c, h2))
    return c == challenge(label, *context, g1, h1, g2, h2, u, v)


def prove_knowledge(context, x, rng=random_scalar):
    """Schnorr: knowledge of x with X = x·G."""
    w = rng()
    c = challenge("pok", *context, base(x), base(w))
    return {"c": scalar_hex(c), "s": scalar_hex(w + c * x)}


def verify_knowledge(context, point, proof):
    c, s = parse_scalar(proof["c"]), parse_scalar(proof["s"])
    return c == challenge("pok", *context, point, sub(base(s), mul(c, point)))


def encrypt_answer(round_id, nomination_id, public_key, choice, rng=random_scalar):
    """One dossier's part of a ballot: three ciphertexts with their bit proofs, and the proof they sum to 1."""
    choices, total_r = [], 0
    for option in OPTIONS:
        m, r = int(option == choice), rng()
        a, b = encrypt(m, public_key, r)
        proof = prove_bit((round_id, nomination_id, option), public_key, a, b, m, r, rng)
        choices.append({"a": point_hex(a), "b": point_hex(b), "proof": proof})
        total_r += r
    a_sum, b_sum = _answer_sum(choices)
    sum_proof = prove_equal_logs("sum", (round_id, nomination_id), G, a_sum, public_key, sub(b_sum, G), scalar(total_r), rng)
    return {"nomination": nomination_id, "choices": choices, "sum_proof": sum_proof}


def _answer_sum(choices):
    return point_sum(parse_point(c["a"]) for c in choices), point_sum(parse_point(c["b"]) for c in choices)


def encrypt_ballot(round_id, public_key_hex, choices, rng=random_scalar):
    """A whole ballot from {nomination id: option}; the browser does this, tests and the bench too."""
    public_key = parse_point(public_key_hex)
    answers = [encrypt_answer(round_id, n, public_key, choices[n], rng) for n in sorted(choices)]
    return {"round": round_id, "answers": answers}


def check_ballot(ballot, round_id, public_key_hex, nomination_ids):
    """Check a ballot's shape and every proof; return the reason it fails, or None."""
    public_key = parse_point(public_key_hex)
    try:
        if ballot.get("round") != round_id:
            return _("phiếu của vòng khác")
        answers = ballot["answers"]
        if [answer["nomination"] for answer in answers] != sorted(nomination_ids):
            return _("phiếu không đúng các hồ sơ thành viên được biểu quyết")
        for answer in answers:
            reason = _check_answer(round_id, answer, public_key)
            if reason:
                return reason
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        return _("phiếu sai cấu trúc (%(error)s)") % {"error": error}
    return None


def _check_answer(round_id, answer, public_key):
    nomination_id, choices = answer["nomination"], answer["choices"]
    if len(choices) != len(OPTIONS) or set(answer) != {"nomination", "choices", "sum_proof"}:
        return _("hồ sơ %(id)s: sai cấu trúc") % {"id": nomination_id}
    pairs = [(parse_point(choice["a"]), parse_point(choice["b"])) for choice in choices]
    for option, choice, (a, b) in zip(OPTIONS, choices, pairs, strict=True):
        if not verify_bit((round_id, nomination_id, option), public_key, a, b, choice["proof"]):
            return _("hồ sơ %(id)s, lựa chọn %(option)s: chứng minh 0 hoặc 1 không đúng") % {"id": nomination_id, "option": OPTION_LABELS[option]}
    a_sum, b_sum = add_ciphertexts(pairs)
    if not verify_equal_logs("sum", (round_id, nomination_id), G, a_sum, public_key, sub(b_sum, G), answer["sum_proof"]):
        return _("hồ sơ %(id)s: chứng minh chọn đúng một phương án không đúng") % {"id": nomination_id}
    return None


def add_ciphertexts(pairs):
    """The homomorphic tally: component-wise sums of (a, b) pairs."""
    pairs = list(pairs)
    return point_sum(a for a, _b in pairs), point_sum(b for _a, b in pairs)


# Trustees: a distributed key (Pedersen's DKG with Feldman commitments), partial decryptions.


def lagrange_at_zero(index, indices):
    """λ_index for interpolating at 0 over the given trustee indices."""
    numerator, denominator = 1, 1
    for other in indices:
        if other != index:
            numerator = numerator * other % L
            denominator = denominator * (other - index) % L
    return numerator * pow(denominator, -1, L) % L


def share_key(round_id, sender, receiver, ephemeral, shared_point):
    return challenge("share", round_id, sender, receiver, ephemeral, shared_point)


def make_key_share(round_id, index, threshold, transport_keys, rng=random_scalar):
    """A trustee's commitments and the encrypted shares it sends every trustee (transport_keys: {index: hex})."""
    coefficients = [rng() for _ in range(threshold)]
    commitments = [base(a) for a in coefficients]
    shares = {}
    for receiver, transport_hex in sorted(transport_keys.items()):
        value = sum(a * pow(receiver, t, L) for t, a in enumerate(coefficients)) % L
        rho = rng()
        ephemeral = base(rho)
        key = share_key(round_id, index, receiver, ephemeral, mul(rho, parse_point(transport_hex)))
        shares[str(receiver)] = {"R": point_hex(ephemeral), "enc": scalar_hex(value + key)}
    return {
        "commitments": [point_hex(c) for c in commitments],
        "pok": prove_knowledge((round_id, index), coefficients[0], rng),
        "shares": shares,
    }


def check_key_share(round_id, index, threshold, key_share, receivers):
    """The public part of a trustee's key share: the right number of commitments, a proof for the first."""
    try:
        commitments = [parse_point(c) for c in key_share["commitments"]]
        if len(commitments) != threshold:
            return _("sai số cam kết")
        if sorted(key_share["shares"]) != sorted(str(r) for r in receivers):
            return _("thiếu phần khóa gửi người giữ khóa")
        for share in key_share["shares"].values():
            parse_point(share["R"]), parse_scalar(share["enc"])
        if not verify_knowledge((round_id, index), commitments[0], key_share["pok"]):
            return _("chứng minh biết khóa không đúng")
    except (KeyError, TypeError, ValueError) as error:
        return _("phần khóa sai cấu trúc (%(error)s)") % {"error": error}
    return None


def public_key(key_shares):
    """H = Σ C_i0 over the trustees' key shares."""
    return point_sum(parse_point(share["commitments"][0]) for share in key_shares)


def verification_key(index, key_shares):
    """X_j = Σ_i Σ_t j^t·C_it: the public image of trustee j's secret share."""
    return point_sum(
        mul(pow(index, t, L), parse_point(c)) for share in key_shares for t, c in enumerate(share["commitments"])
    )


def secret_share(round_id, index, transport_secret, key_shares_by_index):
    """Trustee j's secret x_j from the shares sent to it, each checked against its sender's commitments."""
    total = 0
    for sender, key_share in sorted(key_shares_by_index.items()):
        share = key_share["shares"][str(index)]
        ephemeral = parse_point(share["R"])
        value = scalar(parse_scalar(share["enc"]) - share_key(round_id, sender, index, ephemeral, mul(transport_secret, ephemeral)))
        expected = point_sum(mul(pow(index, t, L), parse_point(c)) for t, c in enumerate(key_share["commitments"]))
        if base(value) != expected:
            raise ProofError(f"the share from trustee {sender} does not match its commitments")
        total += value
    return scalar(total)


def partial_context(round_id, nomination_id, option, index):
    return (round_id, nomination_id, option, index)


def partial_decrypt(context, x, a, rng=random_scalar):
    """D = x·A with the proof log_G X = log_A D."""
    d = mul(x, a)
    return {"d": point_hex(d), "proof": prove_equal_logs("partial", context, G, base(x), a, d, x, rng)}


def check_partial(context, verification, a, partial):
    try:
        d = parse_point(partial["d"])
        return verify_equal_logs("partial", context, G, verification, a, d, partial["proof"])
    except (KeyError, TypeError, ValueError):
        return False


def combine(b, partials_by_index, most):
    """t with B − Σ λ_j·D_j = t·G, searched from 0 to `most`; None if no t fits."""
    indices = sorted(partials_by_index)
    shared = point_sum(mul(lagrange_at_zero(j, indices), parse_point(partials_by_index[j])) for j in indices)
    target = sub(b, shared)
    point = IDENTITY
    for t in range(most + 1):
        if point == target:
            return t
        point = add(point, G)
    return None
