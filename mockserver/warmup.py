"""After the server listens: do in a background thread what start-up left for first use."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
import time
from typing import Any

from mockserver.core.deferred_route import warm_routes
from mockserver.core.pending_routes import PendingRoutes, pending_routes

log = logging.getLogger("mockserver")


async def _mount(pending: PendingRoutes) -> None:
    pending.mount()


def warm(app: Any, loop: asyncio.AbstractEventLoop) -> None:
    """Mount every provider's routes, build them and load Faker, so that first requests find them ready.

    A provider's router is built here (its modules imported: the costly part) and mounted on the event
    loop, which owns the route list. Each step is also done on demand by the first request that needs it,
    so a request never waits for this thread to finish, only, at worst, for the one step in progress.
    """
    try:
        for pending in pending_routes(app):
            pending.router()
            asyncio.run_coroutine_threadsafe(_mount(pending), loop).result(timeout=30)
        # sleep(0) between routes hands the interpreter to a request that is waiting for it.
        warm_routes(app.routes, between=lambda: time.sleep(0))
        from mockserver.core.seeding import faker

        faker(0, "warm-up")  # imports Faker and loads its nl_NL providers, as the first store built would
    except (RuntimeError, concurrent.futures.TimeoutError, concurrent.futures.CancelledError):
        pass  # the server stopped meanwhile (its loop is closed or no longer runs)
    except Exception:  # a route that cannot be built fails its own requests the same way; say it once here
        log.exception("warming up after start failed")


def start_warming(app: Any, loop: asyncio.AbstractEventLoop) -> threading.Thread:
    thread = threading.Thread(target=warm, args=(app, loop), name="mockserver-warm-up", daemon=True)
    thread.start()
    return thread
