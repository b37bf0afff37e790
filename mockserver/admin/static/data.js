// The data panel: per provider and tenant, a collection's records a page at a time (GET /__admin/state/...).

import { act, call } from "./api.js";
import { el, options, short } from "./dom.js";

const PAGE = 20;
const COLUMNS = 7;
let offset = 0;
let total = 0;

const $ = (id) => document.getElementById(id);

function columns(records) {
  const names = [];
  for (const record of records) {
    for (const name of Object.keys(record)) if (!names.includes(name)) names.push(name);
  }
  return names.slice(0, COLUMNS);
}

function render(records) {
  const names = columns(records);
  const table = $("data-table");
  table.tHead.replaceChildren(el("tr", {}, names.map((name) => el("th", {}, name))));
  table.tBodies[0].replaceChildren(
    ...records.map((record) =>
      el(
        "tr",
        { title: JSON.stringify(record, null, 2) },
        names.map((name) => el("td", { className: "mono" }, short(record[name]))),
      ),
    ),
  );
  const last = Math.min(offset + records.length, total);
  $("data-page").textContent = total ? `${offset + 1}–${last} of ${total}` : "empty";
  $("data-prev").disabled = offset === 0;
  $("data-next").disabled = last >= total;
}

export async function refreshRecords() {
  const provider = $("data-provider").value;
  const collection = $("data-collection").value;
  if (!provider || !collection) return;
  const query = { tenant: $("data-tenant").value, offset, limit: PAGE };
  const path = `state/${encodeURIComponent(provider)}/${encodeURIComponent(collection)}`;
  const answer = await call("GET", path, { query });
  total = answer.total;
  if (offset > 0 && offset >= total) {
    offset = Math.max(0, Math.floor((total - 1) / PAGE) * PAGE);
    return refreshRecords();
  }
  render(answer.records);
}

async function loadCollections() {
  const provider = $("data-provider").value;
  const answer = await call("GET", `state/${encodeURIComponent(provider)}`, { query: { tenant: $("data-tenant").value } });
  options($("data-tenant"), answer.tenants.map((t) => [t]), answer.tenant);
  options($("data-collection"), answer.collections.map((c) => [c]));
  offset = 0;
  await refreshRecords();
}

export function setupData(providers) {
  options($("data-provider"), providers.map((p) => [p.name, p.title]));
  $("data-provider").addEventListener("change", () => {
    $("data-tenant").replaceChildren();
    act(loadCollections);
  });
  $("data-tenant").addEventListener("change", () => act(loadCollections));
  $("data-collection").addEventListener("change", () => {
    offset = 0;
    act(refreshRecords);
  });
  $("data-prev").addEventListener("click", () => {
    offset = Math.max(0, offset - PAGE);
    act(refreshRecords);
  });
  $("data-next").addEventListener("click", () => {
    offset += PAGE;
    act(refreshRecords);
  });
  $("data-reset-tenant").addEventListener("click", async () => {
    const provider = $("data-provider").value;
    const tenant = $("data-tenant").value;
    await act(() => call("POST", "reset", { query: { provider, tenant } }), `${provider} tenant ${tenant} reset`);
    await act(refreshRecords);
  });
  $("data-reset-all").addEventListener("click", async () => {
    await act(() => call("POST", "reset"), "every store rebuilt from the seed, the journal emptied");
    await act(refreshRecords);
  });
  return act(loadCollections);
}
