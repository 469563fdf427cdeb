// A trustee's page: the secret (the transport key) is drawn and kept in this browser only; the server gets
// the public key, the commitments and encrypted shares, and later the partial decryptions with their proofs.
import { base, makeKeyShare, parsePoint, parseScalar, partialDecrypt, pointHex, randomScalar, scalarHex, secretShare, OPTIONS } from "./ballot.js";

const form = document.getElementById("trustee-form");
const data = JSON.parse(document.getElementById("trustee-data").textContent);
const storageKey = `thidua-trustee:${location.host}:round-${data.round}:index-${data.index}`;

async function publicBox() {
  const response = await fetch(form.dataset.box, { credentials: "same-origin" });
  return response.json();
}

const steps = {
  transport: async () => {
    const secret = randomScalar();
    localStorage.setItem(storageKey, scalarHex(secret));
    return { key: pointHex(base(secret)) };
  },
  share: async () => {
    const box = await publicBox();
    const transport = Object.fromEntries(box.trustees.map((t) => [t.index, t.transport_key]));
    return makeKeyShare(data.round, data.index, data.threshold, transport);
  },
  partials: async () => {
    const stored = localStorage.getItem(storageKey);
    if (!stored) throw new Error(form.querySelector("#trustee-error").dataset.missing);
    const box = await publicBox();
    const keyShares = Object.fromEntries(box.trustees.map((t) => [t.index, t.key_share]));
    const x = secretShare(data.round, data.index, parseScalar(stored), keyShares);
    const partials = {};
    for (const result of box.results) {
      if (!result.encrypted_totals) continue;
      partials[result.nomination] = Object.fromEntries(OPTIONS.map((option) => [option, partialDecrypt(
        [data.round, result.nomination, option, data.index], x, parsePoint(result.encrypted_totals[option].a),
      )]));
    }
    return partials;
  },
};

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const error = document.getElementById("trustee-error");
  try {
    form.elements.payload.value = JSON.stringify(await steps[form.elements.step.value]());
  } catch (failure) {
    error.textContent = failure.message;
    error.classList.remove("d-none");
    return;
  }
  form.submit();
});
