// Calls to the admin API: the admin token (kept in sessionStorage) as a Bearer header, errors as messages.

const TOKEN_KEY = "mockserver-admin-token";
// The admin API sits beside the page: /__admin/ui -> /__admin/.
export const ADMIN = location.pathname.replace(/\/ui\/?$/, "/");

export class AdminError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const listeners = { unauthorized: [] };

export function onUnauthorized(callback) {
  listeners.unauthorized.push(callback);
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

// call("GET", "requests", {query: {limit: 5}}); call("POST", "clock", {json: {...}}); {body, type} for text.
export async function call(method, path, options = {}) {
  const url = new URL(path, location.origin + ADMIN);
  for (const [name, value] of Object.entries(options.query || {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(name, value);
  }
  const headers = {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["Content-Type"] = "application/json";
  } else if (options.type) {
    headers["Content-Type"] = options.type;
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { error: text };
  }
  if (response.status === 401) listeners.unauthorized.forEach((callback) => callback());
  if (!response.ok) throw new AdminError(response.status, (data && data.error) || response.statusText);
  return data;
}

// Shows an outcome in the message line (an error until told otherwise); nothing hides it but the next one.
export function say(text, ok = false) {
  const line = document.getElementById("message");
  line.textContent = text;
  line.classList.toggle("ok", ok);
  line.hidden = !text;
}

// Runs an action from a button: its error (the admin API's own message) goes to the message line.
export async function act(action, done) {
  try {
    const result = await action();
    say(done || "", true);
    return result;
  } catch (error) {
    say(error.message);
    return undefined;
  }
}
