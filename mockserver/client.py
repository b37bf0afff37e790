"""AdminClient: the /__admin API over httpx, typed, for tests and scripts."""

from __future__ import annotations

import json
from datetime import datetime
from types import TracebackType
from typing import Any, TypedDict

import httpx


class AdminError(Exception):
    """The admin API refused a call: ``status`` and ``message`` are what it answered."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(f"{status}: {message}")


class RequestFilter(TypedDict, total=False):
    """A journal filter, as ``GET /__admin/requests`` and ``POST /__admin/requests/count`` take it."""

    provider: str
    method: str
    path: str
    status: int
    tenant: str
    operation: str
    body_contains: str
    body_json: Any
    body_xpath: str


class AdminClient:
    """One server's admin API. ``base_url`` is the server's root (``http://127.0.0.1:8080``)."""

    def __init__(self, base_url: str, *, token: str | None = None, timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._http = httpx.Client(base_url=self.base_url + "/__admin", headers=headers, timeout=timeout)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> AdminClient:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self._http.request(method, path, **kwargs)
        if response.status_code >= 400:
            try:
                message = str(response.json().get("error", response.text))
            except ValueError:
                message = response.text
            raise AdminError(response.status_code, message)
        return response.json()

    # -- server ------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        result: dict[str, Any] = self._call("GET", "/health")
        return result

    def base_url_of(self, provider: str) -> str:
        """Where a client of ``provider`` points: its own port when it has one, else the shared one."""
        for entry in self.health()["providers"]:
            if entry["name"] == provider:
                if entry["port"] is not None:
                    host = httpx.URL(self.base_url).host
                    return f"http://{host}:{entry['port']}{entry['base_path'][len(entry['prefix']) :]}"
                return self.base_url + str(entry["base_path"])
        raise AdminError(404, f"unknown provider {provider!r}")

    def reset_all(self) -> dict[str, Any]:
        """Stores, journal, scenarios and clock back to the server's start."""
        result: dict[str, Any] = self._call("POST", "/reset/all")
        return result

    def reset(self, provider: str | None = None, tenant: str | None = None) -> dict[str, Any]:
        """Rebuild stores from the seed: all, one provider's or one tenant's."""
        params = {k: v for k, v in (("provider", provider), ("tenant", tenant)) if v is not None}
        result: dict[str, Any] = self._call("POST", "/reset", params=params)
        return result

    # -- clock -------------------------------------------------------------------------

    def clock(self) -> dict[str, Any]:
        result: dict[str, Any] = self._call("GET", "/clock")
        return result

    def _clock(self, action: str, **fields: Any) -> dict[str, Any]:
        result: dict[str, Any] = self._call("POST", "/clock", json={"action": action, **fields})
        return result

    def advance(self, seconds: float) -> dict[str, Any]:
        return self._clock("advance", seconds=seconds)

    def freeze(self, at: datetime | None = None) -> dict[str, Any]:
        return self._clock("freeze", **({"at": at.isoformat()} if at else {}))

    def set_time(self, at: datetime) -> dict[str, Any]:
        return self._clock("set", at=at.isoformat())

    def system_time(self) -> dict[str, Any]:
        return self._clock("system")

    # -- scenarios ---------------------------------------------------------------------

    def scenarios(self) -> dict[str, Any]:
        result: dict[str, Any] = self._call("GET", "/scenarios")
        return result

    def apply_scenario(self, name: str | None = None, *, text: str | None = None, tenant: str | None = None) -> Any:
        """Apply a shipped scenario by name, or one given as YAML or JSON ``text``."""
        params = {k: v for k, v in (("name", name if text is None else None), ("tenant", tenant)) if v is not None}
        return self._call("POST", "/scenarios", params=params, content=(text or "").encode())["applied"]

    def remove_scenario(self, name: str, tenant: str | None = None) -> None:
        self._call("DELETE", f"/scenarios/{name}", params={"tenant": tenant} if tenant else {})

    def remove_scenarios(self) -> int:
        return int(self._call("DELETE", "/scenarios")["removed"])

    # -- journal -----------------------------------------------------------------------

    def requests(self, *, limit: int = 100, **filters: Any) -> list[dict[str, Any]]:
        """Journal entries matching ``filters`` (see RequestFilter), newest first, with request bodies."""
        params = {k: v for k, v in filters.items() if v is not None}
        if "body_json" in params:
            params["body_json"] = json.dumps(params["body_json"])
        result: list[dict[str, Any]] = self._call("GET", "/requests", params={**params, "limit": limit})["requests"]
        return result

    def count(self, **filters: Any) -> int:
        """How many journalled requests match ``filters`` (see RequestFilter)."""
        body = {k: v for k, v in filters.items() if v is not None}
        return int(self._call("POST", "/requests/count", json=body)["count"])

    def clear_requests(self) -> int:
        return int(self._call("DELETE", "/requests")["cleared"])

    # -- state and credentials ---------------------------------------------------------

    def state(self, provider: str, collection: str, tenant: str | None = None) -> list[dict[str, Any]]:
        params = {"tenant": tenant} if tenant else {}
        result: list[dict[str, Any]] = self._call("GET", f"/state/{provider}/{collection}", params=params)["records"]
        return result

    # -- tenants made at run time and snapshots ---------------------------------------------

    def make_tenant(self, name: str | None = None) -> dict[str, Any]:
        """A tenant of every provider, for one test: ``{"tenant": name, "credentials": {provider: [...]}}``."""
        result: dict[str, Any] = self._call("POST", "/tenants", json={"name": name} if name else None)
        return result

    def remove_tenant(self, name: str) -> dict[str, Any]:
        result: dict[str, Any] = self._call("DELETE", f"/tenants/{name}")
        return result

    def tenants(self) -> list[str]:
        return list(self._call("GET", "/tenants")["tenants"])

    def snapshot(self) -> dict[str, Any]:
        """The state document (stores, tenants made at run time, scenarios, clock)."""
        result: dict[str, Any] = self._call("GET", "/snapshot")
        return result

    def load_snapshot(self, document: dict[str, Any]) -> dict[str, Any]:
        """Replace the server's state with ``document`` (AdminError 400 naming the field, nothing changed)."""
        result: dict[str, Any] = self._call("PUT", "/snapshot", json=document)
        return result

    def save_snapshot(self) -> dict[str, Any]:
        """Write the --state-file now (AdminError 409 when the server has none)."""
        result: dict[str, Any] = self._call("POST", "/snapshot")
        return result

    def credentials(self, provider: str | None = None) -> Any:
        """Every provider's credentials per tenant, or one provider's list."""
        every: dict[str, list[dict[str, Any]]] = self._call("GET", "/credentials")
        if provider is None:
            return every
        if provider not in every:
            raise AdminError(404, f"unknown provider {provider!r}; valid providers: {', '.join(every)}")
        return every[provider]
