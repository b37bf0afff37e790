"""Before the handler runs: which operation a request is, whose it is, and the provider's error for an effect."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from fastapi.routing import iter_route_contexts
from starlette._utils import get_route_path
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import Message, Receive, Scope

from mockserver.core.context import RequestContext
from mockserver.core.errors import MockError
from mockserver.core.scenarios.effects import Effect
from mockserver.core.scenarios.request import RequestView

if TYPE_CHECKING:
    from mockserver.core.provider import ProviderHandle

FORM_TYPE = "application/x-www-form-urlencoded"
#: Credential values shorter than this are never guessed from a request (too likely to collide).
MIN_CREDENTIAL_LENGTH = 6


class ProviderFacade:
    """One provider as the scenario middleware sees it: routes, operation parameter, credentials."""

    def __init__(self, handle: ProviderHandle[Any, Any], routes: list[Any] | Callable[[], list[Any]]) -> None:
        self.handle = handle
        self.provider = handle.provider
        #: The provider's routes, or the function that gives them (mounting them) when a rule first asks.
        self._routes = routes
        self.operation_param: str | None = handle.provider.operation_param
        self._credentials: dict[str, tuple[str, str]] | None = None
        #: operation name -> [(position, route, methods)], to test one operation without scanning every route.
        self._by_name: dict[str, list[tuple[int, Any, frozenset[str]]]] | None = None
        #: route -> the pattern its matching starts with (None: none), read when first needed (a route
        #: compiles its pattern when first matched): a path it rejects cannot match the route at all.
        self._patterns: dict[int, Any] = {}

    @property
    def routes(self) -> list[Any]:
        if callable(self._routes):
            self._routes = self._routes()
        return self._routes

    @property
    def by_name(self) -> dict[str, list[tuple[int, Any, frozenset[str]]]]:
        if self._by_name is None:
            self._by_name = {}
            for position, route in enumerate(self.routes):
                methods = frozenset(route.methods or ())
                self._by_name.setdefault(route.name or "", []).append((position, route, methods))
        return self._by_name

    def _pattern(self, position: int, route: Any) -> Any:
        if position not in self._patterns:
            pattern = getattr(route, "path_regex", None)
            self._patterns[position] = pattern if hasattr(pattern, "match") else None
        return self._patterns[position]

    def operation(self, view: RequestView) -> str | None:
        if self.operation_param:
            return view.param(self.operation_param)
        for route in self.routes:
            match, _ = route.matches(view.scope)
            if match is Match.FULL:
                return getattr(route, "name", None)
        return None

    def is_operation(self, view: RequestView, names: frozenset[str]) -> bool:
        """Whether the request is one of ``names``, testing only those operations' routes first."""
        if self.operation_param:
            return view.param(self.operation_param) in names
        route_path: str | None = None
        for name in names:
            for position, route, methods in self.by_name.get(name, ()):
                if methods and view.method not in methods:
                    continue
                pattern = self._pattern(position, route)
                if pattern is not None:
                    if route_path is None:
                        route_path = get_route_path(view.scope)
                    if pattern.match(route_path) is None:
                        continue  # what route.matches would find first, without building its scope
                if route.matches(view.scope)[0] is Match.FULL:
                    # An earlier route may claim the same path (``/clients/by_bsn`` before ``/clients/{id}``).
                    operation = self.operation(view)
                    view.known_operation(operation)
                    return operation in names
        return False

    def caller(self, view: RequestView) -> tuple[str | None, str | None]:
        """(tenant, credential) before auth runs: the provider's own answer, else a credential seen in the request."""
        found = self.handle.caller_of(view.scope, view.params)
        if found is not None:
            return found
        index = self.credentials()
        if not index:
            return None, None
        for value in (*view.headers.values(), *view.params.values()):
            hit = index.get(value) or index.get(value.rsplit(" ", 1)[-1])
            if hit is not None:
                return hit
        return None, None

    def credentials(self) -> dict[str, tuple[str, str]]:
        """Every demo credential value of the provider, mapped to (tenant, value)."""
        if self._credentials is None:
            index: dict[str, tuple[str, str]] = {}
            try:
                entries = self.handle.credentials()
            except Exception:  # a provider without usable fixtures simply has no guessable callers
                entries = []
            for entry in entries:
                tenant = str(entry.get("tenant", ""))
                for key, value in entry.items():
                    if key != "tenant" and isinstance(value, str) and len(value) >= MIN_CREDENTIAL_LENGTH:
                        index.setdefault(value, (tenant, value))
            self._credentials = index
        return self._credentials

    def render(self, effect: Effect, scope: Scope, receive: Receive) -> Response:
        """The provider's own error for an effect, with the effect's headers (e.g. Retry-After)."""
        exc = self._error(effect)
        exc.headers.update(effect.headers)
        response = self.handle.render_error(Request(scope, receive), exc)
        for name, value in effect.headers.items():
            response.headers[name] = value
        return response

    def _error(self, effect: Effect) -> MockError:
        if effect.error is not None:
            cls = self.provider.errors[effect.error]
            try:
                exc = cls(effect.message) if effect.message else cls()
            except TypeError:  # an error class that wants arguments of its own
                exc = self.provider.error_for_status(cls.status, effect.message or cls.message)
            return exc
        status = effect.status or 500
        message = effect.message or _phrase(status)
        return self.provider.error_for_status(status, message)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"error {status}"


