"""The baseline: a bare FastAPI app answering the benchmarked routes with bytes captured from mockserver.

BENCH_BODIES names a JSON file ``{name: {"method", "route", "body", "content_type"}}`` written by
bench/run.py; an entry without a route is served nowhere (bench/startup.py needs the health route only).
"""

from __future__ import annotations

import inspect
import json
import os
import re
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from starlette.responses import Response

CAPTURED: dict[str, dict[str, str]] = json.loads(Path(os.environ["BENCH_BODIES"]).read_text(encoding="utf-8"))

app = FastAPI()


@app.get("/__admin/health")
async def health() -> dict[str, str]:
    # What bench/startup.py polls: the bare app's time to its first answer.
    return {"status": "ok"}


def endpoint(entry: dict[str, str]) -> Any:
    """A handler taking the route's path parameters as strings, as a hand-written one would declare them."""
    content = entry["body"].encode("utf-8")
    media_type = entry["content_type"]
    reads = entry.get("method", "GET") in ("POST", "PUT", "PATCH")

    async def answer(request: Request, **path: str) -> Response:
        if reads:
            await request.body()  # as any handler of a request with a body would
        return Response(content, media_type=media_type)

    parameters = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)]
    for name in re.findall(r"{(\w+)}", entry["route"]):
        parameters.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=str))
    answer.__signature__ = inspect.Signature(parameters, return_annotation=Response)  # type: ignore[attr-defined]
    return answer


for name, entry in CAPTURED.items():
    if entry.get("route"):
        app.add_api_route(entry["route"], endpoint(entry), methods=[entry.get("method", "GET")], name=name)
