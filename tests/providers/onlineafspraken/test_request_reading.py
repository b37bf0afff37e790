"""Reading a call's parameters: the query split as sent or decoded, and a body only when one is declared."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi import FastAPI
from lxml import etree

from mockserver.providers.onlineafspraken.params import parse_pairs
from tests.providers.onlineafspraken.conftest import ENDPOINT, Api, status_of


@pytest.mark.parametrize(
    ("query", "pairs"),
    [
        ("", []),
        ("method=getAgendas", [("method", "getAgendas")]),
        ("a=1&&b=&c&=d&", [("a", "1"), ("b", ""), ("c", ""), ("", "d")]),
        ("a=1=2&a=3", [("a", "1=2"), ("a", "3")]),
        ("x=a;b&y=é", [("x", "a;b"), ("y", "é")]),
    ],
    ids=["empty", "one", "blanks-and-empty-pieces", "repeats-and-equals", "semicolon-and-non-ascii"],
)
def test_query_without_escapes_is_split_as_sent(query: str, pairs: list[tuple[str, str]]) -> None:
    assert parse_pairs(query, "query string") == pairs


@pytest.mark.parametrize(
    ("query", "pairs"),
    [
        ("Name=Jan+de+Vries", [("Name", "Jan de Vries")]),
        ("Name=caf%C3%A9&Sign=%2B", [("Name", "café"), ("Sign", "+")]),
        ("a+b=%26&c=%3D", [("a b", "&"), ("c", "=")]),
    ],
    ids=["plus-is-space", "percent-escapes", "escaped-separators"],
)
def test_query_with_escapes_is_decoded(query: str, pairs: list[tuple[str, str]]) -> None:
    assert parse_pairs(query, "query string") == pairs


def asgi_get(app: FastAPI, query: str) -> tuple[int, bytes]:
    """One GET straight through ASGI, no Content-Length or Transfer-Encoding; reading its body is an error."""
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": ENDPOINT,
        "raw_path": ENDPOINT.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
        "state": {},
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        raise AssertionError("a request that declares no body was read")

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0]["status"], body


def test_request_without_content_length_or_transfer_encoding_is_not_read(app: FastAPI, api: Api) -> None:
    status, body = asgi_get(app, urlencode(api.query("getAgendas", {})))
    assert status == 200
    assert status_of(etree.fromstring(body)) == "success"


def test_chunked_form_body_is_read(api: Api) -> None:
    def chunks() -> Iterator[bytes]:
        # No length known up front: the client sends Transfer-Encoding: chunked.
        yield urlencode(api.query("getAgenda", {"Id": 270})).encode()

    response = api.client.post(
        ENDPOINT, content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 200
    assert etree.fromstring(response.content).findtext("Agenda/Id") == "270"
