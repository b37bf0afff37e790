"""Health, session login and the OAuth2 authorization-code and refresh grants.

Session (seeds/oncrawl-api-overview.txt, v1 guide): ``POST /api/session`` (the overview also says
``/session``; OC-PHP uses ``/api/v2/session`` with HTTP Basic) with ``{"identification", "password"}``.
The reply carries token, username, user_id and user_hash both under ``session`` (what the v1
snippets read) and at the top level (what the overview shows). OAuth2 (reference_oauth2.md):
``/oauth/authorize`` then ``POST /oauth/token``; its errors use the OAuth2 shape of RFC 6749 §5.2.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import parse_qsl, urlencode

import orjson
from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from mockserver.providers.oncrawl.auth import SESSION_SCOPES, OnCrawlApp, find_user, tokens_of
from mockserver.providers.oncrawl.config import SCOPES
from mockserver.providers.oncrawl.errors import InvalidRequestParameters, Unauthorized, field_error
from mockserver.providers.oncrawl.routes.call import json_body, read_body, reply


def _basic(request: Request) -> tuple[str, str] | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        user, _, password = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return user, password


def _oauth_error(error: str, description: str, status: int = 400) -> Response:
    return reply({"error": error, "error_description": description}, status)


def _scopes(text: str | None) -> tuple[str, ...] | None:
    wanted = [s for s in (text or "account:read").replace(",", " ").split() if s]
    return tuple(wanted) if all(s in SCOPES for s in wanted) else None


def _form_or_json(raw: bytes, content_type: str) -> dict[str, Any]:
    """POST /oauth/token parameters: a form (RFC 6749) or, leniently, a JSON object."""
    if content_type.split(";")[0].strip().lower() == "application/json":
        try:
            data = orjson.loads(raw or b"{}")
        except orjson.JSONDecodeError:
            return {}
        return data if isinstance(data, dict) else {}
    return dict(parse_qsl(raw.decode("utf-8", "replace")))


def add_routes(router: APIRouter, app: OnCrawlApp) -> None:
    async def create_session(request: Request) -> Response:
        """Log in with a username or email and a password; the token is valid a week on the clock."""
        body = await json_body(app, request)
        data = body if isinstance(body, dict) else {}
        identification, password = data.get("identification"), data.get("password")
        basic = _basic(request)
        if basic is not None and identification is None and password is None:
            identification, password = basic
        missing = [name for name, v in (("identification", identification), ("password", password)) if not v]
        if missing:
            raise InvalidRequestParameters(
                "identification and password are required",
                fields=[field_error(name, "this field is required", "required") for name in missing],
            )
        config = app.config
        found = find_user(config, str(identification))
        if found is None or found[1].password != password:
            raise Unauthorized("Unknown user or wrong password.", code="invalid_credentials")
        tenant, user = found
        app.bind(request.scope, tenant.name, user.username)
        ttl = config.options.session_ttl_seconds
        token = tokens_of(app).sessions.issue(tenant.name, user.username, ttl_seconds=ttl, scopes=SESSION_SCOPES)
        user_id, user_hash = app.store(tenant.name).user_identity(user.username, user.email)
        session = {"token": token.value, "username": user.username, "user_id": user_id, "user_hash": user_hash}
        return reply({"session": session, **session})

    async def oauth_authorize(request: Request) -> Response:
        """The consent step, approved at once for the client's first user: back to redirect_uri with a code."""
        params = request.query_params
        found = next(
            ((t, c) for t in app.config.tenants for c in t.oauth_clients if c.client_id == params.get("client_id")),
            None,
        )
        if found is None:
            return _oauth_error("invalid_client", "unknown client_id", 401)
        tenant, client = found
        redirect = params.get("redirect_uri") or client.redirect_uri
        if redirect != client.redirect_uri:
            return _oauth_error("invalid_request", "redirect_uri does not match the client's")
        scopes = _scopes(params.get("scope"))
        if scopes is None:
            return _oauth_error("invalid_scope", f"scopes are {', '.join(SCOPES)}")
        if not tenant.users:
            return _oauth_error("access_denied", "the account has no user to approve the request")
        username = tenant.users[0].username
        app.bind(request.scope, tenant.name, username)
        code = tokens_of(app).codes.issue(
            tenant.name, username, scopes=scopes, client_id=client.client_id, redirect_uri=redirect
        )
        query = {"code": code.value, **({"state": params["state"]} if "state" in params else {})}
        return RedirectResponse(f"{redirect}{'&' if '?' in redirect else '?'}{urlencode(query)}", status_code=302)

    async def oauth_token(request: Request) -> Response:
        """authorization_code → access and refresh tokens (expires_in 3600); refresh_token → new ones."""
        raw = await read_body(app, request)
        params = {**dict(request.query_params), **_form_or_json(raw, request.headers.get("content-type", ""))}
        config = app.config
        client = next(
            (c for t in config.tenants for c in t.oauth_clients if c.client_id == params.get("client_id")), None
        )
        if client is None or client.client_secret != params.get("client_secret"):
            return _oauth_error("invalid_client", "unknown client_id or wrong client_secret", 401)
        tokens = tokens_of(app)
        grant_type = params.get("grant_type")
        if grant_type == "authorization_code":
            issuer, value = tokens.codes, str(params.get("code"))
            redirect = params.get("redirect_uri") or params.get("redirect_url")
        elif grant_type == "refresh_token":
            issuer, value, redirect = tokens.refresh, str(params.get("refresh_token")), None
        else:
            return _oauth_error("unsupported_grant_type", "grant_type is authorization_code or refresh_token")
        grant = issuer.lookup(value)
        if grant is None or grant.claims["client_id"] != client.client_id:
            return _oauth_error("invalid_grant", f"the {grant_type.replace('_', ' ')} is unknown, used or expired")
        if redirect and redirect != grant.claims.get("redirect_uri"):
            return _oauth_error("invalid_grant", "redirect_uri differs from the one the code was made for")
        issuer.revoke(value)  # codes and refresh tokens are good for one exchange
        app.bind(request.scope, grant.tenant, grant.credential)
        ttl = config.options.oauth_ttl_seconds
        scopes = tuple(grant.claims["scopes"])
        access = tokens.access.issue(grant.tenant, grant.credential, ttl_seconds=ttl, scopes=scopes)
        refresh = tokens.refresh.issue(grant.tenant, grant.credential, scopes=scopes, client_id=client.client_id)
        return reply(
            {
                "access_token": access.value,
                "refresh_token": refresh.value,
                "expires_in": ttl,
                "token_type": "Bearer",
                "scope": " ".join(scopes),
            }
        )

    async def is_alive(request: Request) -> Response:
        """GET /api/is_alive: 200 while the API is up (a scenario can make it fail)."""
        return reply({"status": "ok"})

    router.add_api_route("/api/is_alive", is_alive, methods=["GET"], name="is_alive")
    for path in ("/api/session", "/session", "/api/v2/session"):
        router.add_api_route(path, create_session, methods=["POST"], name="create_session")
    router.add_api_route("/oauth/authorize", oauth_authorize, methods=["GET"], name="oauth_authorize")
    router.add_api_route("/oauth/token", oauth_token, methods=["POST"], name="oauth_token")
