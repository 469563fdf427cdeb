// The encrypted ballot's cryptography in the browser, as councils/BALLOT_SPEC.md defines it and
// councils/crypto.py implements it on the server (the test vectors in councils/ballot_vectors.json bind both).
import { ed25519 } from "../vendor/noble/curves/ed25519.js";
import { sha256 } from "../vendor/noble/hashes/sha2.js";

const Point = ed25519.Point;
export const L = 2n ** 252n + 27742317777372353535851937790883648493n;
export const G = Point.BASE;
G.precompute(8, false);  // most multiplications are of G or of the round key: wide tables make them fast
export const OPTIONS = ["for", "against", "abstain"];
const DOMAIN = "thidua-ballot/1";
const encoder = new TextEncoder();

// Scalars and points.

export const mod = (k) => ((k % L) + L) % L;

export function scalarHex(k) {
  let value = mod(k);
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) { bytes[i] = Number(value & 0xffn); value >>= 8n; }
  return toHex(bytes);
}

export function parseScalar(text) {
  const bytes = fromHex(text);
  let value = 0n;
  for (let i = 31; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  if (value >= L) throw new Error("scalar not reduced");
  return value;
}

export function parsePoint(text) {
  const point = Point.fromHex(text);
  if (point.is0() || !point.isTorsionFree()) throw new Error("invalid point");
  return point;
}

const hexes = new WeakMap();  // a point is encoded several times (ciphertext, challenges): once is enough

export function pointHex(point) {
  if (!hexes.has(point)) hexes.set(point, point.toHex());
  return hexes.get(point);
}

export const mul = (k, point) => (mod(k) === 0n || point.is0() ? Point.ZERO : point.multiply(mod(k)));
// For scalars that are published anyway (challenges, the simulated branch of a proof): variable time, faster.
const mulPublic = (k, point) => point.multiplyUnsafe(mod(k));
export const base = (k) => mul(k, G);
export const pointSum = (points) => points.reduce((sum, point) => sum.add(point), Point.ZERO);

function toHex(bytes) {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function fromHex(text) {
  if (!/^[0-9a-f]{64}$/.test(text)) throw new Error("not 32 bytes of hex");
  return Uint8Array.from(text.match(/../g), (pair) => parseInt(pair, 16));
}

export function randomScalar() {
  const bytes = crypto.getRandomValues(new Uint8Array(64));
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return (value % (L - 1n)) + 1n;
}

export function challenge(label, ...parts) {
  const text = [DOMAIN, label, ...parts.map((part) => (part instanceof Point ? pointHex(part) : String(part)))].join("|");
  let value = 0n;
  for (const byte of sha256(encoder.encode(text))) value = (value << 8n) | BigInt(byte);
  return value % L;
}

export function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function receiptCode(ballot) {
  const digest = sha256(encoder.encode(canonicalJson(ballot)));
  let bits = "";
  for (const byte of digest) bits += byte.toString(2).padStart(8, "0");
  let code = "";
  for (let i = 0; i < bits.length; i += 5) code += BASE32[parseInt(bits.slice(i, i + 5).padEnd(5, "0"), 2)];
  return code;
}

// Encryption and the proofs of a ballot.

export function encrypt(m, publicKey, r) {
  const rH = mul(r, publicKey);
  return [base(r), m ? rH.add(G) : rH];
}

export function proveBit(context, publicKey, a, b, m, r, rng = randomScalar) {
  const [w, fakeC, fakeS] = [rng(), rng(), rng()];
  const fake = 1 - m;
  const commitments = [];
  // The simulated branch, s·G − c·a and s·H − c·(b − j·G), computed from r (a = r·G, b − j·G = ±G + r·H)
  // so that only G and the round key, both with tables, are multiplied; the same points as the spec's.
  const t = mod(fakeS - fakeC * r);
  const sign = m ? fakeC : mod(-fakeC);
  commitments[fake] = [base(t), mul(t, publicKey).subtract(mulPublic(sign, G))];
  commitments[m] = [base(w), mul(w, publicKey)];
  const c = challenge("bit", ...context, publicKey, a, b, ...commitments[0], ...commitments[1]);
  const realC = mod(c - fakeC);
  const proof = [];
  proof[fake] = [fakeC, fakeS];
  proof[m] = [realC, mod(w + realC * r)];
  return proof.map(([cj, sj]) => ({ c: scalarHex(cj), s: scalarHex(sj) }));
}

export function proveEqualLogs(label, context, g1, h1, g2, h2, x, rng = randomScalar) {
  const w = rng();
  const c = challenge(label, ...context, g1, h1, g2, h2, mul(w, g1), mul(w, g2));
  return { c: scalarHex(c), s: scalarHex(w + c * x) };
}

export function proveKnowledge(context, x, rng = randomScalar) {
  const w = rng();
  const c = challenge("pok", ...context, base(x), base(w));
  return { c: scalarHex(c), s: scalarHex(w + c * x) };
}

export function encryptAnswer(roundId, nominationId, publicKey, choice, rng = randomScalar) {
  const choices = [];
  let totalR = 0n;
  const sums = [Point.ZERO, Point.ZERO];
  for (const option of OPTIONS) {
    const m = option === choice ? 1 : 0;
    const r = rng();
    const [a, b] = encrypt(m, publicKey, r);
    const proof = proveBit([roundId, nominationId, option], publicKey, a, b, m, r, rng);
    choices.push({ a: pointHex(a), b: pointHex(b), proof });
    totalR += r;
    sums[0] = sums[0].add(a);
    sums[1] = sums[1].add(b);
  }
  const sumProof = proveEqualLogs("sum", [roundId, nominationId], G, sums[0], publicKey, sums[1].subtract(G), mod(totalR), rng);
  return { nomination: nominationId, choices, sum_proof: sumProof };
}

// A whole ballot from {nomination id: option}, answers in increasing nomination id.
export function encryptBallot(roundId, publicKeyHex, choices, rng = randomScalar) {
  const publicKey = parsePoint(publicKeyHex);
  publicKey.precompute(8, false);  // every ciphertext multiplies the round key: one table, built once
  const ids = Object.keys(choices).map(Number).sort((x, y) => x - y);
  return { round: roundId, answers: ids.map((id) => encryptAnswer(roundId, id, publicKey, choices[id], rng)) };
}

// Trustees: key shares (Pedersen's DKG with Feldman commitments) and partial decryptions.

export const shareKey = (roundId, sender, receiver, ephemeral, shared) => challenge("share", roundId, sender, receiver, ephemeral, shared);

function power(x, t) {
  let result = 1n;
  for (let i = 0; i < t; i++) result = mod(result * BigInt(x));
  return result;
}

// transportKeys: {index: hex}; returns the key share the trustee publishes.
export function makeKeyShare(roundId, index, threshold, transportKeys, rng = randomScalar) {
  const coefficients = Array.from({ length: threshold }, () => rng());
  const shares = {};
  for (const receiver of Object.keys(transportKeys).map(Number).sort((x, y) => x - y)) {
    const value = mod(coefficients.reduce((sum, a, t) => sum + a * power(receiver, t), 0n));
    const rho = rng();
    const ephemeral = base(rho);
    const key = shareKey(roundId, index, receiver, ephemeral, mul(rho, parsePoint(transportKeys[receiver])));
    shares[String(receiver)] = { R: pointHex(ephemeral), enc: scalarHex(value + key) };
  }
  return {
    commitments: coefficients.map((a) => pointHex(base(a))),
    pok: proveKnowledge([roundId, index], coefficients[0], rng),
    shares,
  };
}

function committed(index, commitments) {
  return pointSum(commitments.map((c, t) => mul(power(index, t), parsePoint(c))));
}

// keyShares: {sender index: key share}; each share sent to this trustee is checked against its commitments.
export function secretShare(roundId, index, transportSecret, keyShares) {
  let total = 0n;
  for (const sender of Object.keys(keyShares).map(Number).sort((x, y) => x - y)) {
    const share = keyShares[sender].shares[String(index)];
    const ephemeral = parsePoint(share.R);
    const value = mod(parseScalar(share.enc) - shareKey(roundId, sender, index, ephemeral, mul(transportSecret, ephemeral)));
    if (!base(value).equals(committed(index, keyShares[sender].commitments))) {
      throw new Error(`the share from trustee ${sender} does not match its commitments`);
    }
    total += value;
  }
  return mod(total);
}

export function partialDecrypt(context, x, a, rng = randomScalar) {
  const d = mul(x, a);
  return { d: pointHex(d), proof: proveEqualLogs("partial", context, G, base(x), a, d, x, rng) };
}

// The deterministic "random" scalars of the test vectors: challenge("vector", 1), challenge("vector", 2), ...
export function vectorRng() {
  let counter = 0;
  return () => challenge("vector", ++counter);
}
