// Per provider: its base URL here, its demo credentials per tenant and a curl line to copy (GET /__admin/providers).

import { call, say } from "./api.js";
import { el, short } from "./dom.js";

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    say("curl line copied", true);
  } catch {
    say("select the line and copy it (the browser refused the clipboard)");
  }
}

function credentialLine(credential) {
  const { tenant, ...rest } = credential;
  return el(
    "li",
    {},
    el("b", {}, tenant),
    Object.entries(rest).map(([name, value]) => [" ", el("span", { className: "muted" }, name), " ", short(value)]),
  );
}

function card(provider) {
  return el(
    "div",
    { className: "provider", "data-name": provider.name },
    el("h3", {}, provider.title, " ", el("span", { className: "muted" }, `(${provider.name})`)),
    el("div", { className: "url" }, provider.base_url),
    el(
      "div",
      { className: "curl" },
      el("pre", { className: "curl-line" }, provider.curl),
      el("button", { type: "button", onclick: () => copy(provider.curl) }, "Copy"),
    ),
    el(
      "details",
      {},
      el("summary", {}, `credentials (${provider.credentials.length})`),
      el("ul", { className: "creds" }, provider.credentials.map(credentialLine)),
    ),
  );
}

export async function refreshProviders() {
  const answer = await call("GET", "providers");
  document.getElementById("provider-list").replaceChildren(...answer.providers.map(card));
  return answer.providers;
}
