"""Lists over HTTP: the pagination envelope, limit/offset bounds, sort whitelists, select, and each filter."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.providers.leanlaw.conftest import Api, first

PAGED = ["/clients", "/matters", "/time-entries", "/expenses", "/fixed-fees", "/invoices"]
UNPAGED = ["/users", "/practice-areas", "/custom-fields"]


@pytest.mark.parametrize("path", PAGED)
def test_paged_list_has_data_and_pagination_with_the_defaults(api: Api, path: str) -> None:
    body = api.get(path).json()
    assert set(body) == {"data", "pagination"}
    pagination = body["pagination"]
    assert (pagination["limit"], pagination["offset"]) == (1000, 0)
    assert pagination["total"] == len(body["data"]) > 0


@pytest.mark.parametrize("path", UNPAGED)
def test_unpaged_list_has_data_only(api: Api, path: str) -> None:
    body = api.get(path, limit=1).json()
    assert set(body) == {"data"}
    assert len(body["data"]) > 1


def test_limit_and_offset_slice_and_total_counts_all(api: Api) -> None:
    everything = api.data("/time-entries", sort="created")
    body = api.get("/time-entries", sort="created", limit=7, offset=3).json()
    assert body["data"] == everything[3:10]
    assert body["pagination"] == {"limit": 7, "offset": 3, "total": 400, "sort": "created"}


def test_offset_past_the_end_is_an_empty_page(api: Api) -> None:
    body = api.get("/clients", offset=25).json()
    assert body["data"] == []
    assert body["pagination"]["total"] == 25


@pytest.mark.parametrize(
    ("limit", "status"),
    [("3", 200), (" 3 ", 200), ("+3", 200), ("0000000003", 200), ("00000000003", 400), ("3.0", 400), ("-3", 400)],
)
def test_limit_is_a_whole_number_of_at_most_ten_digits_with_an_optional_sign(api: Api, limit: str, status: int) -> None:
    response = api.get("/clients", limit=limit)
    assert response.status_code == status
    if status == 200:
        assert (len(response.json()["data"]), response.json()["pagination"]["limit"]) == (3, 3)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"limit": "all"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": "x"}, "offset"),
        ({"sort": "createdAt"}, "sort"),
        ({"sort": "name,-colour"}, "sort"),
        ({"select": "address"}, "select"),
        ({"select": "contact,-nope"}, "select"),
        ({"modifiedSince": "yesterday"}, "modifiedSince"),
    ],
)
def test_bad_list_parameter_is_400_naming_it(api: Api, query: dict[str, Any], field: str) -> None:
    response = api.get("/clients", **query)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        ("/time-entries", {"startDate": "2026-13-01"}, "startDate"),
        ("/time-entries", {"billingType": "hourly"}, "billingType"),
        ("/time-entries", {"billed": "maybe"}, "billed"),
        ("/time-entries", {"userId": "12"}, "userId"),
        ("/expenses", {"endDate": "03/01/2026"}, "endDate"),
        ("/invoices", {"invoiceState": "paid"}, "invoiceState"),
        ("/matters", {"archived": "1"}, "archived"),
        ("/users", {"role": "partner"}, "role"),
        ("/custom-fields", {"entity": "invoice"}, "entity"),
        ("/invoices", {"sort": "date"}, "sort"),
    ],
)
def test_unknown_filter_value_is_400(api: Api, path: str, query: dict[str, Any], field: str) -> None:
    response = api.get(path, **query)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_sort_is_applied_and_echoed_in_its_documented_spelling(api: Api) -> None:
    body = api.get("/invoices", sort="Client.Name,-AMOUNT").json()
    assert body["pagination"]["sort"] == "client.name,-amount"
    rows = [(i["clientId"], -i["amount"]) for i in body["data"]]
    names = {c["clientId"]: c["name"].casefold() for c in api.data("/clients")}
    assert [(names[c], a) for c, a in rows] == sorted((names[c], a) for c, a in rows)


def test_default_sort_is_echoed(api: Api) -> None:
    assert api.get("/clients", limit=1).json()["pagination"]["sort"] == "name"
    assert api.get("/time-entries", limit=1).json()["pagination"]["sort"] == "-date"


def test_time_entries_sort_descending_by_hours(api: Api) -> None:
    hours = [t["hours"] for t in api.data("/time-entries", sort="-hours")]
    assert hours == sorted(hours, reverse=True)


def test_clients_leave_out_contact_meta_and_custom_fields_by_default(api: Api) -> None:
    item = first(api, "/clients")
    assert set(item) == {"clientId", "name", "reference"}


@pytest.mark.parametrize("select", [None, "meta"])
def test_client_list_items_lead_with_id_name_and_reference_of_each_client(api: Api, select: str | None) -> None:
    items = api.data("/clients", limit=3, **({"select": select} if select else {}))
    assert len(items) == 3
    for item in items:
        detail = api.data(f"/clients/{item['clientId']}")
        assert list(item)[:3] == ["clientId", "name", "reference"]
        assert [item[k] for k in ("clientId", "name", "reference")] == [
            detail["clientId"],
            detail["name"],
            detail["reference"],
        ]


@pytest.mark.parametrize(
    ("select", "present"),
    [
        ("contact", {"contact"}),
        ("meta", {"meta"}),
        ("customFields", {"customFields"}),
        ("contact,meta", {"contact", "meta"}),
        ("contact,-contact", set()),
        ("contact,-meta", {"contact"}),
        ("-contact,contact,customFields", {"contact", "customFields"}),
    ],
)
def test_clients_select_adds_and_removes_in_order(api: Api, select: str, present: set[str]) -> None:
    item = first(api, "/clients", select=select)
    assert set(item) - {"clientId", "name", "reference"} == present


def test_unselected_references_are_absent_and_selected_ones_filled(api: Api) -> None:
    plain = first(api, "/time-entries", billed="true")
    assert not {"client", "matter", "user", "invoice", "meta"} & set(plain)
    full = first(api, "/time-entries", billed="true", select="client,matter,user,invoice,meta")
    assert {"client", "matter", "user", "invoice", "meta"} <= set(full)
    assert full["invoice"]["invoiceId"] == full["invoiceId"]
    assert None not in (full["client"], full["matter"], full["user"])


def test_matters_select_originator_gives_originators(api: Api) -> None:
    item = first(api, "/matters", select="originator,responsible,practiceArea,ledesConfiguration")
    assert len(item["originators"]) == len(item["originatorIds"]) == 1
    assert set(item["responsible"]) == {"name", "initials", "firstName", "lastName"}
    assert "label" in item["practiceArea"]
    assert set(item["ledesConfiguration"]) >= {"enabled", "codeSetIds"}


def test_users_custom_fields_only_when_selected(api: Api) -> None:
    assert all("customFields" not in u for u in api.data("/users"))
    assert all("customFields" in u for u in api.data("/users", select="customFields"))


# -- filters, one per documented parameter family ---------------------------------------------


def test_clients_query_matches_name_or_reference_partially(api: Api) -> None:
    target = first(api, "/clients", reference="C1003")
    assert target["reference"] == "C1003"
    found = api.data("/clients", query=target["name"][1:5].upper())
    assert target in found
    assert all(target["name"][1:5].casefold() in (c["name"] + (c["reference"] or "")).casefold() for c in found)
    assert api.data("/clients", query="C100") and all(
        "C100" in (c["reference"] or "") or "c100" in c["name"].casefold() for c in api.data("/clients", query="C100")
    )


def test_reference_is_exact(api: Api) -> None:
    assert api.data("/clients", reference="C100") == []
    assert len(api.data("/clients", reference="C1003")) == 1


def test_modified_since_returns_records_changed_after(api: Api, clock: Any) -> None:
    client_id = first(api, "/clients")["clientId"]
    assert api.data("/clients", modifiedSince="2026-03-02T09:30:00Z") == []
    clock.advance(60)
    assert api.put(f"/clients/{client_id}", {"notes": "touched"}).status_code == 200
    changed = api.data("/clients", modifiedSince="2026-03-02T09:30:00Z")
    assert [c["clientId"] for c in changed] == [client_id]


def test_time_entry_filters_each_narrow_the_list(api: Api) -> None:
    entry = first(api, "/time-entries", billed="true", select="invoice")
    checks = {
        "userId": lambda t: t["userId"] == entry["userId"],
        "matterId": lambda t: t["matterId"] == entry["matterId"],
        "clientId": lambda t: t["clientId"] == entry["clientId"],
        "invoiceId": lambda t: t["invoiceId"] == entry["invoiceId"],
    }
    for name, test in checks.items():
        found = api.data("/time-entries", **{name: entry[name]})
        assert entry["timeEntryId"] in {t["timeEntryId"] for t in found}
        assert all(test(t) for t in found) and len(found) < 400


def test_date_range_is_inclusive(api: Api) -> None:
    found = api.data("/time-entries", startDate="2026-01-05", endDate="2026-01-09")
    assert found
    assert all(date(2026, 1, 5) <= date.fromisoformat(t["date"]) <= date(2026, 1, 9) for t in found)
    days = {t["date"] for t in found}
    assert "2026-01-05" in days and "2026-01-09" in days


@pytest.mark.parametrize("path", ["/time-entries", "/expenses", "/fixed-fees"])
def test_billed_splits_the_lines(api: Api, path: str) -> None:
    total = api.get(path).json()["pagination"]["total"]
    billed = api.get(path, billed="true").json()
    unbilled = api.get(path, billed="false").json()
    assert billed["pagination"]["total"] + unbilled["pagination"]["total"] == total
    assert all(i["billed"] and i["invoiceId"] for i in billed["data"])
    assert all(not i["billed"] and i["invoiceId"] is None for i in unbilled["data"])


def test_billing_type_and_fixed_fee_filters(api: Api) -> None:
    linked = first(api, "/time-entries", billingType="fixedFee")
    found = api.data("/time-entries", fixedFeeId=linked["fixedFeeId"])
    assert found and all(t["fixedFeeId"] == linked["fixedFeeId"] for t in found)
    assert all(t["billingType"] == "nonBillable" for t in api.data("/time-entries", billingType="NONBILLABLE"))


def test_matter_filters(api: Api) -> None:
    matter = first(api, "/matters", select="client")
    by_client = api.data("/matters", clientId=matter["clientId"])
    assert all(m["clientId"] == matter["clientId"] for m in by_client)
    assert api.data("/matters", clientReference=matter["client"]["reference"]) == by_client
    assert all(
        m["practiceAreaId"] == matter["practiceAreaId"]
        for m in api.data("/matters", practiceAreaId=matter["practiceAreaId"])
    )
    user = matter["responsibleId"]
    assert all(m["responsibleId"] == user for m in api.data("/matters", responsibleId=user))
    assigned = api.data("/matters", userId=user)
    assert all(user == m["responsibleId"] or user in m["originatorIds"] for m in assigned)
    originator = matter["originatorIds"][0]
    assert all(originator in m["originatorIds"] for m in api.data("/matters", originatorId=originator))
    active, archived = api.data("/matters", archived="false"), api.data("/matters", archived="true")
    assert len(active) + len(archived) == 40 and all(not m["archived"] for m in active)


def test_invoice_filters(api: Api) -> None:
    finals = api.data("/invoices", invoiceState="final")
    assert finals and all(i["invoiceState"] == "final" for i in finals)
    one = finals[0]
    assert all(i["clientId"] == one["clientId"] for i in api.data("/invoices", clientId=one["clientId"]))
    assert all(i["matterId"] == one["matterId"] for i in api.data("/invoices", matterId=one["matterId"]))
    january = api.data("/invoices", startDate="2026-01-01", endDate="2026-01-31")
    assert january and all(i["invoiceDate"].startswith("2026-01") for i in january)


def test_user_filters(api: Api) -> None:
    users = api.data("/users")
    one = users[0]
    assert api.data("/users", email=one["email"].upper()) == [one]
    assert all(u["role"] == "attorney" for u in api.data("/users", role="attorney"))
    assert one in api.data("/users", query=one["lastName"][:3])
    assert api.data("/users", query=one["initials"], queryFullMatch="true") == [
        u for u in users if one["initials"] in (u["initials"], u["firstName"].upper(), u["lastName"].upper())
    ]
    assert api.data("/users", query=one["lastName"][:3], queryFullMatch="true") == []


def test_custom_fields_entity_filter(api: Api) -> None:
    every = api.data("/custom-fields")
    matters = api.data("/custom-fields", entity="matter")
    assert matters and all(f["entity"] == "matter" for f in matters)
    assert len(matters) < len(every)


def test_list_order_follows_every_change(api: Api) -> None:
    names = [c["name"] for c in api.data("/clients")]
    created = api.post("/clients", {"name": "000 First Client"}).json()["data"]["clientId"]
    assert [c["name"] for c in api.data("/clients")] == ["000 First Client", *names]
    api.put(f"/clients/{created}", {"name": "zzz Last Client"})
    assert [c["name"] for c in api.data("/clients")] == [*names, "zzz Last Client"]
    assert [c["name"] for c in api.data("/clients", sort="-name")][0] == "zzz Last Client"
    api.delete(f"/clients/{created}")
    assert [c["name"] for c in api.data("/clients")] == names


def test_sort_by_client_name_follows_a_renamed_client(api: Api) -> None:
    matter = first(api, "/matters", select="client", sort="client.name")
    api.put(f"/clients/{matter['clientId']}", {"name": "zzzz Renamed"})
    last = api.data("/matters", sort="client.name", select="client")[-1]
    assert last["client"]["name"] == "zzzz Renamed"
