"""The admin routes the dashboard reads: providers with curl lines, a tenant's collections, records a page at a time,
the journal since an entry, with responses."""

from __future__ import annotations

from fastapi.testclient import TestClient

ONS_CN = {"X-Client-Cert-CN": "hr_integration-TE1002-free_text"}
LEANLAW_KEY = {"Authorization": "Bearer ll-hartwell-full-0001"}


def test_providers_list_base_urls_tenants_credentials_and_curl_lines(client: TestClient) -> None:
    answer = client.get("/__admin/providers")
    assert answer.status_code == 200
    providers = {p["name"]: p for p in answer.json()["providers"]}
    assert list(providers) == ["ons", "onlineafspraken", "oncrawl", "leanlaw", "onix"]
    assert providers["ons"]["base_url"] == "http://testserver/ons"
    assert providers["onlineafspraken"]["base_url"] == "http://testserver/onlineafspraken/APIREST"
    assert providers["ons"]["tenants"] == ["TE1002", "DF0000"]
    assert providers["leanlaw"]["curl"] == (
        "curl -s -H 'Authorization: Bearer ll-hartwell-full-0001' "
        "'http://testserver/leanlaw/v2/clients?limit=2&select=contact'"
    )
    # A signature made on the server's clock (frozen at 2026-03-02T09:30:00Z), not a command to run first.
    assert "api_salt=1772443800&" in providers["onlineafspraken"]["curl"]
    assert "$(" not in providers["onlineafspraken"]["curl"]
    assert providers["onlineafspraken"]["curl_example"].startswith('curl -s "$(mockserver sign getAgendas')


def test_the_signed_line_works_until_its_salt_window_passes(client: TestClient) -> None:
    line = client.get("/__admin/providers").json()["providers"][1]["curl"]
    url = line.split("'")[1]
    # APIREST answers 200 either way; its Status element says whether the call was taken.
    assert "<Status>success</Status>" in client.get(url).text
    client.post("/__admin/clock", json={"action": "advance", "seconds": 301})
    assert "is more than 300 seconds older than the server time" in client.get(url).text


def test_a_tenants_collections_and_the_providers_tenants(client: TestClient) -> None:
    answer = client.get("/__admin/state/leanlaw", params={"tenant": "cascade"}).json()
    assert answer["tenant"] == "cascade"
    assert answer["tenants"] == ["hartwell", "cascade"]
    assert "practice_areas" in answer["collections"]
    assert client.get("/__admin/state/leanlaw").json()["tenant"] == "hartwell"
    unknown = client.get("/__admin/state/leanlaw", params={"tenant": "nobody"})
    assert unknown.status_code == 404
    assert unknown.json() == {"error": "leanlaw has no tenant 'nobody'; known tenants: hartwell, cascade"}
    assert client.get("/__admin/state/nope").status_code == 404


def test_records_come_a_page_at_a_time(client: TestClient) -> None:
    whole = client.get("/__admin/state/leanlaw/practice_areas").json()
    assert whole["total"] == 6 and whole["offset"] == 0 and len(whole["records"]) == 6
    page = client.get("/__admin/state/leanlaw/practice_areas", params={"offset": 4, "limit": 3}).json()
    assert page["total"] == 6 and page["offset"] == 4
    assert page["records"] == whole["records"][4:]
    assert client.get("/__admin/state/leanlaw/practice_areas", params={"offset": 9}).json()["records"] == []
    assert client.get("/__admin/state/leanlaw/practice_areas", params={"limit": 0}).status_code == 400


def test_the_journal_since_an_entry(client: TestClient) -> None:
    for _ in range(3):
        client.get("/ons/t/teams", headers=ONS_CN)
    everything = client.get("/__admin/requests").json()["requests"]
    assert [e["seq"] for e in everything] == [3, 2, 1]
    newer = client.get("/__admin/requests", params={"after": 1}).json()
    assert [e["seq"] for e in newer["requests"]] == [3, 2]
    assert newer["total"] == 3
    client.delete("/__admin/requests")
    client.get("/ons/t/teams", headers=ONS_CN)
    # Numbers go on across a clear: a poller that saw 3 sees the one entry added since.
    assert [e["seq"] for e in client.get("/__admin/requests", params={"after": 3}).json()["requests"]] == [4]


def test_an_entry_holds_the_response_headers_and_body(client: TestClient) -> None:
    created = client.post("/leanlaw/v2/practice-areas", json={"label": "Appeals"}, headers=LEANLAW_KEY)
    entry = client.get("/__admin/requests").json()["requests"][0]
    assert entry["response_headers"]["x-request-id"] == created.headers["x-request-id"]
    assert entry["response_headers"]["content-type"] == "application/json; charset=utf-8"
    assert entry["response_body_encoding"] == "json"
    assert entry["response_body"] == created.text
    assert entry["response_body_truncated"] is False
    assert entry["request_headers"]["authorization"] == "<redacted>"


def test_the_index_page_links_to_the_dashboard(client: TestClient) -> None:
    index = client.get("/")
    assert index.status_code == 200
    assert index.headers["content-type"].startswith("text/html")
    assert 'href="/__admin/ui"' in index.text
