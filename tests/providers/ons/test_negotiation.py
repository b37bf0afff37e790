"""Accept picks JSON or XML (q-weights, wildcards, 406); Content-Type is required, one type, charset optional."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from mockserver.settings import Settings
from tests.providers.ons.conftest import HR, MakeClient, entries


@pytest.mark.parametrize(
    ("accept", "status", "content_type"),
    [
        (None, 200, "application/json"),
        ("application/json", 200, "application/json"),
        ("application/xml", 200, "application/xml"),
        ("text/xml", 200, "text/xml"),
        ("application/json,application/xml", 200, "application/json"),
        ("application/xml,application/json", 200, "application/xml"),
        ("application/json;q=0.5,application/xml", 200, "application/xml"),
        ("application/xml;q=0.1, application/json;q=0.9", 200, "application/json"),
        ("*/*", 200, "application/json"),
        ("application/*", 200, "application/json"),
        ("text/html, */*;q=0.1", 200, "application/json"),
        ("text/html", 406, "application/json"),
        ("application/json;q=0", 406, "application/json"),
        ("application/x-ndjson", 406, "application/json"),
        ("garbage", 406, "application/json"),
    ],
)
def test_get_client_negotiates_accept(shared: TestClient, accept: str | None, status: int, content_type: str) -> None:
    headers = {"X-Client-Cert-CN": HR}
    if accept is not None:
        headers["Accept"] = accept
    response = shared.get("/ons/t/clients/1", headers=headers)
    assert response.status_code == status
    assert response.headers["content-type"].startswith(content_type)


def test_get_client_as_xml_has_client_root_and_wrapped_lists(ons: TestClient) -> None:
    response = ons.get("/ons/t/clients/1001", headers={"Accept": "application/xml"})
    root = etree.fromstring(response.content)
    assert root.tag == "client"
    assert root.findtext("id") == "1001"
    assert root.find("careAllocations/careAllocation/clientId").text == "1001"
    assert root.find("bsn") is None  # kept by the emulator, never rendered


def test_list_teams_as_xml_is_a_wrapper_of_team_elements(ons: TestClient) -> None:
    root = etree.fromstring(ons.get("/ons/t/teams", headers={"Accept": "application/xml"}).content)
    assert root.tag == "teams"
    assert {child.tag for child in root} == {"team"}
    assert len(root) == len(ons.get("/ons/t/teams").json()["teams"])


def test_errors_come_in_the_negotiated_format(ons: TestClient) -> None:
    response = ons.get("/ons/t/clients/999999", headers={"Accept": "application/xml"})
    assert response.status_code == 404
    root = etree.fromstring(response.content)
    assert root.tag == "errorResponse"
    assert root.findtext("errorResponseEntries/errorResponseEntry/message") == "client 999999 not found"


def test_errors_for_an_unsatisfiable_accept_come_as_json(ons: TestClient) -> None:
    response = ons.get("/ons/t/clients/1", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert entries(response)[0]["field"] == "Accept"


@pytest.mark.parametrize(
    ("content_type", "body", "status"),
    [
        ("application/json", b'{"birthName": "Bakker"}', 201),
        ("application/json; charset=utf-8", b'{"birthName": "Bakker"}', 201),
        ("application/json;charset=UTF-8", b'{"birthName": "Bakker"}', 201),
        ("application/xml;charset=utf-8", b"<client><birthName>Bakker</birthName></client>", 201),
        ("text/xml", b"<client><birthName>Bakker</birthName></client>", 201),
        (None, b'{"birthName": "Bakker"}', 400),
        ("", b'{"birthName": "Bakker"}', 400),
        ("text/plain", b'{"birthName": "Bakker"}', 400),
        ("application/json, application/xml", b'{"birthName": "Bakker"}', 400),
        ("application/json; charset=latin-1", b'{"birthName": "Bakker"}', 400),
        ("application/*", b'{"birthName": "Bakker"}', 400),
        ("multipart/form-data; boundary=x", b"--x--", 400),
    ],
)
def test_create_client_checks_content_type(
    shared: TestClient, content_type: str | None, body: bytes, status: int
) -> None:
    headers = {} if content_type is None else {"Content-Type": content_type}
    response = shared.post("/ons/t/clients", content=body, headers=headers)
    assert response.status_code == status
    if status == 400:
        assert entries(response)[0]["field"] == "Content-Type"


def test_unsupported_media_type_415_switch(make_client: MakeClient) -> None:
    client = make_client(unsupported_media_type_415=True)
    response = client.put("/ons/t/clients/1", content=b"birthName=x", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert entries(response)[0]["field"] == "Content-Type"


@pytest.mark.parametrize(
    ("content_type", "body", "field"),
    [
        ("application/json", b"{not json", "body"),
        ("application/json", b"[1, 2]", "body"),
        ("application/json", b"", "body"),
        ("application/json", b'"text"', "body"),
        ("application/json", b'{"birthName": "B", "civilStatus": "married"}', "civilStatus"),
        ("application/json", b'{"birthName": "B", "dateOfBirth": "31-12-1950"}', "dateOfBirth"),
        ("application/json", b'{"birthName": "B", "secretClient": "yes"}', "secretClient"),
        ("application/json", b'{"birthName": "B", "civilStatus": 99999999999}', "civilStatus"),
        ("application/json", b'{"birthName": {"nested": 1}}', "birthName"),
        ("application/json", b'{"birthName": "B", "pronounsType": "HIM"}', "pronounsType"),
        ("application/json", b'{"birthName": "B\\u0000"}', "birthName"),
        ("application/json", b'{"firstName": "Zonder achternaam"}', "birthName"),
        ("application/xml", b"<client><birthName>B</birthName", "body"),
        ("application/xml", b"<employee><birthName>B</birthName></employee>", "body"),
        ("application/xml", b"<client><birthName>B</birthName><civilStatus>x</civilStatus></client>", "civilStatus"),
        (
            "application/xml",
            b'<!DOCTYPE client [<!ENTITY e SYSTEM "file:///etc/passwd">]><client><birthName>&e;</birthName></client>',
            "body",
        ),
    ],
)
def test_create_client_with_bad_body_is_400_naming_the_field(
    shared: TestClient, content_type: str, body: bytes, field: str
) -> None:
    response = shared.post("/ons/t/clients", content=body, headers={"Content-Type": content_type})
    assert response.status_code == 400, response.text
    assert field in [e["field"] for e in entries(response)]
    assert "root:" not in response.text


def test_bad_body_reports_every_bad_field(ons: TestClient) -> None:
    body = {"birthName": "B", "civilStatus": "x", "dateOfBirth": "gisteren", "secretClient": 3}
    response = ons.post("/ons/t/clients", json=body)
    assert {e["field"] for e in entries(response)} == {"civilStatus", "dateOfBirth", "secretClient"}
    assert {e["value"] for e in entries(response)} == {"x", "gisteren", "3"}


def test_oversized_body_is_the_vendors_400(clock: object) -> None:
    from mockserver.app import create_app

    client = TestClient(create_app(Settings(seed=1234, max_body_bytes=64), clock=clock))  # type: ignore[arg-type]
    big = b'{"birthName": "' + b"x" * 100 + b'"}'
    response = client.post("/ons/t/clients", content=big, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "larger than 64 bytes" in entries(response)[0]["message"]


def test_xml_body_values_are_typed_like_json(ons: TestClient) -> None:
    xml_body = (
        b"<client><birthName>Visser</birthName><civilStatus>2</civilStatus><secretClient>true</secretClient>"
        b"<dateOfBirth>1950-01-02</dateOfBirth><careAllocations><careAllocation><id>1</id></careAllocation>"
        b"</careAllocations></client>"
    )
    location = ons.post("/ons/t/clients", content=xml_body, headers={"Content-Type": "application/xml"}).headers[
        "location"
    ]
    client = ons.get(location).json()
    assert (client["civilStatus"], client["secretClient"], client["dateOfBirth"]) == (2, True, "1950-01-02")
    assert client["careAllocations"] == []  # nested lists are managed by the server, not by the body
