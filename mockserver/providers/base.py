"""What every provider package supplies, so the app can wire the five alike."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar

from fastapi import APIRouter, Request
from starlette.responses import Response

from mockserver.core.errors import MockError
from mockserver.core.state import MockState, StoreContext


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

    @property
    def prefix(self) -> str:
        return f"/{self.name}"

    @abstractmethod
    def build_router(self) -> APIRouter:
        """The provider's routes, relative to its prefix."""

    @abstractmethod
    def load_config(self, raw: Any, source: str, options: Mapping[str, Any]) -> Any:
        """Validate the provider's fixtures file and switches (raise ConfigError naming the field)."""

    @abstractmethod
    def make_store(self, ctx: StoreContext) -> Any:
        """Build one tenant's store, seeded deterministically from ``ctx``."""

    @abstractmethod
    def render_error(self, request: Request, exc: MockError) -> Response:
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

    def middleware(self, state: MockState) -> list[tuple[type, dict[str, Any]]]:
        """Pure ASGI middleware this provider needs (e.g. an in-flight limit), outermost first.

        Each one sees every request and must pass through paths outside ``self.prefix``.
        """
        return []

    def caller_of(self, scope: Mapping[str, Any], params: Mapping[str, str]) -> tuple[str, str] | None:
        """(tenant, credential) of a request before auth runs, for scenario rules on a tenant or a credential.

        ``params`` are the query and form parameters. None: unknown (the scenario engine then looks for
        one of ``credentials()``' values in the headers and parameters).
        """
        return None

    def dump(self, store: Any, collection: str) -> list[dict[str, Any]] | None:
        """What a tenant's store holds in one collection (None: no such collection)."""
        dumper = getattr(store, "dump", None)
        return dumper(collection) if dumper else None

    def collections(self, store: Any) -> list[str]:
        lister = getattr(store, "collections", None)
        return list(lister()) if lister else []

    def operations(self, router: APIRouter) -> list[str]:
        """Operation names (endpoint names) scenarios may match on."""
        return sorted({getattr(route, "name", "") for route in router.routes if getattr(route, "name", "")})