async def build_view(
    facade: ProviderFacade,
    name: str,
    scope: Scope,
    receive: Receive,
    ctx: RequestContext | None,
    needs_params: bool,
    max_body_bytes: int = 1_048_576,
) -> tuple[RequestView, Receive]:
    """The request as rules see it; a form body is read (only when a rule could need it) and replayed."""
    form: dict[str, str] | None = None
    if (needs_params or facade.operation_param) and scope["method"] in ("POST", "PUT", "PATCH"):
        content_type = next((v for k, v in scope.get("headers", ()) if k.lower() == b"content-type"), b"")
        if content_type.startswith(FORM_TYPE.encode()):
            body, receive = await _buffer(receive, max_body_bytes)
            form = {}
            for key, value in parse_qsl((body or b"").decode("utf-8", "replace"), keep_blank_values=True):
                form.setdefault(key, value)
    tenant = ctx.tenant if ctx is not None else None
    credential = ctx.credential if ctx is not None else None
    view = RequestView(name, scope, facade, form=form, tenant=tenant, credential=credential)
    if ctx is not None and ctx.operation:
        view.known_operation(ctx.operation)
    return view, receive


async def _buffer(receive: Receive, limit: int) -> tuple[bytes | None, Receive]:
    """Read the body (up to ``limit`` bytes) and hand the same messages to the handler afterwards.

    A longer body is not parsed here (None): what was read is replayed and the rest streams on, so
    the handler's own size check answers it.
    """
    seen: list[Message] = []
    size = 0
    complete = False
    while True:
        message = await receive()
        seen.append(message)
        if message["type"] != "http.request":
            break
        size += len(message.get("body", b""))
        if not message.get("more_body", False):
            complete = True
            break
        if size > limit:
            break

    async def replaying() -> Message:
        if seen:
            return seen.pop(0)
        return await receive()

    body = b"".join(m.get("body", b"") for m in seen if m["type"] == "http.request") if complete else None
    return body, replaying


def flat_routes(routes: Iterable[Any]) -> list[Any]:
    """Every endpoint of the app, included routers flattened, each with ``path``, ``name`` and ``matches``."""
    return list(iter_route_contexts(list(routes)))


def facades(
    handles: Mapping[str, ProviderHandle[Any, Any]], routes: Iterable[Any] | Callable[[str], list[Any]]
) -> dict[str, ProviderFacade]:
    """One facade per provider, holding the app's routes under that provider's prefix.

    ``routes`` may be a function of the provider's name that gives (and mounts) them when first needed.
    """
    if callable(routes):
        return {name: ProviderFacade(handle, functools.partial(routes, name)) for name, handle in handles.items()}
    flat = flat_routes(routes)
    out: dict[str, ProviderFacade] = {}
    for name, handle in handles.items():
        prefix = handle.prefix + "/"
        mine = [r for r in flat if str(r.path or "").startswith(prefix)]
        out[name] = ProviderFacade(handle, mine)
    return out
