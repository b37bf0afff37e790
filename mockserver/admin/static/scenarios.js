// Scenarios: the applied ones (state, counters) and the shipped ones, through /__admin/scenarios.

import { act, call } from "./api.js";
import { el, options } from "./dom.js";

let last = "";

function key(scenario) {
  return `${scenario.name}|${scenario.tenant || ""}`;
}

function tenantQuery(scenario) {
  return scenario.tenant ? { tenant: scenario.tenant } : {};
}

function card(scenario, refresh) {
  const name = encodeURIComponent(scenario.name);
  const states = el("select", { "aria-label": "State" }, scenario.states.map((s) => el("option", { value: s }, s)));
  states.value = scenario.state;
  states.addEventListener("change", () =>
    act(
      () => call("PUT", `scenarios/${name}/state`, { query: tenantQuery(scenario), json: { state: states.value } }),
      `${scenario.name}: state ${states.value}`,
    ).then(refresh),
  );
  const remove = () =>
    act(() => call("DELETE", `scenarios/${name}`, { query: tenantQuery(scenario) }), `${scenario.name} removed`).then(
      refresh,
    );
  const reset = () =>
    act(
      () => call("POST", "scenarios/reset", { query: { name: scenario.name, ...tenantQuery(scenario) } }),
      `${scenario.name} back to its start`,
    ).then(refresh);
  return el(
    "div",
    { className: "scenario", "data-name": scenario.name },
    el(
      "header",
      {},
      el("span", { className: "name" }, scenario.name),
      scenario.tenant && el("span", { className: "pill" }, `tenant ${scenario.tenant}`),
      el("span", { className: "muted elapsed", "data-key": key(scenario) }, `${scenario.elapsed_seconds} s`),
      states,
      el("button", { type: "button", onclick: reset }, "Reset"),
      el("button", { type: "button", onclick: remove }, "Remove"),
    ),
    scenario.description && el("p", {}, scenario.description),
    el(
      "table",
      {},
      el("tr", {}, el("th", {}, "rule"), el("th", {}, "matched"), el("th", {}, "fired")),
      scenario.rules.map((rule) =>
        el("tr", {}, el("td", {}, rule.name), el("td", {}, rule.matches), el("td", {}, rule.fired)),
      ),
    ),
  );
}

export async function refreshScenarios() {
  const answer = await call("GET", "scenarios");
  // Only the time since a scenario was applied moves on its own: that is updated in place, so an open select stays.
  const text = JSON.stringify(answer, (name, value) => (name === "elapsed_seconds" ? undefined : value));
  if (text === last) {
    const elapsed = new Map(answer.scenarios.map((s) => [key(s), s.elapsed_seconds]));
    for (const span of document.querySelectorAll("#scenario-list .elapsed")) {
      span.textContent = `${elapsed.get(span.dataset.key)} s`;
    }
    return;
  }
  last = text;
  options(
    document.getElementById("scenario-name"),
    answer.available.map((name) => [name]),
  );
  const list = document.getElementById("scenario-list");
  const cards = answer.scenarios.map((scenario) => card(scenario, refreshScenarios));
  list.replaceChildren(...(cards.length ? cards : [el("p", { className: "muted" }, "No scenario is applied.")]));
}

export function setupScenarios() {
  document.getElementById("scenario-apply").addEventListener("submit", async (event) => {
    event.preventDefault();
    const name = document.getElementById("scenario-name").value;
    const tenant = document.getElementById("scenario-tenant").value.trim();
    await act(() => call("POST", "scenarios", { query: { name, tenant } }), `${name} applied`);
    await refreshScenarios();
  });
  const file = document.getElementById("scenario-file");
  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    const text = await chosen.text();
    const tenant = document.getElementById("scenario-tenant").value.trim();
    const type = /\.json$/i.test(chosen.name) ? "application/json" : "application/yaml";
    const applied = await act(() => call("POST", "scenarios", { query: { tenant }, body: text, type }));
    if (applied) await act(async () => applied, `${applied.applied.name} applied from ${chosen.name}`);
    file.value = "";
    await refreshScenarios();
  });
  document.getElementById("scenario-reset").addEventListener("click", async () => {
    await act(() => call("POST", "scenarios/reset"), "every scenario back to its start");
    await refreshScenarios();
  });
}
