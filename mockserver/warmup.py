"""After the server listens: do in a background thread what start-up left for first use."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from mockserver.core.deferred_route import warm_routes

log = logging.getLogger("mockserver")


def warm(app: Any) -> None:
    """Build every route not built yet and load Faker, so that first requests find them ready.

    Each step is also done on demand by the first request that needs it (under the same lock), so a
    request never waits for this thread to finish, only, at worst, for the one route being built.
    """
    try:
        # sleep(0) between routes hands the interpreter to a request that is waiting for it.
        warm_routes(app.routes, between=lambda: time.sleep(0))
        from mockserver.core.seeding import faker

        faker(0, "warm-up")  # imports Faker and loads its nl_NL providers, as the first store built would
    except Exception:  # a route that cannot be built fails its own requests the same way; say it once here
        log.exception("warming up after start failed")


def start_warming(app: Any) -> threading.Thread:
    thread = threading.Thread(target=warm, args=(app,), name="mockserver-warm-up", daemon=True)
    thread.start()
    return thread
