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

    def __init__(self, base_url: str, admin: AdminClient) -> None:
        self.base_url = base_url
        self.admin = admin
        self.clock = Clock(admin)
        self._urls: dict[str, str] = {}

    def url(self, provider: str) -> str:
        """The base URL a client of ``provider`` points at, e.g. ``http://127.0.0.1:PORT/ons``."""
        if provider not in self._urls:
            self._urls[provider] = self.admin.base_url_of(provider)
        return self._urls[provider]

    def credentials(self, provider: str, tenant: str | None = None) -> dict[str, Any]:
        """The first credential of ``provider`` (of ``tenant`` when given) from the server's fixtures."""
        every: list[dict[str, Any]] = self.admin.credentials(provider)
        for entry in every:
            if tenant is None or entry.get("tenant") == tenant:
                return entry
        raise AdminError(404, f"{provider} has no tenant {tenant!r}")

    @contextmanager
    def scenario(self, name: str, tenant: str | None = None) -> Iterator[dict[str, Any]]:
        """Apply a shipped scenario for the block; it is removed again when the block ends."""
        applied = self.admin.apply_scenario(name, tenant=tenant)
        try:
            yield applied
        finally:
            self.admin.remove_scenario(name, tenant)

    def requests(self, **filters: Any) -> list[dict[str, Any]]:
        """Journalled requests (newest first, with bodies): provider=, path=, method=, body_json=, ..."""
        return self.admin.requests(**filters)

    def assert_called(self, times: int | None = None, **filters: Any) -> None:
        """Fail unless a request matching ``filters`` was made (exactly ``times`` times when given)."""
        count = self.admin.count(**filters)
        wanted = f"exactly {times}" if times is not None else "at least one"
        if (times is None and count == 0) or (times is not None and count != times):
            raise AssertionError(f"expected {wanted} request(s) matching {filters}, got {count}")

    def reset(self) -> None:
        self.admin.reset_all()


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
def mockserver(mockserver_session: MockServer) -> Iterator[MockServer]:
    """The session's server, reset to its start before the test (stores, journal, scenarios, clock)."""
    mockserver_session.reset()
    yield mockserver_session
