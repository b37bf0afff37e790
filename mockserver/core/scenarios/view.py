"""Before the handler runs: which operation a request is, whose it is, and the provider's error for an effect."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from fastapi.routing import iter_route_contexts
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import Message, Receive, Scope

from mockserver.core.context import RequestContext
from mockserver.core.errors import MockError
from mockserver.core.scenarios.engine import Effect, RequestView

if TYPE_CHECKING:
    from mockserver.providers.base import Provider

FORM_TYPE = "application/x-www-form-urlencoded"
#: Credential values shorter than this are never guessed from a request (too likely to collide).
MIN_CREDENTIAL_LENGTH = 6


class ProviderFacade:
    """One provider as the scenario middleware sees it: routes, operation parameter, credentials."""

    def __init__(self, provider: Provider, routes: list[Any], config: Any) -> None:
        self.provider = provider
        self.routes = routes
        self.operation_param: str | None = getattr(provider, "operation_param", None)
        self.config = config
        self._credentials: dict[str, tuple[str, str]] | None = None

    def operation(self, scope: Scope, view: RequestView) -> str | None:
        if self.operation_param:
            return view.param(self.operation_param)
        for route in self.routes:
            match, _ = route.matches(scope)
            if match is Match.FULL:
                return getattr(route, "name", None)
        return None

    def credentials(self) -> dict[str, tuple[str, str]]:
        """Every demo credential value of the provider, mapped to (tenant, value)."""
        if self._credentials is None:
            index: dict[str, tuple[str, str]] = {}
            try:
                entries = self.provider.credentials(self.config)
            except Exception:  # a provider without usable fixtures simply has no guessable callers
                entries = []
            for entry in entries:
                tenant = str(entry.get("tenant", ""))
                for key, value in entry.items():
                    if key != "tenant" and isinstance(value, str) and len(value) >= MIN_CREDENTIAL_LENGTH:
                        index.setdefault(value, (tenant, value))
            self._credentials = index
        return self._credentials

    def caller(self, scope: Scope, view: RequestView) -> tuple[str | None, str | None]:
        """(tenant, credential) before auth runs: the provider's own answer, else a credential seen in the request."""
        hook = getattr(self.provider, "caller_of", None)
        if hook is not None:
            found = hook(scope, view.params)
            if found is not None:
                return found  # type: ignore[no-any-return]
        index = self.credentials()
        if not index:
            return None, None
        for value in (*view.headers.values(), *view.params.values()):
            hit = index.get(value) or index.get(value.rsplit(" ", 1)[-1])
            if hit is not None:
                return hit
        return None, None

    def render(self, effect: Effect, scope: Scope, receive: Receive) -> Response:
        """The provider's own error for an effect, with the effect's headers (e.g. Retry-After)."""
        exc = self._error(effect)
        exc.headers.update(effect.headers)
        response = self.provider.render_error(Request(scope, receive), exc)
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


def _text(raw: bytes) -> str:
    return raw.decode("latin-1")


async def build_view(
    facade: ProviderFacade,
    name: str,
    scope: Scope,
    receive: Receive,
    ctx: RequestContext | None,
    needs_params: bool,
) -> tuple[RequestView, Receive]:
    """The request as rules see it; a form body is read and replayed to the handler untouched."""
    headers = {_text(k).lower(): _text(v) for k, v in scope.get("headers", [])}
    params: dict[str, str] = {}
    if needs_params or facade.operation_param:
        for key, value in parse_qsl(_text(scope.get("query_string", b"")), keep_blank_values=True):
            params.setdefault(key, value)
        if scope["method"] in ("POST", "PUT", "PATCH") and headers.get("content-type", "").startswith(FORM_TYPE):
            body, receive = await _buffer(receive)
            for key, value in parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True):
                params.setdefault(key, value)
    client = scope.get("client")
    view = RequestView(
        provider=name,
        method=scope["method"],
        path=scope["path"],
        headers=headers,
        params=params,
        client=str(client[0]) if client else "",
    )
    view.operation = (ctx.operation if ctx else None) or facade.operation(scope, view)
    if ctx is not None and ctx.tenant is not None:
        view.tenant, view.credential = ctx.tenant, ctx.credential
    else:
        view.tenant, view.credential = facade.caller(scope, view)
    return view, receive


async def _buffer(receive: Receive) -> tuple[bytes, Receive]:
    chunks: list[bytes] = []
    more = True
    pending: list[Message] = []
    while more:
        message = await receive()
        if message["type"] != "http.request":
            pending.append(message)
            break
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    body = b"".join(chunks)
    replay: list[Message] = [{"type": "http.request", "body": body, "more_body": False}, *pending]

    async def replaying() -> Message:
        if replay:
            return replay.pop(0)
        return await receive()

    return body, replaying


def flat_routes(routes: Iterable[Any]) -> list[Any]:
    """Every endpoint of the app, included routers flattened, each with ``path``, ``name`` and ``matches``."""
    return list(iter_route_contexts(list(routes)))


def facades(providers: Mapping[str, Provider], routes: Iterable[Any], configs: Mapping[str, Any]) -> dict[str, Any]:
    """One facade per provider, holding the app's routes under that provider's prefix."""
    flat = flat_routes(routes)
    out: dict[str, ProviderFacade] = {}
    for name, provider in providers.items():
        prefix = provider.prefix + "/"
        mine = [r for r in flat if str(r.path or "").startswith(prefix)]
        out[name] = ProviderFacade(provider, mine, configs.get(name))
    return out
