"""Where a provider meets the app: the Provider and Store protocols, and the typed handle each provider gets."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Generic, Protocol, TypeVar, runtime_checkable

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response
from starlette.types import Scope

from mockserver.core.clock import Clock
from mockserver.core.context import context_of
from mockserver.core.errors import MockError
from mockserver.core.journal import SECRET_HEADERS, SECRET_QUERY_KEYS, Journal
from mockserver.core.state import MockState, StoreContext

C = TypeVar("C")
S = TypeVar("S")
T = TypeVar("T")
A = TypeVar("A", bound="Caller")

#: Pure ASGI middleware a provider asks for: (class, keyword arguments), outermost first.
MiddlewareSpec = tuple[type, dict[str, Any]]


@runtime_checkable
class Store(Protocol):
    """What the admin state view, reset and scenarios need from a tenant's store.

    The locking rule: a store owns one re-entrant ``lock``; each public method that reads or writes
    takes it, and a handler that makes several calls that must be atomic holds it around them.
    """

    lock: threading.RLock

    def collections(self) -> list[str]:
        """Names of the collections ``dump`` knows."""
        ...

    def dump(self, collection: str) -> list[dict[str, Any]] | None:
        """What one collection holds, as JSON-ready records (None: no such collection)."""
        ...


class Caller(Protocol):
    """Whoever a request authenticated as: the tenant it reaches and the credential it presented."""

    @property
    def tenant(self) -> str: ...

    @property
    def credential(self) -> str: ...


class Provider(Protocol):
    """One emulated API as core sees it (``providers/base.Provider`` is the base class that fills it in)."""

    name: ClassVar[str]
    title: ClassVar[str]
    real_base_url: ClassVar[str]
    errors: ClassVar[Mapping[str, type[MockError]]]
    operation_param: ClassVar[str | None]
    secret_headers: ClassVar[frozenset[str]]
    secret_params: ClassVar[frozenset[str]]

    @property
    def prefix(self) -> str: ...

    @property
    def base_path(self) -> str:
        """Where a client's base URL points (the prefix, plus the vendor's own path where it has one)."""
        ...

    def build_router(self, app: ProviderHandle[Any, Any]) -> APIRouter: ...

    def load_config(self, raw: Any, source: str, options: Mapping[str, Any]) -> Any: ...

    def make_store(self, ctx: StoreContext) -> Any: ...

    def dump_store(self, store: Any) -> dict[str, Any]:
        """One tenant's store as plain JSON data (snapshots and --state-file)."""
        ...

    def load_store(self, ctx: StoreContext, data: Any) -> Any:
        """A store built from ``ctx`` holding ``dump_store``'s data; PersistError naming the field it refuses."""
        ...

    def add_tenant(self, config: Any, name: str) -> Any:
        """``config`` with a tenant made at run time (credentials made from ``name``); None: not supported."""
        ...

    def render_error(self, app: ProviderHandle[Any, Any], request: Request, exc: MockError) -> Response: ...

    def error_for_status(self, status: int, message: str) -> MockError: ...

    def credentials(self, config: Any) -> list[dict[str, Any]]: ...

    def curl_example(self, config: Any, base_url: str) -> str: ...

    def curl_now(self, config: Any, base_url: str, now: float) -> str: ...

    def middleware(self, app: ProviderHandle[Any, Any]) -> list[MiddlewareSpec]: ...

    def openapi(self, config: Any) -> dict[str, Any] | None:
        """The API's OpenAPI document (paths below the prefix) as ``config``'s switches make it; None: none."""
        ...

    def caller_of(
        self, app: ProviderHandle[Any, Any], scope: Scope, params: Mapping[str, str]
    ) -> tuple[str, str] | None: ...

    def operations(self, router: APIRouter) -> list[str]: ...


#: Headers and query/form parameters the journal and the access log redact for every provider (generic HTTP
#: credentials); one list, kept with the journal.
COMMON_SECRET_HEADERS = SECRET_HEADERS
COMMON_SECRET_PARAMS = SECRET_QUERY_KEYS


class Shared(Generic[T]):
    """One provider-wide object (a limiter, a token table), built on first use; ``forget`` drops it."""

    def __init__(self, factory: Callable[[], T], *, survives_reset: bool = False) -> None:
        self._factory = factory
        self.survives_reset = survives_reset
        self._value: T | None = None
        self._lock = threading.Lock()

    def get(self) -> T:
        value = self._value
        if value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._factory()
                value = self._value
        return value

    def forget(self) -> None:
        with self._lock:
            self._value = None


