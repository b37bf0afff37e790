"""Shared fixtures: settings with a fixed seed, a frozen clock, the app in-process, and live servers."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from mockserver.threaded import ThreadedServer, serve_in_thread
from tests.contract import checking_answers

FROZEN_AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="session", autouse=True)
def answers_match_the_documents() -> Iterator[None]:
    """Every provider and admin answer an in-process client sees must be one its OpenAPI document allows."""
    with checking_answers():
        yield


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


#: ``with_options("ons", spec_mode=True)``: a TestClient on an app with those switches of one provider.
WithOptions = Callable[..., TestClient]


@pytest.fixture
def opened() -> Iterator[Callable[[FastAPI], TestClient]]:
    """``opened(app)``: a started TestClient on ``app``, shut down when the test ends."""
    with ExitStack() as stack:
        yield lambda app: stack.enter_context(TestClient(app))


@pytest.fixture
def with_options(clock: Clock, opened: Callable[[FastAPI], TestClient]) -> WithOptions:
    """Apps built with one provider's options (seed 1234, the test's clock), closed when the test ends."""

    def build(provider: str, **options: Any) -> TestClient:
        settings = Settings(seed=1234, options={provider: options} if options else {})
        return opened(create_app(settings, clock=clock))

    return build


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def run_live(app: Any, **config: Any) -> Iterator[ThreadedServer]:
    """Serve ``app`` on a free loopback port until the block ends. ``server.url`` is its base."""
    with serve_in_thread(app, **config) as server:
        yield server


@pytest.fixture
def live() -> Callable[..., Any]:
    """``with live(app) as server:`` serves an app on a real loopback socket."""
    return run_live
