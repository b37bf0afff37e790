"""RequestView: a request as scenario rules see it, with the expensive parts worked out only when asked."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol
from urllib.parse import parse_qsl

from starlette.types import Scope


class ViewResolver(Protocol):
    """What only the provider knows: a request's operation and its caller, asked for lazily."""

    def operation(self, view: RequestView) -> str | None: ...

    def is_operation(self, view: RequestView, names: frozenset[str]) -> bool: ...

    def caller(self, view: RequestView) -> tuple[str | None, str | None]: ...


class _Unset:
    """The operation is not worked out yet (None is an answer: no operation)."""


_UNSET = _Unset()


class RequestView:
    """What rules match on; headers, parameters, operation and caller are worked out only when a rule asks."""

    def __init__(
        self,
        provider: str,
        scope: Scope,
        resolver: ViewResolver,
        *,
        form: Mapping[str, str] | None = None,
        tenant: str | None = None,
        credential: str | None = None,
    ) -> None:
        self.provider = provider
        self.scope = scope
        self.method: str = scope["method"]
        self.path: str = scope["path"]
        self._resolver = resolver
        self._form = form
        self._headers: dict[str, str] | None = None
        self._params: dict[str, str] | None = None
        self._operation: str | None | _Unset = _UNSET
        self._caller: tuple[str | None, str | None] | None = (tenant, credential) if tenant is not None else None

    @property
    def headers(self) -> dict[str, str]:
        if self._headers is None:
            raw = self.scope.get("headers", ())
            self._headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in raw}
        return self._headers

    @property
    def params(self) -> dict[str, str]:
        """Query parameters, then form fields (the first value of a name wins)."""
        if self._params is None:
            params: dict[str, str] = {}
            query = self.scope.get("query_string", b"").decode("latin-1")
            for key, value in parse_qsl(query, keep_blank_values=True):
                params.setdefault(key, value)
            for key, value in (self._form or {}).items():
                params.setdefault(key, value)
            self._params = params
        return self._params

    def param(self, name: str) -> str | None:
        params = self.params
        value = params.get(name)
        if value is None:
            lowered = name.lower()
            value = next((v for k, v in params.items() if k.lower() == lowered), None)
        return value

    @property
    def operation(self) -> str | None:
        if isinstance(self._operation, _Unset):
            self._operation = self._resolver.operation(self)
        return self._operation

    def is_operation(self, names: frozenset[str]) -> bool:
        if not isinstance(self._operation, _Unset):
            return self._operation in names
        return self._resolver.is_operation(self, names)

    def known_operation(self, name: str | None) -> None:
        self._operation = name

    @property
    def caller_known(self) -> bool:
        return self._caller is not None

    def _who(self) -> tuple[str | None, str | None]:
        if self._caller is None:
            self._caller = self._resolver.caller(self)
        return self._caller

    @property
    def tenant(self) -> str | None:
        return self._who()[0]

    @property
    def credential(self) -> str | None:
        return self._who()[1]

    @property
    def client(self) -> str:
        client = self.scope.get("client")
        return str(client[0]) if client else ""
