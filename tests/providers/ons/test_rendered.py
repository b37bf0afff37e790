"""Cached response bytes: identical to rendering afresh, and never stale after a write."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mockserver.core.render import json_bytes
from mockserver.providers.ons import xml
from mockserver.providers.ons.models import CLIENT, TEAM, to_wire
from mockserver.providers.ons.rendered import UNCACHED, RenderCache
from mockserver.providers.ons.respond import JSON, XML, list_body, object_body
from tests.providers.ons.conftest import XML as ACCEPT_XML


def test_get_client_after_update_answers_the_new_values_in_json_and_xml(ons: TestClient) -> None:
    before_json = ons.get("/ons/t/clients/1").json()
    before_xml = ons.get("/ons/t/clients/1", headers=ACCEPT_XML).text
    listed = ons.get("/ons/t/clients/multiple?id=1").json()["clients"]
    assert before_json["hometown"] != "Lichtenvoorde" and listed == [before_json]
    assert "<hometown>Lichtenvoorde</hometown>" not in before_xml

    assert ons.put("/ons/t/clients/1", json={"hometown": "Lichtenvoorde"}).status_code == 202

    assert ons.get("/ons/t/clients/1").json()["hometown"] == "Lichtenvoorde"
    assert "<hometown>Lichtenvoorde</hometown>" in ons.get("/ons/t/clients/1", headers=ACCEPT_XML).text
    assert ons.get("/ons/t/clients/multiple?id=1").json()["clients"][0]["hometown"] == "Lichtenvoorde"


def test_list_teams_after_a_delete_leaves_the_team_out(ons: TestClient, app: object) -> None:
    first = [t["id"] for t in ons.get("/ons/t/teams").json()["teams"]]
    app.state.mock.store("ons", "TE1002").delete_record("teams", first[0])  # type: ignore[attr-defined]
    assert [t["id"] for t in ons.get("/ons/t/teams").json()["teams"]] == first[1:]


def test_list_body_from_cached_items_equals_rendering_the_whole_list(ons: TestClient, app: object) -> None:
    store = app.state.mock.store("ons", "TE1002")  # type: ignore[attr-defined]
    teams = store.all("teams")
    wires = [to_wire(TEAM, t) for t in teams]
    for _ in range(2):  # cold, then from the cache
        assert list_body(TEAM, teams, JSON, store.renders) == json_bytes({"teams": wires})
        assert list_body(TEAM, teams, XML, store.renders) == xml.list_document("teams", "team", wires)
    assert list_body(TEAM, [], JSON, store.renders) == json_bytes({"teams": []})
    assert list_body(TEAM, [], XML, store.renders) == xml.list_document("teams", "team", [])


def test_render_cache_serves_the_same_bytes_until_cleared() -> None:
    cache = RenderCache()
    record = {"id": 7, "name": "Jansen", "bsn": "123456782"}
    first = cache.json(CLIENT, record)
    assert first == UNCACHED.json(CLIENT, record) and b"bsn" not in first
    assert cache.json(CLIENT, record) is first
    assert object_body(CLIENT, record, XML, cache) == xml.document("client", to_wire(CLIENT, record))
    record["name"] = "de Vries"
    cache.clear()
    assert b"de Vries" in cache.json(CLIENT, record)
    assert b"de Vries" in cache.xml_element(CLIENT, record)


def test_render_cache_for_an_equal_but_different_record_renders_it_afresh() -> None:
    cache = RenderCache()
    cache.json(CLIENT, {"id": 7, "name": "Jansen"})
    assert b"Bakker" in cache.json(CLIENT, {"id": 7, "name": "Bakker"})


def test_render_cache_starts_afresh_past_its_size_bound() -> None:
    cache = RenderCache(max_entries=2)
    records = [{"id": n} for n in range(5)]
    assert [cache.json(CLIENT, r) for r in records] == [b'{"id":%d}' % n for n in range(5)]
    assert len(cache._entries) <= 2


def test_list_cache_tells_lists_apart_by_their_records_and_order() -> None:
    cache = RenderCache()
    first, second = {"id": 1}, {"id": 2}
    assert cache.list_body(CLIENT, [first, second], False) == b'{"clients":[{"id":1},{"id":2}]}'
    assert cache.list_body(CLIENT, [second, first], False) == b'{"clients":[{"id":2},{"id":1}]}'
    assert cache.list_body(CLIENT, [first], True) == xml.list_document("clients", "client", [first])
    first["id"] = 3
    cache.clear()
    assert cache.list_body(CLIENT, [first, second], False) == b'{"clients":[{"id":3},{"id":2}]}'
