"""Shared fixtures: settings with a fixed seed, a frozen clock, the app in-process, and live servers."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings

FROZEN_AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def clock() -> Clock:
    """A clock frozen at a fixed instant; tests move it, never sleep."""
    c = Clock()
    c.freeze(FROZEN_AT)
    return c


@pytest.fixture
def settings() -> Settings:
    return Settings(seed=1234)


@pytest.fixture
def app(settings: Settings, clock: Clock) -> FastAPI:
    return create_app(settings, clock=clock)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer(uvicorn.Server):
    """uvicorn in a thread, without signal handlers (httpx's test-server pattern)."""

    def install_signal_handlers(self) -> None:  # pragma: no cover - nothing to install
        pass


@contextmanager
def run_live(app: Any, **config: Any) -> Iterator[LiveServer]:
    """Serve ``app`` on a free loopback port until the block ends. ``server.url`` is its base."""
    port = config.pop("port", None) or free_port()
    cfg = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on", **config)
    server = LiveServer(cfg)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("live server did not start")
        time.sleep(0.01)  # waiting for a real socket to open, not for virtual time
    scheme = "https" if cfg.ssl_certfile else "http"
    server.url = f"{scheme}://127.0.0.1:{port}"  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def live() -> Callable[..., Any]:
    """``with live(app) as server:`` serves an app on a real loopback socket."""
    return run_live
