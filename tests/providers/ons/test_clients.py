"""/t/clients: 201 + Location on create, 202 on update, lookups, 409 on duplicates and stale writes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from mockserver.core.clock import Clock
from tests.providers.ons.conftest import MakeClient, entries


def test_create_client_answers_201_without_body_and_a_location_that_reaches_it(ons: TestClient) -> None:
    response = ons.post("/ons/t/clients", json={"firstName": "Jan Willem", "birthName": "Smit", "gender": "M"})
    assert response.status_code == 201
    assert response.content == b""
    location = response.headers["location"]
    assert location.startswith("/ons/t/clients/")
    created = ons.get(location).json()
    assert created["id"] == int(location.rsplit("/", 1)[1])
    assert (created["lastName"], created["initials"], created["name"]) == ("Smit", "J.W.", "J.W. Smit")
    assert created["createdAt"] == created["updatedAt"] == "2026-03-02T10:30:00.000+01:00"
    assert len(created["uuid"]) == 36 and created["identificationNo"]


def test_create_client_in_spec_mode_answers_200_with_the_client(make_client: MakeClient) -> None:
    client = make_client(spec_mode=True)
    response = client.post("/ons/t/clients", json={"birthName": "Smit"})
    assert response.status_code == 200
    assert "location" not in response.headers
    assert client.get(f"/ons/t/clients/{response.json()['id']}").json() == response.json()


def test_create_client_with_an_existing_identification_number_is_409(ons: TestClient) -> None:
    response = ons.post("/ons/t/clients", json={"birthName": "Dubbel", "identificationNo": "100001"})
    assert response.status_code == 409
    assert entries(response) == [
        {
            "field": "identificationNo",
            "value": "100001",
            "message": "a client with identificationNo '100001' already exists",
        }
    ]


def test_get_client_returns_camel_case_fields_and_vendor_formats(ons: TestClient) -> None:
    client = ons.get("/ons/t/clients/1").json()
    assert client["id"] == 1 and client["identificationNo"] == "100001" and client["givenName"] == "Jannie"
    assert client["dateOfBirth"] == "1938-05-17"
    assert client["createdAt"].endswith("+01:00") and client["createdAt"][19] == "."
    assert "bsn" not in client and None not in client.values()


@pytest.mark.parametrize(
    ("path", "status", "field"),
    [
        ("/ons/t/clients/999999", 404, "id"),
        ("/ons/t/clients/abc", 400, "id"),
        ("/ons/t/clients/-1", 400, "id"),
        ("/ons/t/clients/1.5", 400, "id"),
        ("/ons/t/clients/99999999999999999999", 400, "id"),
        ("/ons/t/clients/by_identification_no/nope", 404, "identificationNo"),
        ("/ons/t/clients/by_uuid/not-a-uuid", 404, "uuid"),
        ("/ons/t/clients/by_bsn", 400, "bsn"),
        ("/ons/t/clients/by_bsn?bsn=", 400, "bsn"),
        ("/ons/t/clients/by_bsn?bsn=000000000", 404, "bsn"),
        ("/ons/t/clients/by_bsn?bsn=111222333", 409, "bsn"),
        ("/ons/t/clients/multiple", 400, "id"),
        ("/ons/t/clients/multiple?id=1&id=x", 400, "id"),
        ("/ons/t/clients/abc/care_plans", 400, "client_id"),
        ("/ons/t/clients/999999/active_care_plan", 404, "id"),
    ],
)
def test_client_lookups_fail_with_the_vendor_status(shared: TestClient, path: str, status: int, field: str) -> None:
    response = shared.get(path)
    assert response.status_code == status
    assert entries(response)[0]["field"] == field


def test_get_client_by_identification_no_uuid_and_bsn_find_the_same_client(ons: TestClient) -> None:
    client = ons.get("/ons/t/clients/1").json()
    assert ons.get("/ons/t/clients/by_identification_no/100001").json() == client
    assert ons.get(f"/ons/t/clients/by_uuid/{client['uuid']}").json() == client
    assert ons.get("/ons/t/clients/by_bsn", params={"bsn": "123456782"}).json() == client


def test_get_multiple_clients_returns_a_wrapper_in_the_order_asked_skipping_unknown_ids(ons: TestClient) -> None:
    body = ons.get("/ons/t/clients/multiple?id=1002&id=1&id=424242&id=1").json()
    assert list(body) == ["clients"]
    assert [c["id"] for c in body["clients"]] == [1002, 1]
    assert [c["id"] for c in ons.get("/ons/t/clients/multiple?id=3,2").json()["clients"]] == [3, 2]


def test_update_client_answers_202_without_body_and_keeps_unsent_fields(ons: TestClient, clock: Clock) -> None:
    clock.advance(60)
    response = ons.put("/ons/t/clients/1", json={"hometown": "Lichtenvoorde"})
    assert response.status_code == 202 and response.content == b""
    client = ons.get("/ons/t/clients/1").json()
    assert (client["hometown"], client["givenName"]) == ("Lichtenvoorde", "Jannie")
    assert client["updatedAt"] == "2026-03-02T10:31:00.000+01:00"


def test_update_client_in_spec_mode_answers_200_with_the_client(make_client: MakeClient) -> None:
    client = make_client(spec_mode=True)
    response = client.put("/ons/t/clients/1", json={"religion": "Geen"})
    assert response.status_code == 200 and response.json()["religion"] == "Geen"


def test_update_client_with_stale_updated_at_is_409(ons: TestClient, clock: Clock) -> None:
    read = ons.get("/ons/t/clients/1").json()
    clock.advance(5)
    assert ons.put("/ons/t/clients/1", json={"hometown": "Eibergen", "updatedAt": read["updatedAt"]}).status_code == 202
    stale = ons.put("/ons/t/clients/1", json={"hometown": "Neede", "updatedAt": read["updatedAt"]})
    assert stale.status_code == 409
    assert entries(stale)[0]["field"] == "updatedAt"
    assert ons.get("/ons/t/clients/1").json()["hometown"] == "Eibergen"


def test_update_client_to_another_clients_identification_number_is_400(ons: TestClient) -> None:
    response = ons.put("/ons/t/clients/2", json={"identificationNo": "100001"})
    assert response.status_code == 400
    assert entries(response)[0]["field"] == "identificationNo"


def test_update_client_with_a_different_id_in_the_body_is_400(ons: TestClient) -> None:
    response = ons.put("/ons/t/clients/2", json={"id": 3})
    assert response.status_code == 400 and entries(response)[0]["field"] == "id"


def test_update_unknown_client_is_404(ons: TestClient) -> None:
    assert ons.put("/ons/t/clients/777777", json={"hometown": "X"}).status_code == 404


def test_client_bsn_can_be_written_and_found_but_is_never_shown(ons: TestClient) -> None:
    location = ons.post("/ons/t/clients", json={"birthName": "Mulder", "bsn": "987654321"}).headers["location"]
    found = ons.get("/ons/t/clients/by_bsn?bsn=987654321").json()
    assert location.endswith(f"/{found['id']}") and "bsn" not in found


def test_client_care_plan_sub_resources(ons: TestClient) -> None:
    plans = ons.get("/ons/t/clients/1/care_plans").json()
    assert list(plans) == ["carePlans"] and [p["status"] for p in plans["carePlans"]] == ["ACTIVE"]
    assert ons.get("/ons/t/clients/1/active_care_plan").json()["id"] == 1


def test_get_client_without_a_draft_care_plan_is_204(ons: TestClient) -> None:
    response = ons.get("/ons/t/clients/1/draft_care_plan")
    assert response.status_code == 204 and response.content == b""


def test_wrong_method_on_a_client_is_405_in_the_vendor_envelope(ons: TestClient) -> None:
    response = ons.delete("/ons/t/clients/1")
    assert response.status_code == 405
    assert "DELETE" in entries(response)[0]["message"]


def test_unknown_path_is_404_in_the_vendor_envelope(ons: TestClient) -> None:
    response = ons.get("/ons/t/cliens")
    assert response.status_code == 404
    assert entries(response)[0]["message"] == "no such resource: GET /ons/t/cliens"


def test_location_on_a_provider_port_is_the_vendors_own_path(clock: Clock) -> None:
    from mockserver.app import create_app
    from mockserver.settings import Settings

    # TestClient talks to port 80, so serving Ons "on its own port 80" puts it at the root.
    with TestClient(create_app(Settings(seed=1234, provider_ports={"ons": 80}), clock=clock)) as root:
        response = root.post("/t/clients", json={"birthName": "Poort"})
        assert response.status_code == 201
        location = response.headers["location"]
        assert location.startswith("/t/clients/")
        assert root.get(location).json()["birthName"] == "Poort"


def test_curl_example_path_returns_a_client(ons: TestClient, app: object) -> None:
    provider = app.state.registry.by_name["ons"].provider  # type: ignore[attr-defined]
    line = provider.curl_example(app.state.mock.configs["ons"], "http://testserver")  # type: ignore[attr-defined]
    url = line.rsplit(" ", 1)[1]
    cn = line.split("X-Client-Cert-CN: ", 1)[1].split("'", 1)[0]
    response = ons.get(url, headers={"X-Client-Cert-CN": cn})
    assert response.status_code == 200 and response.json()["id"] == 1


@pytest.mark.parametrize("moment", ["9999-12-31T23:30:00+00:00", "0001-01-01T00:30:00+05:00", "0001-01-01"])
def test_update_client_with_a_timestamp_at_the_edge_of_time_is_400(ons: TestClient, moment: str) -> None:
    response = ons.put("/ons/t/clients/1", json={"deathDate": moment})
    assert response.status_code == 400 and entries(response)[0]["field"] == "deathDate"


def test_lookup_by_identification_no_follows_an_update(ons: TestClient) -> None:
    assert ons.get("/ons/t/clients/by_identification_no/100002").json()["id"] == 2
    assert ons.put("/ons/t/clients/2", json={"identificationNo": "200002"}).status_code == 202
    assert ons.get("/ons/t/clients/by_identification_no/100002").status_code == 404
    assert ons.get("/ons/t/clients/by_identification_no/200002").json()["id"] == 2
    assert ons.post("/ons/t/clients", json={"birthName": "X", "identificationNo": "100002"}).status_code == 201


@pytest.mark.parametrize("collection", ["clients", "employees"])
def test_create_with_last_name_only_takes_the_birth_name_from_it(ons: TestClient, collection: str) -> None:
    response = ons.post(f"/ons/t/{collection}", json={"firstName": "Anna", "lastName": "de Boer"})
    assert response.status_code == 201
    created = ons.get(response.headers["location"]).json()
    assert (created["birthName"], created["lastName"], created["name"]) == ("de Boer", "de Boer", "A. de Boer")


@pytest.mark.parametrize("collection", ["clients", "employees"])
def test_create_without_any_name_is_400_and_creates_nothing(ons: TestClient, collection: str) -> None:
    before = ons.get("/__admin/state/ons/" + collection, params={"tenant": "TE1002"}).json()["records"]
    response = ons.post(f"/ons/t/{collection}", json={"firstName": "Anna", "lastName": ""})
    assert response.status_code == 400
    assert entries(response) == [{"field": "birthName", "value": None, "message": "birthName is required"}]
    assert ons.get("/__admin/state/ons/" + collection, params={"tenant": "TE1002"}).json()["records"] == before


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        # Amsterdam's offset had seconds before 1937 (+00:19:32): shown at the whole minute, the same instant.
        ("0683-10-04T18:50:14.000+00:00", "0683-10-04T19:10:14.000+00:20"),
        ("1930-06-01T12:00:00.000Z", "1930-06-01T13:20:00.000+01:20"),
        ("2026-07-02T10:30:00.000Z", "2026-07-02T12:30:00.000+02:00"),
    ],
)
def test_old_instants_render_with_an_offset_in_whole_minutes(ons: TestClient, sent: str, shown: str) -> None:
    assert ons.put("/ons/t/clients/1", json={"deathDate": sent}).status_code == 202
    assert ons.get("/ons/t/clients/1").json()["deathDate"] == shown
