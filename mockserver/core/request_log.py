"""The request log: one line per response, written as uvicorn's access log wrote it, with secrets redacted.

``INFO:     127.0.0.1:51234 - "GET /ons/t/teams?token=<redacted> HTTP/1.1" 200 OK``, on stdout, coloured
when stdout is a terminal. The front middleware writes it when the response starts; it costs a dictionary
look-up for the request line (kept per path and query) and a list append, where Python's logging cost about a
third of a request's time. The lines are written together, in one write and one flush, ``FLUSH_DELAY`` after the
first of them: with PYTHONUNBUFFERED (set in our Docker image, and common in CI) every write to stdout is a system
call of its own, and under load even one write per turn of the event loop (a few requests each) cost about a
twentieth of a request. A line never waits longer than that, so a killed server has written all but the last
instant's lines; a server that stops writes out what waits.
"""

from __future__ import annotations

import asyncio
import http
from collections.abc import Callable
from typing import Any, TextIO
from urllib.parse import quote

from mockserver.core.journal import redact_query

#: uvicorn's level prefix: the level name, a colon, padded to nine characters, then a space.
PREFIX = "INFO:     "
COLOURED_PREFIX = "\033[32mINFO\033[0m:     "
STATUS_COLOURS = {1: 97, 2: 32, 3: 33, 4: 31, 5: 91}
#: How long the first waiting line waits for others to be written with it (seconds).
FLUSH_DELAY = 0.01
#: Lines that are written at once, however soon: a burst never piles up more than this.
MAX_WAITING = 1024
#: Request lines kept (method, path and query to their redacted text); the cache starts over when full.
CACHE_SIZE = 4096


def status_text(status: int, colours: bool) -> str:
    """``200 OK`` (an unknown code keeps an empty phrase, as uvicorn's), coloured by class when asked."""
    try:
        phrase = http.HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    text = f"{status} {phrase}"
    colour = STATUS_COLOURS.get(status // 100)
    return f"\033[{colour}m{text}\033[0m" if colours and colour else text


class RequestLog:
    """Off until ``start(stream)``: in-process apps (tests, the demo) log nothing, ``mockserver serve`` at
    ``info`` and below starts it on stdout."""

    def __init__(self, secrets_for: Callable[[str], frozenset[str]], flush_delay: float = FLUSH_DELAY) -> None:
        self.secrets_for = secrets_for
        self.flush_delay = flush_delay
        self.stream: TextIO | None = None
        #: Lines not written yet; a flush is due whenever there are some.
        self._pending: list[str] = []
        self.colours = False
        self._lines: dict[tuple[str, str, bytes, str], str] = {}
        self._statuses: dict[int, str] = {}

    def start(self, stream: TextIO) -> None:
        self.stream = stream
        isatty = getattr(stream, "isatty", None)
        self.colours = bool(isatty and isatty())
        self._lines.clear()
        self._statuses.clear()
        self._pending = []

    def stop(self) -> None:
        self.flush()
        self.stream = None

    def flush(self) -> None:
        """Write out the lines that wait (the scheduled flush, or the last one when the log stops)."""
        pending, self._pending = self._pending, []
        if pending and self.stream is not None:
            self.stream.write("".join(pending))
            self.stream.flush()

    def line(self, scope: Any, status: int) -> str:
        """The log line for a response with ``status`` to the request of ``scope`` (the scope as the server
        received it: on a provider's own port, the path without the prefix)."""
        key = (scope["method"], scope["path"], scope.get("query_string", b""), scope.get("http_version", "1.1"))
        request_line = self._lines.get(key)
        if request_line is None:
            request_line = self._request_line(*key)
        text = self._statuses.get(status)
        if text is None:
            text = self._statuses[status] = status_text(status, self.colours)
        client = scope.get("client")
        address = f"{client[0]}:{client[1]}" if client else ""
        prefix = COLOURED_PREFIX if self.colours else PREFIX
        return f'{prefix}{address} - "{request_line}" {text}\n'

    def write(self, scope: Any, status: int) -> None:
        stream = self.stream
        if stream is None:
            return
        pending = self._pending
        pending.append(self.line(scope, status))
        if len(pending) > 1:
            if len(pending) >= MAX_WAITING:
                self.flush()  # the flush already scheduled finds nothing, or the lines that came since
            return  # else the flush is already scheduled
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.flush()  # no event loop to flush later: now
            return
        loop.call_later(self.flush_delay, self.flush)

    def _request_line(self, method: str, path: str, query: bytes, version: str) -> str:
        target = quote(path)
        if query:
            # The redaction of the journal: the secrets of the provider whose path it is (every provider's when
            # the path names none, as on a provider's own port).
            target += "?" + redact_query(query.decode("ascii", "replace"), self.secrets_for(path))
        text = f"{method} {target} HTTP/{version}"
        if self.colours:
            text = f"\033[1m{text}\033[0m"
        if len(self._lines) >= CACHE_SIZE:
            self._lines.clear()
        self._lines[(method, path, query, version)] = text
        return text
