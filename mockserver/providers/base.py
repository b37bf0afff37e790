"""The base class of every provider package: fills in core's Provider protocol, leaving the vendor's parts."""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from mockserver.core.errors import MockError

# A provider package imports its routes, store and web framework inside the hooks that need them, so that
# `mockserver credentials` and `sign` (which read a provider's config only) do not load them.
if TYPE_CHECKING:
    from fastapi import APIRouter, Request
    from starlette.responses import Response
    from starlette.types import Scope

    from mockserver.core.provider import MiddlewareSpec, ProviderHandle
    from mockserver.core.state import StoreContext

S = TypeVar("S")


def appended(items: Sequence[S], item: S) -> Any:
    """``items`` with ``item`` at the end, as the same kind of sequence (a config's tuple stays a tuple)."""
    return (*items, item) if isinstance(items, tuple) else [*items, item]


class Provider(ABC):
    """One emulated API: its routes, its store, its error envelope, its demo credentials."""

    name: ClassVar[str]
    title: ClassVar[str]
    real_base_url: ClassVar[str]
    #: Vendor error classes scenarios may name (``respond: {error: Name}``).
    errors: ClassVar[Mapping[str, type[MockError]]] = {}
    #: Request parameter (query or form) naming the operation, for APIs with one endpoint for all
    #: (OnlineAfspraken's ``method``); None: the operation is the matched endpoint's name.
    operation_param: ClassVar[str | None] = None
    #: Request headers and query parameters holding a credential or signature: the journal redacts them
    #: (besides the common ones: Authorization, Cookie, X-Api-Key, access_token, token, key).
    secret_headers: ClassVar[frozenset[str]] = frozenset()
    secret_params: ClassVar[frozenset[str]] = frozenset()

    @property
    def prefix(self) -> str:
        return f"/{self.name}"

    @property
    def base_path(self) -> str:
        """Where a client's base URL points: the prefix, plus the vendor's own path where it has one."""
        return self.prefix

    @abstractmethod
    def build_router(self, app: ProviderHandle[Any, Any]) -> APIRouter:
        """The provider's routes, relative to its prefix; endpoints reach the app only through ``app``."""

    @abstractmethod
    def load_config(self, raw: Any, source: str, options: Mapping[str, Any]) -> Any:
        """Validate the provider's fixtures file and switches (raise ConfigError naming the field)."""

    @abstractmethod
    def make_store(self, ctx: StoreContext) -> Any:
        """Build one tenant's store, seeded deterministically from ``ctx``."""

    @abstractmethod
    def render_error(self, app: ProviderHandle[Any, Any], request: Request, exc: MockError) -> Response:
        """The one place that knows this vendor's error envelope."""

    @abstractmethod
    def error_for_status(self, status: int, message: str) -> MockError:
        """The vendor error for a framework-level failure (404 route, 405, 413, 400 ...)."""

    @abstractmethod
    def credentials(self, config: Any) -> list[dict[str, Any]]:
        """Demo credentials, one mapping per tenant (always with a ``tenant`` key)."""

    @abstractmethod
    def curl_example(self, config: Any, base_url: str) -> str:
        """One ready-to-paste curl line that returns a record."""

    def curl_now(self, config: Any, base_url: str, now: float) -> str:
        """A curl line that works as it is at the virtual time ``now`` (the dashboard shows it).

        By default ``curl_example``; a provider whose line needs a command to run first (a fresh signature)
        gives one ready for ``now`` here.
        """
        return self.curl_example(config, base_url)

    def middleware(self, app: ProviderHandle[Any, Any]) -> list[MiddlewareSpec]:
        """Pure ASGI middleware this provider needs (e.g. an in-flight limit), outermost first.

        Core mounts each one in front of this provider's prefix (and port) only.
        """
        return []

    def openapi(self, config: Any) -> dict[str, Any] | None:
        """This API's OpenAPI document, paths as the vendor's (below the prefix); None: not described.

        By default ``openapi.yaml`` or ``openapi.json`` beside the provider's package. Override it
        when switches change what the API accepts or answers (``config`` holds them).
        """
        from mockserver.core.openapi import read_beside

        return read_beside(Path(inspect.getfile(type(self))).parent)

    def caller_of(
        self, app: ProviderHandle[Any, Any], scope: Scope, params: Mapping[str, str]
    ) -> tuple[str, str] | None:
        """(tenant, credential) of a request before auth runs, for scenario rules on a tenant or a credential.

        ``params`` are the query and form parameters. None: unknown (the scenario engine then looks for
        one of ``credentials()``' values in the headers and parameters).
        """
        return None

    def dump_store(self, store: Any) -> dict[str, Any]:
        """One tenant's store as plain JSON data, for --state-file and /__admin/snapshot (``store.dump_state()``)."""
        data: dict[str, Any] = store.dump_state()
        return data

    def load_store(self, ctx: StoreContext, data: Any) -> Any:
        """A store holding ``dump_store``'s data: built from ``ctx`` as ``make_store`` does, then the saved
        fields laid over it (``store.load_state``, which raises PersistError naming a field it refuses)."""
        store = self.make_store(ctx)
        store.load_state(data)
        return store

    def add_tenant(self, config: Any, name: str) -> Any:
        """``config`` with one more tenant, ``name``, for a tenant made at run time (``POST /__admin/tenants``):
        the first tenant's settings with credentials of its own, made from ``name`` (so the same name always
        gets the same ones). None: this provider cannot add tenants."""
        return None

    def generated_records(self, config: Any) -> int:
        """How many records ``make_store`` generates for one tenant with ``config`` (its fixture sizes); the app
        refuses a config past --max-records. 0: this provider generates no sizeable data."""
        return 0

    def operations(self, router: APIRouter) -> list[str]:
        """Operation names (endpoint names) scenarios may match on."""
        return sorted({getattr(route, "name", "") for route in router.routes if getattr(route, "name", "")})
