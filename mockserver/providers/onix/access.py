"""One request's way in: the credential to its company (the tenant), then that company's store."""

from __future__ import annotations

from starlette.requests import Request

from mockserver.core.context import RequestContext, context_of
from mockserver.core.state import MockState
from mockserver.providers.onix.auth import TokenBook, authenticate
from mockserver.providers.onix.config import OnixConfig
from mockserver.providers.onix.errors import BadRequest
from mockserver.providers.onix.store import OnixStore

PROVIDER = "onix"


class OnixAccess:
    """The provider-wide part of auth: issued tokens (forgotten on reset) and the lookups of a request."""

    def __init__(self) -> None:
        self.tokens = TokenBook()

    def attach(self, state: MockState) -> None:
        """Forget issued tokens whenever the provider (or everything) is reset."""

        def on_reset(provider: str | None, tenant: str | None) -> None:
            if provider in (None, PROVIDER) and tenant is None:
                self.tokens.clear()

        state.on_reset(on_reset)

    @staticmethod
    def state(request: Request) -> MockState:
        state: MockState = request.app.state.mock
        return state

    def config(self, request: Request) -> OnixConfig:
        config: OnixConfig = self.state(request).configs[PROVIDER]
        return config

    @staticmethod
    def context(request: Request) -> RequestContext | None:
        return context_of(request.scope)

    def store(self, request: Request) -> OnixStore:
        """The caller's company store; 401 (Unauthorized) before anything else is looked at."""
        state = self.state(request)
        header = request.headers.get("authorization")
        company, credential = authenticate(header, self.config(request), self.tokens.lookup, state.clock.timestamp())
        ctx = self.context(request)
        if ctx is not None:
            ctx.tenant, ctx.credential = company.name, credential
        store: OnixStore = state.store(PROVIDER, company.name)
        return store

    def issue_token(self, request: Request, username: object, password: object) -> str:
        """POST /v1/Account/token: wrong user or password is the seed's 400 "Bad Request"."""
        if not isinstance(username, str) or not isinstance(password, str):
            raise BadRequest()
        config = self.config(request)
        found = config.login(username, password)
        if found is None:
            raise BadRequest()
        company, user = found
        state = self.state(request)
        ctx = self.context(request)
        if ctx is not None:
            ctx.tenant = company.name
        now = state.clock.timestamp()
        return self.tokens.issue(state.seed, company.name, user.email, now, config.options.token_minutes)
