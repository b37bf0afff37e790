"""The journal keeps request bodies (bounded, decoded, redacted) and verification matches on them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings

JSON = {"Accept": "application/json"}
XML = b'<?xml version="1.0"?><client xmlns="urn:x"><firstName>Jan</firstName><password>s3</password></client>'


def count(client: TestClient, **query: object) -> int:
    response = client.post("/__admin/requests/count", json=query)
    assert response.status_code == 200, response.text
    return int(response.json()["count"])


def test_a_json_body_is_kept_with_status_and_size_and_matched(client: TestClient) -> None:
    created = client.post("/ons/t/clients", json={"firstName": "Jan", "birthName": "Smit"}, headers=JSON)
    assert created.status_code == 201
    entry = client.get("/__admin/requests", params={"provider": "ons"}).json()["requests"][0]
    assert entry["request_body"] == {"firstName": "Jan", "birthName": "Smit"}
    assert entry["request_body_encoding"] == "json"
    assert entry["request_body_truncated"] is False
    assert entry["status"] == 201
    assert entry["response_bytes"] == len(created.content)
    assert count(client, body_json={"firstName": "Jan"}) == 1
    assert count(client, body_json={"firstName": "Piet"}) == 0
    assert count(client, body_contains="Smit") == 1
    assert count(client, body_contains="Jansen") == 0
    found = client.get("/__admin/requests", params={"body_json": '{"birthName": "Smit"}'}).json()
    assert found["total"] == 1


def test_xml_bodies_match_by_xpath_and_secret_fields_are_redacted(client: TestClient) -> None:
    client.post("/ons/t/clients", content=XML, headers={"Content-Type": "application/xml"})
    assert count(client, body_xpath="//*[local-name()='firstName' and text()='Jan']") == 1
    assert count(client, body_xpath="//*[local-name()='firstName' and text()='Piet']") == 0
    client.post("/onlineafspraken/APIREST", data={"method": "getAgendas", "api_signature": "abc123"})
    texts = [e["request_body"] for e in client.get("/__admin/requests").json()["requests"]]
    assert texts[0] == "method=getAgendas&api_signature=<redacted>"
    assert "<password>&lt;redacted&gt;</password>" in texts[1]
    assert count(client, body_contains="abc123") == 0
    assert count(client, body_contains="s3<") == 0


def test_a_bad_xpath_or_json_pattern_is_400(client: TestClient) -> None:
    response = client.post("/__admin/requests/count", json={"body_xpath": "//["})
    assert response.status_code == 400
    assert response.json()["error"].startswith("body_xpath: ")
    response = client.get("/__admin/requests", params={"body_json": "{"})
    assert response.status_code == 400
    assert response.json()["error"].startswith("body_json: not JSON")


@pytest.mark.parametrize("expression", ["\x1f", "//a[text()='\x00']"])
def test_an_xpath_with_a_control_character_is_400(client: TestClient, expression: str) -> None:
    response = client.get("/__admin/requests", params={"body_xpath": expression})
    assert response.status_code == 400
    assert response.json()["error"].startswith("body_xpath: ")


def test_an_xml_body_with_a_doctype_never_matches(client: TestClient) -> None:
    evil = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "Jan">]><a>&e;</a>'
    client.post("/ons/t/clients", content=evil, headers={"Content-Type": "application/xml"})
    assert count(client, body_xpath="//a") == 0


def test_bodies_are_cut_at_the_journal_body_bytes(clock: Clock) -> None:
    with TestClient(create_app(Settings(seed=1234, journal_body_bytes=10), clock=clock)) as client:
        client.post("/ons/t/clients", json={"firstName": "Jan", "birthName": "Smit"}, headers=JSON)
        entry = client.get("/__admin/requests").json()["requests"][0]
    assert entry["request_body"] == '{"firstNam'
    assert entry["request_body_truncated"] is True
