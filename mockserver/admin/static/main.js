// Starts the dashboard: asks for the admin token when the server wants one, then polls once a second.

import { AdminError, call, onUnauthorized, say, setToken } from "./api.js";
import { refreshClock, setupClock } from "./clock.js";
import { refreshRecords, setupData } from "./data.js";
import { live, poll, setupJournal } from "./journal.js";
import { refreshProviders } from "./providers.js";
import { refreshScenarios, setupScenarios } from "./scenarios.js";

const PERIOD_MS = 1000;
const PROVIDERS_EVERY = 30; // polls: OnlineAfspraken's curl line carries a signature that ages
let started = false;
let timer = null;
let polls = 0;

function askForToken() {
  const form = document.getElementById("token-form");
  form.hidden = false;
  say("This server has an admin token: enter it above (it is kept for this tab only).");
  document.getElementById("token").focus();
}

async function tick() {
  timer = null;
  try {
    if (!document.hidden) {
      await refreshClock();
      const fresh = live() ? await poll() : 0;
      await refreshScenarios();
      if (fresh) await refreshRecords();
      if (++polls % PROVIDERS_EVERY === 0) await refreshProviders();
    }
  } catch (error) {
    if (!(error instanceof AdminError && error.status === 401)) say(error.message);
  }
  schedule(PERIOD_MS);
}

export function schedule(delay = 0) {
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(tick, delay);
}

async function start() {
  const health = await call("GET", "health");
  document.getElementById("version").textContent = `${health.version} · seed ${health.seed}`;
  document.getElementById("token-form").hidden = true;
  say("");
  if (!started) {
    started = true;
    setupClock();
    setupScenarios();
    setupJournal(health.providers, () => schedule());
    await setupData(health.providers);
  }
  await refreshProviders();
  schedule();
}

function boot() {
  start().catch((error) => {
    if (!(error instanceof AdminError && error.status === 401)) say(error.message);
  });
}

onUnauthorized(askForToken);
document.getElementById("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  setToken(document.getElementById("token").value.trim());
  boot();
});
for (const button of ["clock-freeze", "clock-advance", "clock-system"]) {
  document.getElementById(button).addEventListener("click", () => schedule(50));
}
document.addEventListener("visibilitychange", () => schedule());
boot();
