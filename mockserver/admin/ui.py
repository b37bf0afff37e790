"""The dashboard: /__admin/ui and its assets (shipped in the package), and the index page at / that links to it."""

from __future__ import annotations

import functools
from html import escape
from pathlib import Path

from fastapi import FastAPI, HTTPException
from starlette.responses import HTMLResponse, Response

from mockserver import __version__

UI_PATH = "/__admin/ui"
STATIC = Path(__file__).with_name("static")
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}
#: The page loads nothing from elsewhere and talks to this server only.
POLICY = (
    "default-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
HEADERS = {"Content-Security-Policy": POLICY, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}


@functools.cache
def assets() -> dict[str, tuple[bytes, str]]:
    """Every file of the dashboard by name, read once: (content, media type)."""
    return {path.name: (path.read_bytes(), TYPES[path.suffix]) for path in STATIC.iterdir() if path.suffix in TYPES}


def install_ui(app: FastAPI) -> None:
    """The page and its assets hold no data and need no token; every call they make goes to the admin API.

    Added before ``/__admin`` is mounted, so these routes answer ahead of the admin app (and its token check).
    """

    async def page() -> Response:
        content, media_type = assets()["dashboard.html"]
        return Response(content, media_type=media_type, headers=HEADERS)

    async def asset(name: str) -> Response:
        found = assets().get(name)
        if found is None or name.endswith(".html"):
            raise HTTPException(404, f"the dashboard has no file {name!r}")
        return Response(found[0], media_type=found[1], headers=HEADERS)

    async def index() -> HTMLResponse:
        return HTMLResponse(INDEX, headers=HEADERS)

    app.add_api_route(UI_PATH, page, methods=["GET"], include_in_schema=False)
    app.add_api_route(UI_PATH + "/{name}", asset, methods=["GET"], include_in_schema=False)
    app.add_api_route("/", index, methods=["GET"], include_in_schema=False)


INDEX = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mockserver</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>mockserver {escape(__version__)}</h1>
<p>A local emulator of vendor REST APIs.</p>
<ul>
<li><a href="{UI_PATH}">Dashboard</a>: the live request journal, scenarios, the clock and the data</li>
<li><a href="/__docs">The emulated APIs' OpenAPI documents</a></li>
<li><a href="/__admin/docs">The admin API</a></li>
</ul>
</body></html>
"""
