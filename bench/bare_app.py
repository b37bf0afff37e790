"""The baseline: a bare FastAPI app answering the benchmarked routes with bytes captured from mockserver."""

from __future__ import annotations

import json
import os
from pathlib import Path

from fastapi import FastAPI
from starlette.responses import Response

# {"clients": {"body": "...", "content_type": "..."}, "teams": {...}}, written by bench/run.py.
CAPTURED = json.loads(Path(os.environ["BENCH_BODIES"]).read_text(encoding="utf-8"))

app = FastAPI()


def captured(name: str) -> Response:
    entry = CAPTURED[name]
    return Response(entry["body"].encode("utf-8"), media_type=entry["content_type"])


@app.get("/__admin/health")
async def health() -> dict[str, str]:
    # What bench/startup.py polls: the bare app's time to its first answer.
    return {"status": "ok"}


@app.get("/ons/t/clients/{client_id}")
async def get_client(client_id: str) -> Response:
    return captured("clients")


@app.get("/ons/t/teams")
async def list_teams() -> Response:
    return captured("teams")