class ProviderHandle(Generic[C, S]):
    """One provider's part of the app: name, prefix, port, clock, config, stores and provider-wide state.

    ``create_app`` builds one per provider and hands it to the provider's router, renderer, ``caller_of``
    and middleware; nothing else of the app is reachable from a provider.
    """

    def __init__(
        self,
        provider: Provider,
        state: MockState,
        *,
        port: int | None = None,
        max_body_bytes: int = 10 * 1024 * 1024,
    ) -> None:
        self.provider = provider
        self.name = provider.name
        self.prefix = provider.prefix
        self.port = port
        self.max_body_bytes = max_body_bytes
        self.clock: Clock = state.clock
        self.secret_headers = COMMON_SECRET_HEADERS | {h.lower() for h in provider.secret_headers}
        self.secret_params = COMMON_SECRET_PARAMS | {p.lower() for p in provider.secret_params}
        self._state = state
        self._shared: dict[str, Shared[Any]] = {}
        state.on_reset(self._on_reset)

    # -- config and stores -------------------------------------------------------------

    @property
    def config(self) -> C:
        """The provider's config in force (scenario fixture overrides included)."""
        config: C = self._state.configs[self.name]
        return config

    def config_for(self, tenant: str) -> C:
        """The config one tenant's store is built from (a tenant's fixture override, else the provider's)."""
        config: C = self._state.config_for(self.name, tenant)
        return config

    def store(self, tenant: str) -> S:
        """One tenant's store, built from the seed on first use (and again after a reset)."""
        store: S = self._state.store(self.name, tenant)
        return store

    async def ready(self, tenant: str) -> S:
        """``store(tenant)`` for a request: a store not built yet is built in a worker thread, so building a large
        one (fixture sizes up to --max-records) never holds up the other requests."""
        store: S | None = self._state.built_store(self.name, tenant)
        if store is None:
            store = await run_in_threadpool(self.store, tenant)
        return store

    def tenants(self) -> list[str]:
        """Tenants whose store has been built."""
        return self._state.tenants(self.name)

    # -- the request idiom -------------------------------------------------------------

    def admit(self, scope: Scope, authenticate: Callable[[C], A]) -> A:
        """Step one and two of every request: authenticate with the provider's function (given the config in
        force; it raises the vendor's error when it refuses), then bind tenant and credential on the request's
        context, so the journal and scenarios name the caller even when a later check refuses the request.

        Step three is ``store(caller.tenant)``, after the provider's own checks (rights, signature, Accept),
        so a refused request never builds a store.
        """
        caller = authenticate(self.config)
        self.bind(scope, caller.tenant, caller.credential)
        return caller

    @staticmethod
    def bind(scope: Scope, tenant: str | None, credential: str | None) -> None:
        """Record who is calling on the request's context, before anything else can refuse the request."""
        ctx = context_of(scope)
        if ctx is not None:
            ctx.tenant = tenant
            ctx.credential = credential

    # -- provider-wide state -----------------------------------------------------------

    def shared(self, key: str, factory: Callable[[], T], *, survives_reset: bool = False) -> Shared[T]:
        """The provider-wide object named ``key`` (a limiter, a token table): the same holder on every call,
        its value built by ``factory`` on first use and dropped by every reset that touches this provider.

        ``survives_reset`` keeps it (an in-flight counter must count requests still being answered).
        """
        holder = self._shared.get(key)
        if holder is None:
            holder = self._shared[key] = Shared(factory, survives_reset=survives_reset)
        return holder

    def _on_reset(self, provider: str | None, tenant: str | None) -> None:
        if provider is None or provider == self.name:
            for holder in self._shared.values():
                if not holder.survives_reset:
                    holder.forget()

    # -- the request's place -----------------------------------------------------------

    def on_own_port(self, scope: Scope) -> bool:
        """Whether the request arrived on this provider's own port (paths there carry no prefix)."""
        server = scope.get("server")
        return self.port is not None and server is not None and server[1] == self.port

    def public_path(self, scope: Scope, path: str) -> str:
        """``path`` (relative to the prefix) as this client addresses the server: prefixed on the shared port."""
        return path if self.on_own_port(scope) else self.prefix + path

    # -- the provider's hooks, bound to this handle ------------------------------------

    def render_error(self, request: Request, exc: MockError) -> Response:
        return self.provider.render_error(self, request, exc)

    def openapi(self) -> dict[str, Any] | None:
        """The provider's OpenAPI document for the config in force."""
        return self.provider.openapi(self.config)

    def error_response(self, request: Request, status: int, message: str) -> Response:
        return self.provider.render_error(self, request, self.provider.error_for_status(status, message))

    def caller_of(self, scope: Scope, params: Mapping[str, str]) -> tuple[str, str] | None:
        return self.provider.caller_of(self, scope, params)

    def credentials(self) -> list[dict[str, Any]]:
        return self.provider.credentials(self.config)

    def curl_now(self, base_url: str) -> str:
        """A curl line that works as it is now, on the server at ``base_url``."""
        return self.provider.curl_now(self.config, base_url, self.clock.timestamp())

    def dump(self, tenant: str, collection: str) -> list[dict[str, Any]] | None:
        store = self.store(tenant)
        return store.dump(collection) if isinstance(store, Store) else None

    def collections(self, tenant: str) -> list[str]:
        store = self.store(tenant)
        return list(store.collections()) if isinstance(store, Store) else []


def detached(provider: Provider) -> ProviderHandle[Any, Any]:
    """A handle on no server (no config, fresh clock): enough to build a router and read its routes."""
    state = MockState(seed=0, clock=Clock(), journal=Journal(1), factories={}, configs={})
    return ProviderHandle(provider, state)
