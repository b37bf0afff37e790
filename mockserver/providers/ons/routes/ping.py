"""GET /ping: the certificate check, the one route outside /t/; it answers text/plain."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from starlette.responses import Response

from mockserver.providers.ons import respond
from mockserver.providers.ons.call import OnsCall, access

router = APIRouter()


@router.get("/ping")
async def ping(call: Annotated[OnsCall, Depends(access(None, offered=[respond.TEXT]))]) -> Response:
    return respond.body_response(b"pong", respond.TEXT)
