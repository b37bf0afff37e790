"""XML bodies with a DOCTYPE (entity declarations) are refused with the vendor's 400, not read with text cut off."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.providers.ons.conftest import entries

XML = {"Content-Type": "application/xml", "Accept": "application/json"}
REFUSED = [{"field": "body", "message": "a DOCTYPE or entity declaration is not accepted in the body"}]


@pytest.mark.parametrize(
    "body",
    [
        b'<!DOCTYPE client [<!ENTITY xxe "X">]><client><birthName>a&xxe;b</birthName></client>',
        b'<!DOCTYPE client SYSTEM "http://127.0.0.1:1/evil.dtd"><client><birthName>ab</birthName></client>',
        b'<!DOCTYPE client [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><client><birthName>&xxe;</birthName></client>',
        b"<!DOCTYPE client><client><birthName>ab</birthName></client>",
    ],
    ids=["internal-entity", "external-dtd", "external-entity", "bare-doctype"],
)
def test_xml_body_with_a_doctype_is_the_vendors_400(ons: TestClient, body: bytes) -> None:
    before = len(ons.get("/ons/t/clients/x-stream-connect/data").json()["clients"])
    response = ons.post("/ons/t/clients", content=body, headers=XML)
    assert response.status_code == 400
    assert [{k: e[k] for k in ("field", "message")} for e in entries(response)] == REFUSED
    assert len(ons.get("/ons/t/clients/x-stream-connect/data").json()["clients"]) == before


def test_undeclared_entity_in_a_value_is_a_400_not_a_cut_value(ons: TestClient) -> None:
    body = b"<client><birthName>a&xxe;b</birthName></client>"
    response = ons.post("/ons/t/clients", content=body, headers=XML)
    assert response.status_code == 400
    assert entries(response)[0]["message"].startswith("the body is not well-formed XML: Entity 'xxe' not defined")


def test_character_references_are_still_read(ons: TestClient) -> None:
    body = b"<client><birthName>a&amp;b&#65;</birthName></client>"
    location = ons.post("/ons/t/clients", content=body, headers=XML).headers["location"]
    assert ons.get(location).json()["birthName"] == "a&bA"
