"""Ons object shapes (from contracts/ons/*.yml) and turning request bodies into typed values.

A record in the store is a plain dict of Python values (int, str, bool, date,
datetime, lists of dicts). ``to_wire`` gives the camelCase, string-dated form
both JSON and XML render; ``coerce`` checks a body field by field and reports
every problem as one ErrorResponse entry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any

from mockserver.core.xmlchars import has_invalid_xml_chars
from mockserver.providers.ons.errors import ErrorEntry
from mockserver.providers.ons.timefmt import format_date, format_timestamp, parse_date, parse_timestamp

INT64_MAX = 2**63 - 1
INT32_MAX = 2**31 - 1


class Kind(Enum):
    STRING = "string"
    INT64 = "int64"
    INT32 = "int32"
    BOOL = "boolean"
    DOUBLE = "double"
    DATE = "date"
    DATETIME = "date-time"
    NESTED = "nested"  # server-managed list or object; ignored on input


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind = Kind.STRING
    choices: tuple[str, ...] = ()
    writable: bool = True
    #: Kept in the store but never sent (not part of the vendor's schema).
    hidden: bool = False


@dataclass(frozen=True)
class Resource:
    """One object type: its element name, list wrapper, fields and create rules."""

    element: str
    plural: str
    fields: tuple[Field, ...]
    required: tuple[str, ...] = ()
    by_name: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})


def _f(name: str, kind: Kind = Kind.STRING, **kw: Any) -> Field:
    return Field(name, kind, **kw)


AUDIT = (_f("createdAt", Kind.DATETIME, writable=False), _f("updatedAt", Kind.DATETIME))

PERSON = (
    _f("id", Kind.INT64, writable=False),
    _f("firstName"),
    _f("name"),
    _f("identificationNo"),
    _f("dateOfBirth", Kind.DATE),
    _f("preferredNameType", choices=("0", "1", "2", "3")),
    _f("lastName"),
    _f("birthName"),
    _f("partnerName"),
    _f("initials"),
    _f("prefix"),
    _f("birthNamePrefix"),
    _f("partnerNamePrefix"),
    _f("gender"),
    _f("emailAddress"),
    _f("mobilePhone"),
    _f("freeField1"),
    _f("freeField2"),
    _f("freeField3"),
    _f("freeField4"),
    *AUDIT,
)

CLIENT = Resource(
    "client",
    "clients",
    (
        *PERSON,
        _f("givenName"),
        _f("civilStatus", Kind.INT32),
        _f("civilStatusDate", Kind.DATETIME),
        _f("deathDate", Kind.DATETIME),
        _f("hometown"),
        _f("nationality"),
        _f("language"),
        _f("religion"),
        _f("careAllocations", Kind.NESTED, writable=False),
        _f("secretClient", Kind.BOOL),
        _f("uuid"),
        _f("levelOfEducation"),
        _f("livingSituation"),
        _f("skn"),
        _f("pronounsType", choices=("SHE_HER", "HE_HIS", "WHO_THEIR", "THEM_THEIRS")),
        _f("genderIdentityType", choices=("MALE", "FEMALE", "NON_BINARY")),
        # The BSN is not in the Client schema, yet /t/clients/by_bsn finds clients by it:
        # the emulator keeps it (writable) without ever rendering it.
        _f("bsn", hidden=True),
    ),
    required=("birthName",),
)

EMPLOYEE = Resource(
    "employee",
    "employees",
    (
        *PERSON,
        _f("authenticationMobilePhone"),
        _f("workMobilePhone"),
        _f("privateMobilePhone"),
        _f("homePhone"),
        _f("homeEmailAddress"),
        _f("unknownEmployee", Kind.BOOL),
        _f("verifiedUntilDate", Kind.DATE),
        _f("uuid"),
        _f("employeePrivacySettings", Kind.NESTED, writable=False),
        _f("type", Kind.INT32),
        _f("teamName", writable=False),
    ),
    required=("birthName",),
)

TEAM = Resource(
    "team",
    "teams",
    (
        _f("id", Kind.INT64, writable=False),
        _f("beginDate", Kind.DATETIME),
        _f("endDate", Kind.DATETIME),
        _f("externCode"),
        _f("identificationNo"),
        _f("name"),
        _f("poolTeam", Kind.BOOL),
        _f("costCenterNumber"),
        _f("parentObjectId", Kind.INT64),
        _f("addresses", Kind.NESTED, writable=False),
    ),
)

LOCATION = Resource(
    "location",
    "locations",
    (
        _f("id", Kind.INT64, writable=False),
        _f("beginDate", Kind.DATETIME),
        _f("endDate", Kind.DATETIME),
        _f("identificationNo"),
        _f("name"),
        _f("agbcodeId", Kind.INT64),
        _f("materializedPath", writable=False),
        _f("wzaCode"),
        _f("intramuralLocation", Kind.BOOL),
        _f("locationType"),
        _f("capacity", Kind.INT32),
        _f("costCenter"),
        _f("roomType"),
        _f("parentObjectId", Kind.INT64),
        _f("icon", Kind.INT32),
        _f("medicineAllowed", Kind.BOOL),
        _f("ggzAllowed", Kind.BOOL),
        _f("waitingListAllowed", Kind.BOOL),
        _f("registeredLocationNumber"),
        _f("correspondenceName"),
        _f("hideCorrespondenceName", Kind.BOOL),
        _f("addressObjectId", Kind.INT64),
        *AUDIT,
    ),
    required=("name", "parentObjectId"),
)

CARE_PLAN_STATUSES = ("DRAFT", "ACTIVE", "OLD")

CARE_PLAN = Resource(
    "carePlan",
    "carePlans",
    (
        *AUDIT,
        _f("createdBy", writable=False),
        _f("id", Kind.INT64, writable=False),
        _f("clientId", Kind.INT64),
        _f("employeeId", Kind.INT64),
        _f("carePlanEntries", Kind.NESTED, writable=False),
        _f("status", choices=CARE_PLAN_STATUSES),
        _f("beginDate", Kind.DATETIME),
        _f("endDate", Kind.DATETIME),
    ),
    required=("clientId",),
)

RESOURCES: dict[str, Resource] = {r.plural: r for r in (CLIENT, EMPLOYEE, TEAM, LOCATION)}
RESOURCES["care_plans"] = CARE_PLAN

# XML item names of wrapped lists (contracts: `xml: wrapped: true` and the list models' item names).
XML_ITEM_NAMES = {
    "clients": "client",
    "employees": "employee",
    "teams": "team",
    "locations": "location",
    "carePlans": "carePlan",
    "careAllocations": "careAllocation",
    "carePlanEntries": "carePlanEntry",
    "actionEntries": "actionEntry",
    "addresses": "teamAddress",
    "errorResponseEntries": "errorResponseEntry",
}


def wire_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_timestamp(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, list):
        return [wire_value(v) for v in value]
    if isinstance(value, Mapping):
        return {k: wire_value(v) for k, v in value.items() if v is not None}
    return value


def to_wire(resource: Resource, record: Mapping[str, Any]) -> dict[str, Any]:
    """The record as the vendor sends it: schema order, no nulls, no hidden fields."""
    out: dict[str, Any] = {}
    for spec in resource.fields:
        value = record.get(spec.name)
        if value is None or spec.hidden:
            continue
        out[spec.name] = wire_value(value)
    return out


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 200 else text[:200] + "..."


def _coerce_one(spec: Field, raw: Any, from_xml: bool) -> Any:
    """One field's value, or raise ValueError with the reason."""
    if raw is None:
        return None
    kind = spec.kind
    if from_xml and isinstance(raw, str) and raw == "" and kind is not Kind.STRING:
        return None
    if kind is Kind.STRING:
        if isinstance(raw, bool) or isinstance(raw, int | float) and not from_xml:
            raw = str(raw).lower() if isinstance(raw, bool) else str(raw)
        if not isinstance(raw, str):
            raise ValueError("must be a string")
        if has_invalid_xml_chars(raw):  # refused on input: the XML rendering could not carry it
            raise ValueError("contains control characters")
        if spec.choices and raw not in spec.choices:
            raise ValueError(f"must be one of {', '.join(spec.choices)}")
        return raw
    if kind in (Kind.INT64, Kind.INT32):
        limit = INT64_MAX if kind is Kind.INT64 else INT32_MAX
        if isinstance(raw, bool):
            raise ValueError("must be a whole number")
        if isinstance(raw, str):
            text = raw.strip()
            if not re.fullmatch(r"-?\d{1,20}", text):
                raise ValueError("must be a whole number")
            raw = int(text)
        if isinstance(raw, float) and raw.is_integer() and abs(raw) <= limit:
            raw = int(raw)
        if not isinstance(raw, int):
            raise ValueError("must be a whole number")
        if not -limit - 1 <= raw <= limit:
            raise ValueError(f"must fit in {kind.value}")
        return raw
    if kind is Kind.BOOL:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
            return raw.strip().lower() == "true"
        raise ValueError("must be true or false")
    if kind is Kind.DOUBLE:
        if isinstance(raw, bool):
            raise ValueError("must be a number")
        try:
            return float(raw)
        except (TypeError, ValueError):
            raise ValueError("must be a number") from None
    if kind is Kind.DATE:
        if not isinstance(raw, str):
            raise ValueError("must be a date (YYYY-MM-DD)")
        try:
            return parse_date(raw)
        except ValueError:
            raise ValueError("must be a date (YYYY-MM-DD)") from None
    if kind is Kind.DATETIME:
        if not isinstance(raw, str):
            raise ValueError("must be a date-time (e.g. 2016-01-01T12:00:00.000+01:00)")
        try:
            return parse_timestamp(raw)
        except (ValueError, OverflowError):
            raise ValueError("must be a date-time (e.g. 2016-01-01T12:00:00.000+01:00)") from None
    return None  # NESTED: server-managed


def coerce(
    resource: Resource, body: Mapping[str, Any], *, from_xml: bool = False
) -> tuple[dict[str, Any], list[ErrorEntry]]:
    """The writable fields of ``body`` as typed values, and one entry per bad field.

    Unknown fields and server-managed ones (id, createdAt, nested lists) are ignored,
    except ``id`` and ``updatedAt``, which are returned for the caller's checks.
    """
    values: dict[str, Any] = {}
    entries: list[ErrorEntry] = []
    for name, raw in body.items():
        spec = resource.by_name.get(name)
        if spec is None or spec.kind is Kind.NESTED:
            continue
        if not spec.writable and name != "id":
            continue
        try:
            values[name] = _coerce_one(spec, raw, from_xml)
        except ValueError as exc:
            entries.append(ErrorEntry(f"{name} {exc}", name, _shown(raw)))
    return values, entries


def missing_required(resource: Resource, values: Mapping[str, Any]) -> list[ErrorEntry]:
    return [
        ErrorEntry(f"{name} is required", name, None) for name in resource.required if values.get(name) in (None, "")
    ]
