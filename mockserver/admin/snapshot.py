"""/__admin/snapshot: export the state document, import one, or write it to --state-file now."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, FastAPI, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from mockserver.core.deferred_route import DeferredRoute
from mockserver.core.snapshot import SnapshotError

if TYPE_CHECKING:
    from mockserver.core.snapshot import Snapshots
    from mockserver.core.statefile import StateFile


def build_snapshot_router(parent: FastAPI) -> APIRouter:
    router = APIRouter(tags=["snapshot"], route_class=DeferredRoute)

    def snapshots() -> Snapshots:
        found: Snapshots = parent.state.snapshots
        return found

    @router.get("/snapshot")
    def export_snapshot() -> dict[str, Any]:
        """The state document: every built store, the applied scenarios (state, counters) and the clock."""
        return snapshots().export()

    @router.put("/snapshot")
    async def import_snapshot(request: Request) -> dict[str, Any]:
        """Replace stores, scenarios and clock with a state document's; checked whole first, so a refused
        document (400 naming the field) changes nothing."""
        body = await request.body()  # at most --admin-max-body-bytes (AdminBodyLimit)
        try:
            document = json.loads(body)
        except (ValueError, RecursionError) as exc:
            raise HTTPException(400, f"not a state document: not JSON ({exc})") from None
        try:
            prepared = await run_in_threadpool(snapshots().prepare, document)
        except (SnapshotError, RecursionError) as exc:
            raise HTTPException(400, f"not a state document: {exc}") from None
        snapshots().install(prepared)
        return {"imported": prepared.summary()}

    @router.post("/snapshot")
    async def save_snapshot() -> dict[str, Any]:
        """Write the state document to --state-file now (temp file, fsync, rename: all or nothing)."""
        state_file: StateFile | None = parent.state.state_file
        if state_file is None:
            raise HTTPException(409, "the server runs without --state-file; GET /__admin/snapshot exports the state")
        try:
            saved = await run_in_threadpool(state_file.save)
        except OSError as exc:
            raise HTTPException(500, f"cannot write {state_file.path}: {exc.strerror or exc}") from None
        return {"saved": saved}

    return router
