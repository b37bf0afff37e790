"""Creates and sparse updates: status codes, what changes and what stays, modifiedAt on the virtual clock."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from mockserver.core.clock import Clock
from tests.providers.leanlaw.conftest import EMPTY_GUID, Api, MakeClient, first


def new_matter(api: Api, **extra: Any) -> dict[str, Any]:
    body = {
        "name": "Acme v. Roadrunner",
        "clientId": first(api, "/clients")["clientId"],
        "responsibleId": api.data("/users", role="attorney")[0]["userId"],
        **extra,
    }
    response = api.post("/matters", body)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def test_post_answers_201_by_default_and_200_when_switched(make_client: MakeClient) -> None:
    assert Api(make_client()).post("/clients", {"name": "Default LLC"}).status_code == 201
    assert Api(make_client(post_status=200)).post("/clients", {"name": "Spec LLC"}).status_code == 200


def test_create_expense_answers_without_a_body(api: Api) -> None:
    matter = new_matter(api)
    body = {"matterId": matter["matterId"], "date": "2026-03-02", "description": "Filing fee", "amount": 435}
    response = api.post("/expenses", body)
    assert response.status_code == 201
    assert response.content == b""
    stored = api.data("/expenses", matterId=matter["matterId"])
    assert [(e["description"], e["amount"], e["billed"]) for e in stored] == [("Filing fee", 435, False)]


def test_create_client_keeps_what_was_sent(api: Api) -> None:
    body = {"name": "Blue Harbor Co", "reference": "C7777", "contact": {"email": "ap@blueharbor.example"}}
    data = api.post("/clients", body).json()["data"]
    assert (data["name"], data["reference"], data["contact"]["email"]) == (
        "Blue Harbor Co",
        "C7777",
        body["contact"]["email"],
    )
    assert api.data(f"/clients/{data['clientId']}") == data


def test_update_is_sparse_missing_and_null_leave_values(api: Api) -> None:
    target = api.data(f"/clients/{first(api, '/clients')['clientId']}")
    response = api.put(
        f"/clients/{target['clientId']}", {"notes": "New notes", "name": None, "contact": {"fax": "555"}}
    )
    assert response.status_code == 200
    after = response.json()["data"]
    assert after["notes"] == "New notes"
    assert after["name"] == target["name"]
    assert after["reference"] == target["reference"]
    assert after["contact"] == {**target["contact"], "fax": "555"}


def test_modified_at_moves_on_every_write_with_the_clock(api: Api, clock: Clock) -> None:
    matter = new_matter(api)
    assert matter["meta"]["createdAt"] == matter["meta"]["modifiedAt"] == "2026-03-02T09:30:00.000Z"
    clock.advance(90)
    updated = api.put(f"/matters/{matter['matterId']}", {"notes": "Retainer received"}).json()["data"]
    assert updated["meta"] == {"createdAt": "2026-03-02T09:30:00.000Z", "modifiedAt": "2026-03-02T09:31:30.000Z"}


def test_empty_guid_clears_the_practice_area_and_null_keeps_it(api: Api) -> None:
    matter = new_matter(api)
    assert matter["practiceAreaId"] is not None  # the firm's default practice area
    kept = api.put(f"/matters/{matter['matterId']}", {"practiceAreaId": None}).json()["data"]
    assert kept["practiceAreaId"] == matter["practiceAreaId"]
    cleared = api.put(f"/matters/{matter['matterId']}", {"practiceAreaId": EMPTY_GUID}).json()["data"]
    assert cleared["practiceAreaId"] is None
    assert "practiceArea" not in cleared


def test_empty_guid_clears_a_time_entrys_fixed_fee(api: Api) -> None:
    matter = new_matter(api, matterType="fixedFee")
    fee = {"matterId": matter["matterId"], "date": "2026-03-02", "description": "Flat fee: formation", "amount": 2500}
    assert api.post("/fixed-fees", fee).status_code == 201
    fee_id = api.data("/fixed-fees", matterId=matter["matterId"])[0]["fixedFeeId"]
    entry = {
        "matterId": matter["matterId"],
        "userId": matter["responsibleId"],
        "date": "2026-03-02",
        "description": "Prepare certificate of formation",
        "hours": 1.2,
        "fixedFeeId": fee_id,
    }
    created = api.post("/time-entries", entry).json()["data"]
    assert (created["fixedFeeId"], created["billingType"]) == (fee_id, "fixedFee")
    assert created["fixedFee"] == {"id": fee_id, "label": "Flat fee: formation", "amount": 2500}
    assert api.put(f"/time-entries/{created['timeEntryId']}", {"description": "Edited"}).content == b""
    assert api.data(f"/time-entries/{created['timeEntryId']}")["fixedFeeId"] == fee_id
    api.put(f"/time-entries/{created['timeEntryId']}", {"fixedFeeId": EMPTY_GUID})
    assert api.data(f"/time-entries/{created['timeEntryId']}")["fixedFeeId"] is None


def custom_values(record: dict[str, Any]) -> dict[str, Any]:
    return {f["name"]: f["value"] for f in record["customFields"]}


def test_custom_fields_update_only_the_ids_sent(api: Api) -> None:
    fields = {f["name"]: f for f in api.data("/custom-fields", entity="client")}
    client = api.data(f"/clients/{first(api, '/clients')['clientId']}")
    before = custom_values(client)
    change = [{"id": fields["Referral source"]["id"], "value": "Conference"}]
    after = custom_values(api.put(f"/clients/{client['clientId']}", {"customFields": change}).json()["data"])
    assert after == {**before, "Referral source": "Conference"}
    cleared = [{"id": fields["Referral source"]["id"], "value": None}]
    final = custom_values(api.put(f"/clients/{client['clientId']}", {"customFields": cleared}).json()["data"])
    assert final == {k: v for k, v in before.items() if k != "Referral source"}


def test_enum_custom_field_takes_an_option_id_or_its_label(api: Api) -> None:
    court = next(f for f in api.data("/custom-fields", entity="matter") if f["valueType"] == "enum")
    option = court["options"][1]
    matter = new_matter(api, customFields=[{"id": court["id"], "optionId": option["optionId"]}])
    assert matter["customFields"] == [
        {
            "id": court["id"],
            "name": "Court",
            "valueType": "enum",
            "value": option["label"],
            "optionId": option["optionId"],
        }
    ]
    by_label = [{"id": court["id"], "value": court["options"][0]["label"].lower()}]
    updated = api.put(f"/matters/{matter['matterId']}", {"customFields": by_label}).json()["data"]
    assert updated["customFields"][0]["optionId"] == court["options"][0]["optionId"]


@pytest.mark.parametrize(
    ("value_type", "value"),
    [
        ("number", "lots"),
        ("number", "1e400"),
        ("boolean", "perhaps"),
        ("date", "March"),
        ("text", 12),
        ("enum", "No such court"),
    ],
)
def test_custom_field_value_of_the_wrong_kind_is_400_and_changes_nothing(api: Api, value_type: str, value: Any) -> None:
    field = next(f for f in api.data("/custom-fields") if f["valueType"] == value_type)
    path = {"client": "/clients", "matter": "/matters", "user": "/users"}[field["entity"]]
    key = {"client": "clientId", "matter": "matterId", "user": "userId"}[field["entity"]]
    record = api.data(path, select="customFields")[0]
    response = api.put(f"{path}/{record[key]}", {"customFields": [{"id": field["id"], "value": value}]})
    assert response.status_code == 400
    assert list(response.json()["errors"])[0].startswith("customFields[0]")
    assert api.data(path, select="customFields")[0] == record


def test_unknown_custom_field_id_is_400(api: Api) -> None:
    user = api.data("/users")[0]
    response = api.put(f"/users/{user['userId']}", {"customFields": [{"id": "nope", "value": "x"}]})
    assert response.status_code == 400
    assert response.json()["errors"] == {"customFields[0].id": ["Unknown user custom field 'nope'."]}


def test_update_user_changes_custom_fields_only_and_always_returns_them(api: Api) -> None:
    bar = api.data("/custom-fields", entity="user")[0]
    user = api.data("/users")[-1]
    response = api.put(f"/users/{user['userId']}", {"customFields": [{"id": bar["id"], "value": "WA-12345"}]})
    data = response.json()["data"]
    assert {k: v for k, v in data.items() if k != "customFields"} == user
    assert data["customFields"] == [{"id": bar["id"], "name": "Bar number", "valueType": "text", "value": "WA-12345"}]


def test_time_entry_defaults_rate_from_the_user_and_computes_the_amount(api: Api) -> None:
    matter = new_matter(api)
    user = api.data("/users", role="paralegal")[0]["userId"]
    body = {
        "matterId": matter["matterId"],
        "userId": user,
        "date": "2026-03-02",
        "description": "Cite check",
        "hours": 1.5,
    }
    entry = api.post("/time-entries", body).json()["data"]
    assert entry["billingType"] == "billable"
    assert entry["amount"] == round(entry["hours"] * entry["rate"], 2)
    explicit = api.post("/time-entries", {**body, "rate": 100.5, "hours": 0.3}).json()["data"]
    assert (explicit["rate"], explicit["amount"]) == (100.5, 30.15)


def test_update_time_entry_moves_hours_and_amount(api: Api) -> None:
    entry = first(api, "/time-entries", billed="false", billingType="billable")
    api.put(f"/time-entries/{entry['timeEntryId']}", {"hours": 2.5, "rate": 200})
    after = api.data(f"/time-entries/{entry['timeEntryId']}")
    assert (after["hours"], after["rate"], after["amount"]) == (2.5, 200, 500)


def test_new_default_practice_area_takes_over_the_default(api: Api) -> None:
    area = api.post("/practice-areas", {"label": "Bankruptcy", "default": True}).json()["data"]
    defaults = [a for a in api.data("/practice-areas") if a["default"]]
    assert defaults == [area]
    assert new_matter(api)["practiceAreaId"] == area["practiceAreaId"]


def test_failed_update_changes_nothing(client: TestClient, api: Api) -> None:
    matter = new_matter(api)
    response = api.put(f"/matters/{matter['matterId']}", {"name": "Renamed", "responsibleId": EMPTY_GUID})
    assert response.status_code == 400
    assert api.data(f"/matters/{matter['matterId']}") == matter
