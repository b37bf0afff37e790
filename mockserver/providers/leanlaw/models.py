"""The records a firm's store holds: plain dataclasses, money in cents, times on the virtual clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

EMPTY_GUID = "00000000-0000-0000-0000-000000000000"

BILLING_TYPES = ("nonBillable", "billable", "fixedFee")
MATTER_TYPES = ("hourly", "fixedFee", "contingency", "probono", "internal")
INVOICE_STATES = ("draft", "review", "approved", "final")
ROLES = ("principal", "attorney", "paralegal", "timekeeper", "operator", "accountant")
ENTITIES = ("client", "matter", "user")
VALUE_TYPES = ("text", "boolean", "number", "date", "enum")

CONTACT_FIELDS = (
    "companyName",
    "firstName",
    "lastName",
    "middleName",
    "suffix",
    "email",
    "emailCC",
    "phone",
    "cellPhone",
    "otherPhone",
    "fax",
    "street",
    "city",
    "state",
    "zip",
    "country",
)
CONFLICT_FIELDS = ("adverse", "relatedAdverse", "relatedClient", "opposing")

#: A custom field's value on a record: (value, optionId for enum fields).
CustomValue = tuple[str | float | bool, str | None]


def cents_of(amount: float) -> int:
    """Dollars (as sent in JSON) to whole cents, half up."""
    return int((Decimal(str(amount)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def money(cents: int) -> float:
    """Whole cents back to the JSON number the vendor sends (two decimals at most)."""
    return cents / 100


def line_amount(hours: float, rate_cents: int) -> int:
    """The amount of a time entry in cents: hours × rate, half up (so invoices add up to the cent)."""
    return int((Decimal(str(hours)) * rate_cents).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Record:
    """What every stored record has: its id, its insertion number (stable order) and its stamps."""

    id: str
    seq: int
    created: datetime
    modified: datetime


@dataclass
class User(Record):
    first_name: str
    last_name: str
    initials: str | None
    role: str
    email: str
    #: The user's standard hourly rate, in cents (not exposed by the API; used for new time entries).
    rate_cents: int
    custom: dict[str, CustomValue] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class PracticeArea(Record):
    label: str
    default: bool = False


@dataclass
class CustomFieldOption:
    option_id: str
    label: str


@dataclass
class CustomField(Record):
    entity: str
    name: str
    value_type: str
    options: list[CustomFieldOption] = field(default_factory=list)


@dataclass
class Client(Record):
    name: str
    reference: str | None
    contact: dict[str, str | None]
    notes: str | None = None
    custom: dict[str, CustomValue] = field(default_factory=dict)


@dataclass
class LedesConfiguration:
    enabled: bool = False
    activity_code_required: bool = False
    task_code_required: bool = False
    expense_code_required: bool = False
    code_set_ids: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "enabled": self.enabled,
            "activityCodeRequired": self.activity_code_required,
            "taskCodeRequired": self.task_code_required,
            "expenseCodeRequired": self.expense_code_required,
            "codeSetIds": list(self.code_set_ids),
        }


@dataclass
class Matter(Record):
    name: str
    reference: str | None
    matter_type: str
    client_id: str
    responsible_id: str
    originator_ids: list[str] = field(default_factory=list)
    practice_area_id: str | None = None
    opened: date | None = None
    archived: bool = False
    conflict: dict[str, str | None] = field(default_factory=lambda: dict.fromkeys(CONFLICT_FIELDS))
    billing_instructions: str | None = None
    notes: str | None = None
    referral_sources: str | None = None
    rate_group_id: str | None = None
    ledes: LedesConfiguration = field(default_factory=LedesConfiguration)
    custom: dict[str, CustomValue] = field(default_factory=dict)


@dataclass
class TimeEntry(Record):
    user_id: str
    matter_id: str
    date: date
    time: str | None
    description: str
    hours: float
    #: Only billable entries carry a rate (the OpenAPI: rate and amount "only provided for billable").
    rate_cents: int | None
    billing_type: str
    invoice_id: str | None = None
    fixed_fee_id: str | None = None
    activity_code: str | None = None
    task_code: str | None = None

    @property
    def amount_cents(self) -> int | None:
        if self.billing_type != "billable" or self.rate_cents is None:
            return None
        return line_amount(self.hours, self.rate_cents)


@dataclass
class Expense(Record):
    user_id: str | None
    matter_id: str
    date: date
    description: str
    amount_cents: int
    expense_code: str | None = None
    check_number: str | None = None
    invoice_id: str | None = None


@dataclass
class FixedFee(Record):
    user_id: str | None
    matter_id: str
    date: date
    description: str
    amount_cents: int
    activity_code: str | None = None
    task_code: str | None = None
    invoice_id: str | None = None


@dataclass
class Invoice(Record):
    client_id: str
    matter_id: str
    invoice_date: date
    due_date: date | None
    number: str
    state: str
    #: Sum of the billed lines (billed lines never change, so neither does this).
    amount_cents: int
    paid_cents: int = 0

    @property
    def balance_cents(self) -> int:
        return self.amount_cents - self.paid_cents
