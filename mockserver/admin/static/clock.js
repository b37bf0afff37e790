// The virtual clock: shown from GET /__admin/clock, moved with POST /__admin/clock.

import { act, call } from "./api.js";

function show(clock) {
  document.getElementById("clock-now").textContent = clock.now.replace("T", " ").replace(/\.\d+/, "");
  const mode = document.getElementById("clock-mode");
  const offset = Math.round(clock.offset_seconds);
  mode.textContent = clock.mode === "offset" ? `offset ${offset > 0 ? "+" : ""}${offset} s` : clock.mode;
  mode.dataset.mode = clock.mode;
}

export async function refreshClock() {
  show(await call("GET", "clock"));
}

async function change(body) {
  const clock = await act(() => call("POST", "clock", { json: body }));
  if (clock) show(clock);
}

export function setupClock() {
  document.getElementById("clock-freeze").addEventListener("click", () => change({ action: "freeze" }));
  document.getElementById("clock-system").addEventListener("click", () => change({ action: "system" }));
  document.getElementById("clock-advance").addEventListener("click", () => {
    const step = Number(document.getElementById("clock-step").value);
    const unit = Number(document.getElementById("clock-unit").value);
    change({ action: "advance", seconds: step * unit });
  });
}
