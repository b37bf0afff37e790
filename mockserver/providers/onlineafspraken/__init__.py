"""OnlineAfspraken provider (placeholder until its package is filled in)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, Response

from mockserver.core.errors import MockError
from mockserver.core.state import StoreContext
from mockserver.providers.base import Provider


class OnlineAfsprakenProvider(Provider):
    name = "onlineafspraken"
    title = "OnlineAfspraken"
    real_base_url = "https://example.invalid"

    def build_router(self) -> APIRouter:
        return APIRouter()

    def load_config(self, raw: Any, source: str, options: Mapping[str, Any]) -> Any:
        return raw or {}

    def make_store(self, ctx: StoreContext) -> Any:
        return {}

    def render_error(self, request: Request, exc: MockError) -> Response:
        return JSONResponse({"error": exc.message}, status_code=exc.status)

    def error_for_status(self, status: int, message: str) -> MockError:
        return MockError(message, status=status)

    def credentials(self, config: Any) -> list[dict[str, Any]]:
        return [{"tenant": "default"}]

    def curl_example(self, config: Any, base_url: str) -> str:
        return ""
