"""The dashboard's page: public, small, self-contained; its data only through the admin API and its token."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings

TOKEN = "dash-token"
ONS_CN = {"X-Client-Cert-CN": "hr_integration-TE1002-free_text"}
#: What the page pulls in: stylesheets, scripts, the icon, and the modules the scripts import.
REFERENCE = re.compile(r'(?:href|src)="([^"]+)"|from "(\./[^"]+)"')


def page_files(client: TestClient) -> dict[str, bytes]:
    """The page and every file it references, followed through the scripts' imports, by URL."""
    found: dict[str, bytes] = {}
    todo = ["http://testserver/__admin/ui"]
    while todo:
        url = todo.pop()
        if url in found:
            continue
        answer = client.get(url)
        assert answer.status_code == 200, url
        found[url] = answer.content
        for match in REFERENCE.finditer(answer.text):
            todo.append(urljoin(url, match.group(1) or match.group(2)))
    return found


@pytest.fixture
def guarded(clock: Clock) -> TestClient:
    return TestClient(create_app(Settings(seed=1234, admin_token=TOKEN), clock=clock))


def test_the_page_and_what_it_loads_weigh_under_200_kb(client: TestClient) -> None:
    files = page_files(client)
    assert len(files) >= 10  # the page, two stylesheets, the icon and the scripts
    assert sum(len(content) for content in files.values()) < 200 * 1024


def test_the_page_loads_nothing_from_elsewhere(client: TestClient) -> None:
    for url, content in page_files(client).items():
        content = content.replace(b'xmlns="http://www.w3.org/2000/svg"', b"")  # a name, not a place
        assert b"http://" not in content and b"https://" not in content, url
    policy = client.get("/__admin/ui").headers["content-security-policy"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy


def test_with_a_token_the_page_is_public_and_holds_no_data(guarded: TestClient) -> None:
    files = page_files(guarded)
    shell = files["http://testserver/__admin/ui"].decode()
    assert "1234" not in shell and "TE1002" not in shell  # no seed, no tenant: the data comes with the token
    assert guarded.get("/").status_code == 200


def admin_paths(client: TestClient) -> list[tuple[str, str]]:
    """Every operation of the admin document, its path parameters filled in with names that exist."""
    document = client.get("/__admin/openapi.json", headers={"Authorization": f"Bearer {TOKEN}"}).json()
    filled = {"{provider}": "ons", "{collection}": "clients", "{name}": "ons-maintenance"}
    out = []
    for path, operations in document["paths"].items():
        for name, value in filled.items():
            path = path.replace(name, value)
        out.extend((method.upper(), "/__admin" + path) for method in operations)
    return out


def test_with_a_token_no_data_route_answers_without_it(guarded: TestClient) -> None:
    guarded.get("/ons/t/teams", headers=ONS_CN)  # something in the journal and a store built
    operations = admin_paths(guarded)
    assert ("GET", "/__admin/requests") in operations and ("GET", "/__admin/providers") in operations
    for method, path in [*operations, ("GET", "/__admin/openapi.json"), ("GET", "/__admin/docs")]:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
            answer = guarded.request(method, path, headers=headers)
            assert answer.status_code == 401, (method, path, headers)
            assert answer.json() == {"error": "the admin API needs 'Authorization: Bearer <admin token>'"}
    good = {"Authorization": f"Bearer {TOKEN}"}
    assert guarded.get("/__admin/providers", headers=good).status_code == 200
    assert guarded.get("/__admin/requests", headers=good).json()["total"] == 1


def test_the_journal_does_no_work_for_a_page_that_is_not_open(client: TestClient, app: object) -> None:
    """A request only keeps what it saw: the time, headers and bodies are formatted when someone reads them."""
    for _ in range(3):
        assert client.get("/ons/t/teams", headers=ONS_CN).status_code == 200
    journal = app.state.mock.journal  # type: ignore[attr-defined]
    entries = journal.find()
    assert len(entries) == 3
    for entry in entries:  # what the request left: the stamp, the headers packed as received, the body's bytes
        assert entry.time == "" and entry.stamp is not None
        assert isinstance(entry.raw_headers, bytes)
        assert entry.kept().response_body
    # Nothing else is kept per request: no queue, no subscriber; the page asks for what is new when it polls.
    held = {"_entries", "_weights", "_lock", "maxlen", "max_bytes", "body_bytes", "bytes", "added"}
    assert set(vars(journal)) == held
    polled = client.get("/__admin/requests", params={"after": 2}).json()["requests"]
    assert [e["seq"] for e in polled] == [3]
    assert polled[0]["time"] == "2026-03-02T09:30:00.000+00:00"
    # Reading formats a copy and keeps none of it: the entry weighs what it weighed.
    assert entries[0].time == "" and isinstance(entries[0].raw_headers, bytes)


def test_the_page_is_not_where_an_asset_name_leads_elsewhere(client: TestClient) -> None:
    for name in ("dashboard.html", "..%2Fui.py", "nope.js", "../router.py"):
        assert client.get(f"/__admin/ui/{name}").status_code == 404, name
