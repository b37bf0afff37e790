"""Annotated dependencies shared by the provider routers and the admin API."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from mockserver.core.clock import Clock
from mockserver.core.context import RequestContext, context_of
from mockserver.core.state import MockState
from mockserver.settings import Settings


def get_state(request: Request) -> MockState:
    state: MockState = request.app.state.mock
    return state


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_clock(request: Request) -> Clock:
    return get_state(request).clock


def get_context(request: Request) -> RequestContext:
    """The request's context; requests that bypassed the journal get a throwaway one."""
    ctx = context_of(request.scope)
    if ctx is None:
        ctx = RequestContext(request_id="req-untracked", started=0.0)
        request.scope["mockserver.context"] = ctx
    return ctx


StateDep = Annotated[MockState, Depends(get_state)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ClockDep = Annotated[Clock, Depends(get_clock)]
ContextDep = Annotated[RequestContext, Depends(get_context)]
