"""uvicorn in a background thread on a free loopback port: for `mockserver demo` and the live tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn


class ThreadedServer(uvicorn.Server):
    """A uvicorn server that leaves signal handling to the thread that started it."""

    url: str = ""

    def install_signal_handlers(self) -> None:
        pass


@contextmanager
def serve_in_thread(app: Any, *, start_timeout: float = 10.0, **config: Any) -> Iterator[ThreadedServer]:
    """Serve ``app`` on 127.0.0.1 (port 0 picks a free one) until the block ends; ``server.url`` is its base."""
    config.setdefault("port", 0)
    config.setdefault("log_level", "warning")
    config.setdefault("lifespan", "on")
    cfg = uvicorn.Config(app, host="127.0.0.1", **config)
    server = ThreadedServer(cfg)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            raise RuntimeError("the server did not start")
        time.sleep(0.01)  # waiting for a real socket to open, not for virtual time
    port = server.servers[0].sockets[0].getsockname()[1]
    scheme = "https" if cfg.ssl_certfile else "http"
    server.url = f"{scheme}://127.0.0.1:{port}"
    try:
        yield server
    finally:
        server.should_exit = True
        thread.join(timeout=10)
