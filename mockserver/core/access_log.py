"""uvicorn's log records (access line, ASGI trace) with secret query parameters redacted, as in the journal."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, Protocol
from urllib.parse import unquote

from mockserver.core.journal import SECRET_QUERY_KEYS, redact_query


class Declares(Protocol):
    """A provider's handle: its prefix and the query and form parameters it declares secret."""

    @property
    def secret_params(self) -> frozenset[str]: ...


class Finder(Protocol):
    """The app's registry of provider handles."""

    @property
    def by_name(self) -> dict[str, Any]: ...

    def for_path(self, path: str) -> Any: ...


def secrets_by_path(registry: Finder) -> Callable[[str], frozenset[str]]:
    """The secret parameters for a request path: its provider's; every provider's where the path names none
    (a provider on its own port is logged without its prefix)."""
    handles: Iterable[Declares] = registry.by_name.values()
    every = SECRET_QUERY_KEYS.union(*(handle.secret_params for handle in handles))

    def secrets_for(path: str) -> frozenset[str]:
        handle = registry.for_path(path)
        return handle.secret_params if handle is not None else every

    return secrets_for


class SecretRedaction(logging.Filter):
    """Rewrites uvicorn's access-log line (``"GET /path?query HTTP/1.1" 200``, when uvicorn writes it: for an app
    without its own request log) and, at ``trace``, the logged scope's ``query_string``; every other record
    passes as it is."""

    def __init__(self, secrets_for: Callable[[str], frozenset[str]]) -> None:
        super().__init__()
        self.secrets_for = secrets_for

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if not isinstance(args, tuple):
            return True
        if record.name == "uvicorn.access" and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            path, _, query = args[2].partition("?")
            record.args = (*args[:2], f"{path}?{redact_query(query, self.secrets_for(unquote(path)))}", *args[3:])
        elif record.name == "uvicorn.asgi" and args and isinstance(args[-1], dict) and args[-1].get("query_string"):
            scope = dict(args[-1])
            query = scope["query_string"].decode("latin-1")
            scope["query_string"] = redact_query(query, self.secrets_for(scope.get("path", ""))).encode("latin-1")
            record.args = (*args[:-1], scope)
        return True
