// The live request journal: polled from GET /__admin/requests (only entries newer than the last one seen).

import { act, call } from "./api.js";
import { el, pretty, short } from "./dom.js";

const MAX_ROWS = 500;
// Entries carry their bodies: one poll takes this many at most (of a larger burst, the newest; the count says all).
const PER_POLL = 100;
const table = () => document.querySelector("#journal-table tbody");
const entries = new Map(); // seq -> entry, for the detail view
let lastSeq = 0;
let selected = null;

function filters() {
  const status = document.getElementById("filter-status").value.trim().toLowerCase();
  const path = document.getElementById("filter-path").value.trim();
  return {
    provider: document.getElementById("filter-provider").value,
    // An exact status goes to the server; a class such as 5xx is matched here.
    status: /^\d{3}$/.test(status) ? status : "",
    statusClass: /^\dxx$/.test(status) ? status[0] : "",
    path: path ? `*${path}*` : "",
  };
}

function shown(entry, wanted) {
  return !wanted.statusClass || String(entry.status).startsWith(wanted.statusClass);
}

function row(entry) {
  const status = entry.status ?? "";
  const time = (entry.time || "").replace(/^.*T/, "").replace(/(\+00:00|Z)$/, "");
  return el(
    "tr",
    { "data-seq": entry.seq, "data-id": entry.id, onclick: () => select(entry.seq) },
    el("td", { className: "mono", title: entry.time }, time),
    el("td", {}, entry.provider || "—"),
    el("td", {}, entry.tenant || ""),
    el("td", {}, entry.method),
    el("td", { className: "path", title: entry.path + (entry.query ? `?${entry.query}` : "") }, entry.path),
    el("td", { className: `status s${String(status)[0]}` }, status),
    el("td", { className: "mono" }, entry.duration_ms.toFixed(1)),
    el("td", { className: "rule" }, entry.rule || ""),
    el("td", { className: "fault" }, entry.fault || ""),
  );
}

function headerList(headers) {
  return el("dl", {}, Object.entries(headers || {}).map(([name, value]) => [el("dt", {}, name), el("dd", {}, value)]));
}

function body(value, encoding, truncated) {
  if (value === null || value === undefined) return el("p", { className: "muted" }, "no body");
  const note = truncated ? " (cut at --journal-body-bytes)" : encoding === "base64" ? " (base64)" : "";
  return [el("pre", {}, encoding === "json" ? pretty(value) : short(value)), note && el("p", { className: "muted" }, note)];
}

function select(seq) {
  selected = seq;
  const entry = entries.get(seq);
  for (const tr of table().children) tr.classList.toggle("selected", Number(tr.dataset.seq) === seq);
  const detail = document.getElementById("journal-detail");
  if (!entry) {
    detail.hidden = true;
    return;
  }
  const why = [
    ["id", entry.id],
    ["operation", entry.operation],
    ["credential", entry.credential],
    ["rule", entry.rule],
    ["fault", entry.fault],
    ["notes", (entry.notes || []).join("; ")],
  ].filter(([, value]) => value);
  const target = entry.path + (entry.query ? `?${entry.query}` : "");
  detail.replaceChildren(
    el(
      "div",
      { className: "request" },
      el("h3", {}, `${entry.method} ${target}`),
      el("dl", {}, why.map(([name, value]) => [el("dt", {}, name), el("dd", {}, value)])),
      headerList(entry.request_headers),
      body(entry.request_body, entry.request_body_encoding, entry.request_body_truncated),
    ),
    el(
      "div",
      { className: "response" },
      el("h3", {}, `${entry.status} · ${entry.duration_ms.toFixed(1)} ms · ${entry.response_bytes} bytes`),
      headerList(entry.response_headers),
      body(entry.response_body, entry.response_body_encoding, entry.response_body_truncated),
    ),
  );
  detail.hidden = false;
}

function restart() {
  entries.clear();
  table().replaceChildren();
  lastSeq = 0;
  select(null);
}

// One poll: the entries added since the last one, newest first. Returns how many new rows were shown.
export async function poll() {
  const wanted = filters();
  const query = { provider: wanted.provider, status: wanted.status, path: wanted.path, after: lastSeq };
  const answer = await call("GET", "requests", { query: { ...query, limit: PER_POLL } });
  if (answer.total < entries.size) {
    restart(); // the journal was emptied (or reset) meanwhile: start over
    return poll();
  }
  const fresh = answer.requests.filter((entry) => entry.seq > lastSeq);
  if (fresh.length) lastSeq = fresh[0].seq;
  const rows = [];
  for (const entry of fresh.filter((one) => shown(one, wanted))) {
    entries.set(entry.seq, entry);
    rows.push(row(entry));
  }
  table().prepend(...rows);
  while (table().children.length > MAX_ROWS) {
    const last = table().lastElementChild;
    entries.delete(Number(last.dataset.seq));
    last.remove();
  }
  document.getElementById("journal-count").textContent = `${answer.total} journalled`;
  return fresh.length;
}

export function live() {
  return document.getElementById("journal-live").checked;
}

export function setupJournal(providers, refresh) {
  const provider = document.getElementById("filter-provider");
  provider.append(...providers.map((p) => el("option", { value: p.name }, p.name)));
  const form = document.getElementById("journal-filters");
  form.addEventListener("input", () => {
    restart();
    refresh();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  document.getElementById("journal-clear").addEventListener("click", async () => {
    await act(() => call("DELETE", "requests"));
    restart();
    refresh();
  });
}
