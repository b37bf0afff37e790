"""Records as the vendor's JSON: one function per schema, the selected properties only, in the schema's order.

A property the caller did not select is absent, never null (seeds: select "include or exclude
additional information"). References the record does not have (no practice area, not billed, no
fixed fee, a firm-level expense without a user) are absent too: their schemas are not nullable.
Time entries carry ``rate`` and ``amount`` only when billable and only for keys with ``read.rates``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from mockserver.providers.leanlaw.models import (
    CONTACT_FIELDS,
    Client,
    CustomField,
    Expense,
    FixedFee,
    Invoice,
    Matter,
    PracticeArea,
    Record,
    TimeEntry,
    User,
    money,
)

#: A list's items from its page of records and the select tokens in force.
Page = Callable[[Sequence[Any], frozenset[str]], list[dict[str, Any]]]

#: Every select token of every list: a detail view shows them all.
EVERYTHING = frozenset(
    {"contact", "meta", "customFields", "client", "matter", "user", "invoice", "fixedFee"}
    | {"ledesConfiguration", "responsible", "originator", "practiceArea"}
)


def stamp(moment: datetime) -> str:
    """An instant as the vendor writes it: UTC, milliseconds, ``Z``."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def meta(record: Record) -> dict[str, str]:
    return {"createdAt": stamp(record.created), "modifiedAt": stamp(record.modified)}


def user_ref(user: User) -> dict[str, Any]:
    return {"name": user.name, "initials": user.initials, "firstName": user.first_name, "lastName": user.last_name}


def named_ref(record: Client | Matter) -> dict[str, Any]:
    return {"name": record.name, "reference": record.reference}


def invoice_ref(invoice: Invoice) -> dict[str, Any]:
    return {
        "invoiceId": invoice.id,
        "invoiceNumber": invoice.number,
        "invoiceDate": invoice.invoice_date.isoformat(),
        "invoiceState": invoice.state,
        "invoiceAmount": money(invoice.amount_cents),
        "invoiceBalance": money(invoice.balance_cents),
    }


