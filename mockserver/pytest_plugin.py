"""The pytest plugin (entry point ``pytest11``): a server for the session and a clean one for every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from mockserver.client import AdminClient, AdminError


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("mockserver")
    group.addoption("--mockserver-seed", type=int, default=None, help="seed of the in-process server (default 42)")
    group.addoption("--mockserver-fixtures", default=None, help="fixtures directory of the in-process server")
    group.addoption("--mockserver-port", type=int, default=0, help="port of the in-process server (0: a free one)")
    group.addoption(
        "--mockserver-isolation",
        choices=ISOLATION,
        default=None,
        help="reset: the whole server reset before each test (default); tenant: each test gets a tenant of its "
        "own, for tests in parallel (pytest-xdist) against one server",
    )
    parser.addini("mockserver_isolation", "reset or tenant (see --mockserver-isolation)", default="reset")


ISOLATION = ("reset", "tenant")


def isolation(config: pytest.Config) -> str:
    chosen = config.getoption("--mockserver-isolation") or config.getini("mockserver_isolation")
    if chosen not in ISOLATION:
        raise pytest.UsageError(f"mockserver_isolation = {chosen}: choose one of {', '.join(ISOLATION)}")
    return str(chosen)


#: Per provider: (the credential's field, the header that carries it, its form). OnlineAfspraken signs its
#: query instead: no header.
HEADERS = {
    "ons": ("cn", "X-Client-Cert-CN", "{}"),
    "oncrawl": ("token", "Authorization", "Bearer {}"),
    "leanlaw": ("api_key", "Authorization", "Bearer {}"),
    "onix": ("key", "Authorization", "Key {}"),
}


class Clock:
    """The server's virtual clock, as a test moves it."""

    def __init__(self, admin: AdminClient) -> None:
        self._admin = admin

    def advance(self, seconds: float) -> dict[str, Any]:
        return self._admin.advance(seconds)

    def freeze(self) -> dict[str, Any]:
        return self._admin.freeze()

    def now(self) -> str:
        """The virtual time, ISO 8601."""
        return str(self._admin.clock()["now"])

    def timestamp(self) -> int:
        """The virtual time in whole seconds since the epoch (what a signed call's salt is made of)."""
        return int(self._admin.clock()["timestamp"])


class MockServer:
    """What a test gets as ``mockserver``: base URLs, credentials, scenarios, the clock and verification."""

    def __init__(
        self, base_url: str, admin: AdminClient, tenant: str | None = None, own: dict[str, Any] | None = None
    ) -> None:
        self.base_url = base_url
        self.admin = admin
        self.clock = Clock(admin)
        #: The test's own tenant (``--mockserver-isolation=tenant``), else None.
        self.tenant = tenant
        self._own: dict[str, list[dict[str, Any]]] = own or {}
        self._urls: dict[str, str] = {}

    def for_tenant(self, tenant: str, credentials: dict[str, Any]) -> MockServer:
        """The same server seen by one tenant: its credentials, scenarios limited to it, its requests only."""
        view = MockServer(self.base_url, self.admin, tenant, credentials)
        view._urls = self._urls
        return view

    def url(self, provider: str) -> str:
        """The base URL a client of ``provider`` points at, e.g. ``http://127.0.0.1:PORT/ons``."""
        if provider not in self._urls:
            self._urls[provider] = self.admin.base_url_of(provider)
        return self._urls[provider]

    def credentials(self, provider: str, tenant: str | None = None) -> dict[str, Any]:
        """The first credential of ``provider``: the test's own tenant's, else (of ``tenant`` when given) the
        fixtures' first."""
        return self._entries(provider, tenant)[0]

    def headers(self, provider: str, tenant: str | None = None) -> dict[str, str]:
        """The request headers that carry that credential (Ons: the certificate CN; none for OnlineAfspraken)."""
        if provider not in HEADERS:
            return {}
        field, header, form = HEADERS[provider]
        entry = next((e for e in self._entries(provider, tenant) if field in e), None)
        if entry is None:
            raise AdminError(404, f"{provider} has no credential with a {field} for this tenant")
        return {header: form.format(entry[field])}

    def _entries(self, provider: str, tenant: str | None) -> list[dict[str, Any]]:
        if self.tenant is not None and tenant in (None, self.tenant):
            own = self._own.get(provider)
            if not own:
                raise AdminError(404, f"{provider} has no tenant {self.tenant!r}")
            return own
        every: list[dict[str, Any]] = self.admin.credentials(provider)
        found = [entry for entry in every if tenant is None or entry.get("tenant") == tenant]
        if not found:
            raise AdminError(404, f"{provider} has no tenant {tenant!r}")
        if tenant is None:
            first = found[0].get("tenant")
            found = [entry for entry in found if entry.get("tenant") == first]
        return found

    @contextmanager
    def scenario(self, name: str, tenant: str | None = None) -> Iterator[dict[str, Any]]:
        """Apply a shipped scenario for the block (to the test's own tenant, when it has one); it is removed
        again when the block ends."""
        tenant = tenant or self.tenant
        applied = self.admin.apply_scenario(name, tenant=tenant)
        try:
            yield applied
        finally:
            self.admin.remove_scenario(name, tenant)

    def requests(self, **filters: Any) -> list[dict[str, Any]]:
        """Journalled requests (newest first, with bodies): provider=, path=, method=, body_json=, ...
        (only the test's own tenant's, when it has one)."""
        return self.admin.requests(**self._scoped(filters))

    def assert_called(self, times: int | None = None, **filters: Any) -> None:
        """Fail unless a request matching ``filters`` was made (exactly ``times`` times when given)."""
        count = self.admin.count(**self._scoped(filters))
        wanted = f"exactly {times}" if times is not None else "at least one"
        if (times is None and count == 0) or (times is not None and count != times):
            raise AssertionError(f"expected {wanted} request(s) matching {filters}, got {count}")

    def reset(self) -> None:
        self.admin.reset_all()

    def _scoped(self, filters: dict[str, Any]) -> dict[str, Any]:
        return {"tenant": self.tenant, **filters} if self.tenant is not None else filters


