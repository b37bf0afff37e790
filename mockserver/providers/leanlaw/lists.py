"""The table of list endpoints, one ListSpec per operation, as the vendor's OpenAPI document gives them.

Each entry lists the operation's ``select`` fields ("Supported fields: ..."), its sort fields
("Supported sort fields: ...") and its filter parameters; tests/providers/leanlaw read the
document and check this table against it. Nothing is on by default: ListClients leaves out
``contact``, the lists leave out ``meta`` and ``customFields`` unless selected.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any

from mockserver.providers.leanlaw import params
from mockserver.providers.leanlaw.models import BILLING_TYPES, ENTITIES, INVOICE_STATES, ROLES
from mockserver.providers.leanlaw.query import Filter, ListSpec


def _contains(needle: str, *haystack: str | None) -> bool:
    folded = needle.casefold()
    return any(folded in text.casefold() for text in haystack if text)


def _same(a: str | None, b: str) -> bool:
    return a is not None and a.casefold() == b.casefold()


def _client_of(record: Any, store: Any) -> Any:
    """The client of a record that belongs to a matter (or an invoice, which names its client)."""
    client_id = getattr(record, "client_id", None) or store.matters[record.matter_id].client_id
    return store.clients[client_id]


def _client_id(record: Any, store: Any) -> str:
    return str(_client_of(record, store).id)


MODIFIED_SINCE = Filter("modifiedSince", params.instant, lambda r, v, s: r.modified > v)
START_DATE = Filter("startDate", params.day, lambda r, v, s: r.date >= v)
END_DATE = Filter("endDate", params.day, lambda r, v, s: r.date <= v)
USER_ID = Filter("userId", params.guid, lambda r, v, s: r.user_id == v)
MATTER_ID = Filter("matterId", params.guid, lambda r, v, s: r.matter_id == v)
CLIENT_ID = Filter("clientId", params.guid, lambda r, v, s: _client_id(r, s) == v)
BILLED = Filter("billed", params.boolean, lambda r, v, s: (r.invoice_id is not None) == v)
INVOICE_ID = Filter("invoiceId", params.guid, lambda r, v, s: r.invoice_id == v)
PAGING = ("limit", "offset")


def _money_sort(r: Any, s: Any) -> int:
    return int(r.amount_cents)


def _client_name(r: Any, s: Any) -> str:
    return str(_client_of(r, s).name)


def _client_reference(r: Any, s: Any) -> str | None:
    reference: str | None = _client_of(r, s).reference
    return reference


def _matter_query(r: Any, v: str, s: Any) -> bool:
    client = s.clients[r.client_id]
    return _contains(v, r.name, r.reference, client.name, client.reference)


CLIENTS = ListSpec(
    operation="ListClients",
    select=("contact", "meta", "customFields"),
    sort={"name": lambda r, s: r.name, "reference": lambda r, s: r.reference},
    default_sort="name",
    filters=(
        Filter("query", lambda raw, _: raw, lambda r, v, s: _contains(v, r.name, r.reference)),
        Filter("reference", lambda raw, _: raw, lambda r, v, s: _same(r.reference, v)),
        MODIFIED_SINCE,
    ),
)

MATTERS = ListSpec(
    operation="ListMatters",
    select=("client", "ledesConfiguration", "responsible", "originator", "practiceArea", "meta", "customFields"),
    sort={
        "name": lambda r, s: r.name,
        "reference": lambda r, s: r.reference,
        "client.name": _client_name,
        "client.reference": _client_reference,
    },
    default_sort="name",
    filters=(
        Filter("query", lambda raw, _: raw, _matter_query),
        Filter("reference", lambda raw, _: raw, lambda r, v, s: _same(r.reference, v)),
        Filter("clientReference", lambda raw, _: raw, lambda r, v, s: _same(s.clients[r.client_id].reference, v)),
        Filter("userId", params.guid, lambda r, v, s: v == r.responsible_id or v in r.originator_ids),
        Filter("responsibleId", params.guid, lambda r, v, s: r.responsible_id == v),
        Filter("originatorId", params.guid, lambda r, v, s: v in r.originator_ids),
        Filter("clientId", params.guid, lambda r, v, s: r.client_id == v),
        Filter("practiceAreaId", params.guid, lambda r, v, s: r.practice_area_id == v),
        Filter("archived", params.boolean, lambda r, v, s: r.archived == v),
        MODIFIED_SINCE,
    ),
)

TIME_ENTRIES = ListSpec(
    operation="ListTimeEntries",
    select=("client", "matter", "user", "meta", "fixedFee", "invoice"),
    sort={
        "date": lambda r, s: (r.date, r.time or ""),
        "hours": lambda r, s: r.hours,
        "description": lambda r, s: r.description,
        "created": lambda r, s: r.created,
    },
    default_sort="-date",
    filters=(
        START_DATE,
        END_DATE,
        USER_ID,
        MATTER_ID,
        CLIENT_ID,
        Filter("billingType", partial(params.choice, allowed=BILLING_TYPES), lambda r, v, s: r.billing_type == v),
        Filter("fixedFeeId", params.guid, lambda r, v, s: r.fixed_fee_id == v),
        BILLED,
        INVOICE_ID,
        MODIFIED_SINCE,
    ),
)

_LINE_SORT = {
    "date": lambda r, s: r.date,
    "amount": _money_sort,
    "description": lambda r, s: r.description,
}
_LINE_FILTERS = (START_DATE, END_DATE, USER_ID, MATTER_ID, CLIENT_ID, BILLED, INVOICE_ID, MODIFIED_SINCE)

EXPENSES = ListSpec(
    operation="ListExpenses",
    select=("client", "matter", "user", "meta", "invoice"),
    sort=_LINE_SORT,
    default_sort="-date",
    filters=_LINE_FILTERS,
)

FIXED_FEES = replace(EXPENSES, operation="ListFixedFees")

INVOICES = ListSpec(
    operation="ListInvoices",
    select=("client", "matter", "meta"),
    sort={
        "client.name": _client_name,
        "client.reference": _client_reference,
        "invoicedate": lambda r, s: r.invoice_date,
        "amount": _money_sort,
        "balance": lambda r, s: r.balance_cents,
        "invoicenumber": lambda r, s: r.number,
        "state": lambda r, s: INVOICE_STATES.index(r.state),
    },
    default_sort="-invoicedate",
    filters=(
        Filter("startDate", params.day, lambda r, v, s: r.invoice_date >= v),
        Filter("endDate", params.day, lambda r, v, s: r.invoice_date <= v),
        Filter("invoiceState", partial(params.choice, allowed=INVOICE_STATES), lambda r, v, s: r.state == v),
        Filter("clientId", params.guid, lambda r, v, s: r.client_id == v),
        Filter("matterId", params.guid, lambda r, v, s: r.matter_id == v),
        MODIFIED_SINCE,
    ),
)


def _user_query(r: Any, v: tuple[str, bool], s: Any) -> bool:
    text, full = v
    fields = (r.first_name, r.last_name, r.initials, r.email)
    if full:
        return any(_same(field, text) for field in fields)
    return _contains(text, *fields)


USERS = ListSpec(
    operation="ListUsers",
    select=("customFields",),
    filters=(
        Filter("email", lambda raw, _: raw, lambda r, v, s: _same(r.email, v)),
        Filter("role", partial(params.choice, allowed=ROLES), lambda r, v, s: r.role == v),
        Filter("queryFullMatch", params.boolean, None),
        Filter("query", lambda raw, _: raw, _user_query, lambda v: (v["query"], v.get("queryFullMatch", False))),
    ),
    paged=False,
)

PRACTICE_AREAS = ListSpec(operation="ListPracticeAreas", paged=False)

CUSTOM_FIELDS = ListSpec(
    operation="ListCustomFields",
    filters=(Filter("entity", partial(params.choice, allowed=ENTITIES), lambda r, v, s: r.entity == v),),
    paged=False,
)

SPECS: dict[str, ListSpec] = {
    spec.operation: spec
    for spec in (CLIENTS, MATTERS, TIME_ENTRIES, EXPENSES, FIXED_FEES, INVOICES, USERS, PRACTICE_AREAS, CUSTOM_FIELDS)
}
