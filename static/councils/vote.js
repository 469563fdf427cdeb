// The voting page: read the choices, encrypt them here, post only the encrypted ballot (never a choice).
import { encryptBallot } from "./ballot.js";

const form = document.getElementById("ballot-form");
const data = JSON.parse(document.getElementById("ballot-data").textContent);
const error = document.getElementById("ballot-error");

// Radios carry no name (so nothing of them is ever posted): keep one checked per dossier by hand.
for (const radio of form.querySelectorAll("input[data-option]")) {
  radio.addEventListener("change", () => {
    for (const other of form.querySelectorAll(`input[data-nomination="${radio.dataset.nomination}"]`)) {
      if (other !== radio) other.checked = false;
    }
  });
}

function choices() {
  const chosen = {};
  for (const id of data.nominations) {
    const checked = form.querySelector(`input[data-nomination="${id}"]:checked`);
    if (!checked) return null;
    chosen[id] = checked.dataset.option;
  }
  return chosen;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const chosen = choices();
  if (!chosen) {
    error.textContent = error.dataset.incomplete;
    error.classList.remove("d-none");
    return;
  }
  document.getElementById("ballot-working").classList.remove("d-none");
  document.getElementById("ballot-submit").disabled = true;
  setTimeout(() => {  // let the page show "encrypting" before the work
    try {
      form.elements.payload.value = JSON.stringify(encryptBallot(data.round, data.public_key, chosen));
    } catch (failure) {
      error.textContent = `${error.dataset.failed} (${failure.message})`;
      error.classList.remove("d-none");
      return;
    }
    for (const radio of form.querySelectorAll("input[data-option]")) radio.checked = false;
    form.submit();
  }, 0);
});
