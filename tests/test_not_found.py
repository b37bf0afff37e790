"""A path no route serves gets the envelope of the provider whose prefix it is under, never FastAPI's."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from lxml import etree


@pytest.mark.parametrize("path", ["/ons/t/nowhere", "/ons/t/clients/1/nothing", "/ons/elsewhere"])
def test_unknown_ons_path_is_a_404_error_response(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {
        "errorResponseEntries": [{"field": None, "value": None, "message": f"no such resource: GET {path}"}]
    }


def test_unknown_ons_path_answers_in_the_negotiated_format(client: TestClient) -> None:
    response = client.get("/ons/t/nowhere", headers={"Accept": "application/xml"})
    assert response.status_code == 404
    root = etree.fromstring(response.content)
    assert root.tag == "errorResponse"
    entry = root.find("errorResponseEntries/errorResponseEntry")
    assert entry is not None
    assert entry.findtext("message") == "no such resource: GET /ons/t/nowhere"


def test_unknown_ons_record_names_itself(client: TestClient) -> None:
    response = client.get("/ons/t/clients/999999")
    assert response.status_code == 404
    assert response.json() == {
        "errorResponseEntries": [{"field": "id", "value": "999999", "message": "client 999999 not found"}]
    }


def test_unknown_onlineafspraken_path_is_a_failed_apirest_answer(client: TestClient) -> None:
    # The vendor answers HTTP 200 and says "failed" in the body (providers/onlineafspraken.md).
    response = client.get("/onlineafspraken/nowhere")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/xml")
    root = etree.fromstring(response.content)
    status = {child.tag: child.text for child in root.find("Status")}
    assert status == {
        "APIVersion": "1.0",
        "Date": "2026-03-02 10:30:00",
        "Timestamp": "1772443800",
        "Status": "failed",
        "Message": "no such resource: GET /onlineafspraken/nowhere",
        "Code": "M15",
    }


def test_path_outside_every_prefix_is_a_plain_404(client: TestClient) -> None:
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert response.json() == {"error": "no such resource: GET /nowhere"}