@pytest.fixture(scope="session")
def mockserver_session(request: pytest.FixtureRequest) -> Iterator[MockServer]:
    """The server all tests of this process share: ``MOCKSERVER_URL``, else one served in-process."""
    external = os.environ.get("MOCKSERVER_URL")
    token = os.environ.get("MOCKSERVER_ADMIN_TOKEN")
    with ExitStack() as stack:
        if external:
            base_url = external.rstrip("/")
        else:
            base_url = stack.enter_context(_in_process(request.config))
        admin = stack.enter_context(AdminClient(base_url, token=token))
        try:
            admin.health()
        except (httpx.HTTPError, AdminError, ValueError) as exc:
            pytest.exit(f"mockserver: MOCKSERVER_URL={external} does not answer /__admin/health ({exc})", returncode=4)
        yield MockServer(base_url, admin)


@contextmanager
def _in_process(config: pytest.Config) -> Iterator[str]:
    from mockserver.app import create_app
    from mockserver.settings import Settings
    from mockserver.threaded import serve_in_thread

    options: dict[str, Any] = {}
    seed = config.getoption("--mockserver-seed")
    if seed is not None:
        options["seed"] = seed
    fixtures = config.getoption("--mockserver-fixtures")
    if fixtures is not None:
        if not Path(fixtures).is_dir():
            pytest.exit(f"mockserver: --mockserver-fixtures {fixtures}: no such directory", returncode=4)
        options["fixtures"] = Path(fixtures)
    port = int(config.getoption("--mockserver-port"))
    try:
        app = create_app(Settings(port=port, **options))
        server_cm = serve_in_thread(app, port=port)
        server = server_cm.__enter__()
    except (RuntimeError, SystemExit, ValueError) as exc:
        reason = f"port {port} is in use or cannot be bound" if port else str(exc)
        pytest.exit(f"mockserver: the in-process server did not start: {reason}", returncode=4)
    try:
        yield server.url
    finally:
        server_cm.__exit__(None, None, None)


@pytest.fixture
def mockserver(mockserver_session: MockServer, request: pytest.FixtureRequest) -> Iterator[MockServer]:
    """The session's server, reset to its start before the test (stores, journal, scenarios, clock); with
    ``--mockserver-isolation=tenant``, a tenant of its own instead, removed when the test ends."""
    if isolation(request.config) == "reset":
        mockserver_session.reset()
        yield mockserver_session
        return
    made = mockserver_session.admin.make_tenant()
    try:
        yield mockserver_session.for_tenant(made["tenant"], made["credentials"])
    finally:
        mockserver_session.admin.remove_tenant(made["tenant"])