def custom_values(store: Any, entity: str, values: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's custom fields that have a value, in the order of the firm's definitions."""
    out = []
    for definition in store.custom_fields.values():
        if definition.entity != entity or definition.id not in values:
            continue
        value, option_id = values[definition.id]
        item = {"id": definition.id, "name": definition.name, "valueType": definition.value_type, "value": value}
        if definition.value_type == "enum":
            item["optionId"] = option_id
        out.append(item)
    return out


def each(view: Callable[..., dict[str, Any]], store: Any) -> Page:
    """A page's items as ``view(store, record, include)`` gives each record."""
    return lambda records, include: [view(store, record, include) for record in records]


def clients(store: Any, records: Sequence[Client], include: frozenset[str]) -> list[dict[str, Any]]:
    """ListClients' items. Without a select (most calls) each is the three fields every client shows, made here
    rather than by a call of ``client`` per record, which costs as much again."""
    if not include:
        return [{"clientId": r.id, "name": r.name, "reference": r.reference} for r in records]
    return [client(store, record, include) for record in records]


def client(store: Any, record: Client, include: frozenset[str], detail: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"clientId": record.id, "name": record.name, "reference": record.reference}
    if detail or "contact" in include:
        out["contact"] = {name: record.contact.get(name) for name in CONTACT_FIELDS}
    if detail:
        out["notes"] = record.notes
    if "meta" in include:
        out["meta"] = meta(record)
    if "customFields" in include:
        out["customFields"] = custom_values(store, "client", record.custom)
    return out


def matter(store: Any, record: Matter, include: frozenset[str], detail: bool = False) -> dict[str, Any]:
    owner = store.clients[record.client_id]
    out: dict[str, Any] = {"matterId": record.id, "name": record.name, "reference": record.reference}
    if not detail:
        out |= {"matterType": record.matter_type, "opened": day(record.opened), "archived": record.archived}
    out["clientId"] = record.client_id
    if detail:
        out["matterType"] = record.matter_type
    if "client" in include:
        out["client"] = named_ref(owner)
    out["responsibleId"] = record.responsible_id
    if "responsible" in include:
        out["responsible"] = user_ref(store.users[record.responsible_id])
    out["originatorIds"] = list(record.originator_ids)
    if "originator" in include:
        out["originators"] = [user_ref(store.users[u]) for u in record.originator_ids]
    out["practiceAreaId"] = record.practice_area_id
    if "practiceArea" in include and record.practice_area_id is not None:
        out["practiceArea"] = {"label": store.practice_areas[record.practice_area_id].label}
    if detail:
        out |= {
            "opened": day(record.opened),
            "archived": record.archived,
            "conflictInformation": dict(record.conflict),
            "billingInstructions": record.billing_instructions,
            "notes": record.notes,
            "referralSources": record.referral_sources,
        }
    if "ledesConfiguration" in include:
        out["ledesConfiguration"] = record.ledes.to_json()
    if "meta" in include:
        out["meta"] = meta(record)
    if "customFields" in include:
        out["customFields"] = custom_values(store, "matter", record.custom)
    return out


def _line_refs(store: Any, record: TimeEntry | Expense | FixedFee, include: frozenset[str]) -> dict[str, Any]:
    """userId/user, matterId/matter, clientId/client: the head every billable line starts with."""
    owner = store.matters[record.matter_id]
    out: dict[str, Any] = {"userId": record.user_id}
    if "user" in include and record.user_id is not None:
        out["user"] = user_ref(store.users[record.user_id])
    out["matterId"] = record.matter_id
    if "matter" in include:
        out["matter"] = named_ref(owner)
    out["clientId"] = owner.client_id
    if "client" in include:
        out["client"] = named_ref(store.clients[owner.client_id])
    return out


def _billed(store: Any, record: TimeEntry | Expense | FixedFee, include: frozenset[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"billed": record.invoice_id is not None, "invoiceId": record.invoice_id}
    if "invoice" in include and record.invoice_id is not None:
        out["invoice"] = invoice_ref(store.invoices[record.invoice_id])
    return out


def time_entry(
    store: Any, record: TimeEntry, include: frozenset[str], rates: bool, detail: bool = False
) -> dict[str, Any]:
    out: dict[str, Any] = {"timeEntryId": record.id}
    out |= _line_refs(store, record, include)
    out |= {"date": record.date.isoformat(), "time": record.time, "description": record.description}
    out["hours"] = record.hours
    amount = record.amount_cents
    if rates and amount is not None and record.rate_cents is not None:
        out["rate"] = money(record.rate_cents)
        out["amount"] = money(amount)
    out["billingType"] = record.billing_type
    out |= _billed(store, record, include)
    out["fixedFeeId"] = record.fixed_fee_id
    if "fixedFee" in include and record.fixed_fee_id is not None:
        fee = store.fixed_fees[record.fixed_fee_id]
        out["fixedFee"] = {"id": fee.id, "label": fee.description, "amount": money(fee.amount_cents)}
    out |= {"activityCode": record.activity_code, "taskCode": record.task_code}
    if "meta" in include:
        out["meta"] = meta(record)
    return out


def _amount_line(
    store: Any, record: Expense | FixedFee, include: frozenset[str], id_name: str, tail: dict[str, Any]
) -> dict[str, Any]:
    """An expense or a fixed fee: the properties they share, then ``tail``, then ``meta`` when selected."""
    out: dict[str, Any] = {id_name: record.id}
    out |= _line_refs(store, record, include)
    out |= {"date": record.date.isoformat(), "description": record.description}
    out["amount"] = money(record.amount_cents)
    out |= _billed(store, record, include)
    out |= tail
    if "meta" in include:
        out["meta"] = meta(record)
    return out


def expense(store: Any, record: Expense, include: frozenset[str], detail: bool = False) -> dict[str, Any]:
    tail = {"expenseCode": record.expense_code} if detail else {}
    return _amount_line(store, record, include, "expenseId", tail | {"checkNumber": record.check_number})


def fixed_fee(store: Any, record: FixedFee, include: frozenset[str], detail: bool = False) -> dict[str, Any]:
    tail = {"activityCode": record.activity_code, "taskCode": record.task_code} if detail else {}
    return _amount_line(store, record, include, "fixedFeeId", tail)


def invoice(store: Any, record: Invoice, include: frozenset[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"invoiceId": record.id, "clientId": record.client_id}
    if "client" in include:
        out["client"] = named_ref(store.clients[record.client_id])
    out["matterId"] = record.matter_id
    if "matter" in include:
        out["matter"] = named_ref(store.matters[record.matter_id])
    out |= {"invoiceDate": record.invoice_date.isoformat(), "dueDate": day(record.due_date)}
    out |= {"amount": money(record.amount_cents), "balance": money(record.balance_cents)}
    out |= {"invoiceNumber": record.number, "invoiceState": record.state}
    if "meta" in include:
        out["meta"] = meta(record)
    return out


def user(store: Any, record: User, include: frozenset[str]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "userId": record.id,
        "name": record.name,
        "firstName": record.first_name,
        "lastName": record.last_name,
        "initials": record.initials,
        "role": record.role,
        "email": record.email,
    }
    if "customFields" in include:
        out["customFields"] = custom_values(store, "user", record.custom)
    return out


def practice_area(record: PracticeArea) -> dict[str, Any]:
    return {"practiceAreaId": record.id, "label": record.label, "default": record.default}


def custom_field(record: CustomField) -> dict[str, Any]:
    out: dict[str, Any] = {"id": record.id, "entity": record.entity, "name": record.name}
    out["valueType"] = record.value_type
    if record.value_type == "enum":
        out["options"] = [{"optionId": o.option_id, "label": o.label} for o in record.options]
    return out
