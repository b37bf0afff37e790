"""Creates and sparse updates: bodies checked against the document's schemas, then the firm's rules.

Sparse (seeds, and each Update schema): a property that is missing or null leaves the value as
it is; the empty GUID clears ``practiceAreaId`` (UpdateMatter) and ``fixedFeeId``
(UpdateTimeEntry); ``customFields`` changes only the fields listed. Billed time entries,
expenses and fixed fees cannot be updated (the Update operations' descriptions).
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from mockserver.providers.leanlaw import codes, customfields, schema
from mockserver.providers.leanlaw.errors import BusinessRuleViolation, InvalidRequest
from mockserver.providers.leanlaw.firm import FirmData, referenced
from mockserver.providers.leanlaw.models import (
    CONFLICT_FIELDS,
    CONTACT_FIELDS,
    EMPTY_GUID,
    Client,
    Expense,
    FixedFee,
    LedesConfiguration,
    Matter,
    PracticeArea,
    TimeEntry,
    User,
    cents_of,
)

L = TypeVar("L", Expense, FixedFee)

#: The billing type a new time entry gets from its matter's type when the body names none.
DEFAULT_BILLING = {"hourly": "billable", "fixedFee": "fixedFee"}


def refuse_billed(record: TimeEntry | Expense | FixedFee, what: str, verb: str) -> None:
    if record.invoice_id is not None:
        raise BusinessRuleViolation(f"{what} that have been billed (added to an invoice) cannot be {verb}.")


#: *(emulator)* bounds the vendor does not publish: a day's hours, and amounts and rates a firm bills.
MOST_HOURS = 24
MOST_AMOUNT = 1_000_000_000
MOST_RATE = 1_000_000


def _within(value: float, field: str, most: float, *, zero: bool = False) -> float:
    """``value`` when it lies in (0, most] ([0, most] with ``zero``), else a 400 on ``field``."""
    if not (0 <= value <= most if zero else 0 < value <= most):
        low = "0 or more" if zero else "greater than 0"
        raise InvalidRequest(f"The {field} field must be {low} and at most {most:,}.", field=field)
    return value


def _amount(value: float) -> int:
    return cents_of(_within(value, "amount", MOST_AMOUNT))


def _rate(value: float) -> int:
    return cents_of(_within(value, "rate", MOST_RATE, zero=True))


def _code(value: str | None, kind: str, ledes: LedesConfiguration, enforce: bool = True) -> str | None:
    """A LEDES code checked against GetCodes; required when the matter's LEDES configuration says so."""
    field = f"{kind}Code"
    if value is None:
        if enforce and ledes.enabled and getattr(ledes, f"{kind}_code_required"):
            raise InvalidRequest(f"The matter requires a LEDES {kind} code.", field=field)
        return None
    if value not in codes.selectable(kind):
        raise InvalidRequest(f"'{value}' is not a selectable LEDES {kind} code (see GetCodes).", field=field)
    return value


class FirmWrites(FirmData):
    """The create and update operations of one firm's store."""

    # -- clients -------------------------------------------------------------------------------

    def create_client(self, raw: Any) -> Client:
        body = schema.check_body("CreateClient", raw)
        with self.lock:
            custom = customfields.apply(self.custom_fields, "client", {}, body.get("customFields", []))
            record = Client(
                **self.fresh(),
                name=body["name"],
                reference=body.get("reference"),
                contact={name: body.get("contact", {}).get(name) for name in CONTACT_FIELDS},
                notes=body.get("notes"),
                custom=custom,
            )
            return self.add(self.clients, record)

    def update_client(self, client_id: str, raw: Any) -> Client:
        record = self.client(client_id)
        body = schema.check_body("UpdateClient", raw)
        with self.writing(record):
            custom = customfields.apply(self.custom_fields, "client", record.custom, body.get("customFields", []))
            _not_blank(body, "name")
            _assign(record, body, {"name": "name", "reference": "reference", "notes": "notes"})
            record.contact.update(body.get("contact", {}))
            record.custom = custom
        return record

    # -- matters -------------------------------------------------------------------------------

    def create_matter(self, raw: Any) -> Matter:
        body = schema.check_body("CreateMatter", raw)
        with self.lock:
            referenced(self.clients, body["clientId"], "clientId", "client")
            referenced(self.users, body["responsibleId"], "responsibleId", "user")
            originators = [body["originatorId"]] if "originatorId" in body else []
            for user_id in originators:
                referenced(self.users, user_id, "originatorId", "user")
            area = body.get("practiceAreaId") or self._default_practice_area()
            if area is not None:
                referenced(self.practice_areas, area, "practiceAreaId", "practice area")
            custom = customfields.apply(self.custom_fields, "matter", {}, body.get("customFields", []))
            record = Matter(
                **self.fresh(),
                name=body["name"],
                reference=body.get("reference"),
                matter_type=body.get("matterType", "hourly"),
                client_id=body["clientId"],
                responsible_id=body["responsibleId"],
                originator_ids=originators,
                practice_area_id=area,
                opened=date.fromisoformat(body["opened"]) if "opened" in body else self.today(),
                archived=body.get("archived", False),
                billing_instructions=body.get("billingInstructions"),
                notes=body.get("notes"),
                referral_sources=body.get("referralSources"),
                rate_group_id=body.get("rateGroupId"),
                custom=custom,
            )
            record.conflict.update(body.get("conflictInformation", {}))
            return self.add(self.matters, record)

    def _default_practice_area(self) -> str | None:
        return next((a.id for a in self.practice_areas.values() if a.default), None)

    def update_matter(self, matter_id: str, raw: Any) -> Matter:
        record = self.matter(matter_id)
        body = schema.check_body("UpdateMatter", raw)
        with self.writing(record):
            if "clientId" in body:
                referenced(self.clients, body["clientId"], "clientId", "client")
            if "responsibleId" in body:
                referenced(self.users, body["responsibleId"], "responsibleId", "user")
            area = body.get("practiceAreaId")
            if area is not None and area != EMPTY_GUID:
                referenced(self.practice_areas, area, "practiceAreaId", "practice area")
            _not_blank(body, "name")
            custom = customfields.apply(self.custom_fields, "matter", record.custom, body.get("customFields", []))
            _assign(
                record,
                body,
                {
                    "name": "name",
                    "reference": "reference",
                    "clientId": "client_id",
                    "responsibleId": "responsible_id",
                    "archived": "archived",
                    "billingInstructions": "billing_instructions",
                    "notes": "notes",
                    "referralSources": "referral_sources",
                },
            )
            if "opened" in body:
                record.opened = date.fromisoformat(body["opened"])
            if area is not None:
                record.practice_area_id = None if area == EMPTY_GUID else area
            record.conflict.update(
                {k: v for k, v in body.get("conflictInformation", {}).items() if k in CONFLICT_FIELDS}
            )
            record.custom = custom
        return record

    # -- time entries --------------------------------------------------------------------------

    def create_time_entry(self, raw: Any, acting_user: str | None = None) -> TimeEntry:
        """CreateTimeEntry: ``userId`` falls back to the x-leanlaw-userid header, then to the key's user."""
        body = schema.check_body("CreateTimeEntry", raw)
        with self.lock:
            user_id = body.get("userId") or acting_user
            if user_id is None:
                raise InvalidRequest("The userId field is required when no x-leanlaw-userid is sent.", field="userId")
            user = referenced(self.users, user_id, "userId", "user")
            matter = referenced(self.matters, body["matterId"], "matterId", "matter")
            fee_id = body.get("fixedFeeId")
            if fee_id == EMPTY_GUID:
                fee_id = None
            billing = body.get("billingType") or ("fixedFee" if fee_id else DEFAULT_BILLING.get(matter.matter_type))
            billing = billing or "nonBillable"
            self._check_fee(fee_id, matter.id)
            rate = _rate(body["rate"]) if "rate" in body else (user.rate_cents if billing == "billable" else None)
            record = TimeEntry(
                **self.fresh(),
                user_id=user.id,
                matter_id=matter.id,
                date=date.fromisoformat(body["date"]),
                time=body.get("time"),
                description=body["description"],
                hours=_within(body["hours"], "hours", MOST_HOURS),
                rate_cents=rate,
                billing_type=billing,
                fixed_fee_id=fee_id,
                activity_code=_code(body.get("activityCode"), "activity", matter.ledes),
                task_code=_code(body.get("taskCode"), "task", matter.ledes),
            )
            return self.add(self.time_entries, record)

    def _check_fee(self, fee_id: str | None, matter_id: str) -> None:
        if fee_id is None:
            return
        fee = referenced(self.fixed_fees, fee_id, "fixedFeeId", "fixed fee")
        if fee.matter_id != matter_id:
            raise InvalidRequest("The fixed fee belongs to another matter.", field="fixedFeeId")
        if fee.invoice_id is not None:
            raise InvalidRequest("The fixed fee has been billed; time cannot be added to it.", field="fixedFeeId")

    def update_time_entry(self, entry_id: str, raw: Any) -> TimeEntry:
        record = self.time_entry(entry_id)
        body = schema.check_body("UpdateTimeEntry", raw)
        with self.writing(record):
            refuse_billed(record, "Time entries", "updated")
            user = referenced(self.users, body.get("userId", record.user_id), "userId", "user")
            matter = referenced(self.matters, body.get("matterId", record.matter_id), "matterId", "matter")
            fee_id = body.get("fixedFeeId", record.fixed_fee_id)
            fee_id = None if fee_id == EMPTY_GUID else fee_id
            self._check_fee(fee_id, matter.id)
            if "hours" in body:
                _within(body["hours"], "hours", MOST_HOURS)
            _not_blank(body, "description")
            activity = _code(body.get("activityCode", record.activity_code), "activity", matter.ledes)
            task = _code(body.get("taskCode", record.task_code), "task", matter.ledes)
            _assign(
                record,
                body,
                {"time": "time", "description": "description", "hours": "hours", "billingType": "billing_type"},
            )
            if "date" in body:
                record.date = date.fromisoformat(body["date"])
            record.user_id, record.matter_id, record.fixed_fee_id = user.id, matter.id, fee_id
            record.activity_code, record.task_code = activity, task
            if "rate" in body:
                record.rate_cents = _rate(body["rate"])
            elif record.billing_type == "billable" and record.rate_cents is None:
                record.rate_cents = user.rate_cents
        return record

    # -- expenses and fixed fees ---------------------------------------------------------------

    def create_expense(self, raw: Any) -> Expense:
        body = schema.check_body("CreateExpense", raw)
        with self.lock:
            matter = self._line_owner(body)
            code = _code(body.get("expenseCode"), "expense", matter.ledes)
            return self.add(self.expenses, self._new_line(Expense, body, matter, expense_code=code))

    def create_fixed_fee(self, raw: Any) -> FixedFee:
        body = schema.check_body("CreateFixedFee", raw)
        with self.lock:
            matter = self._line_owner(body)
            activity = _code(body.get("activityCode"), "activity", matter.ledes, False)
            task = _code(body.get("taskCode"), "task", matter.ledes, False)
            record = self._new_line(FixedFee, body, matter, activity_code=activity, task_code=task)
            return self.add(self.fixed_fees, record)

    def _new_line(self, kind: type[L], body: dict[str, Any], matter: Matter, **codes: str | None) -> L:
        """A new expense or fixed fee from its checked body (they share every field but their codes)."""
        return kind(
            **self.fresh(),
            user_id=body.get("userId"),
            matter_id=matter.id,
            date=date.fromisoformat(body["date"]),
            description=body["description"],
            amount_cents=_amount(body["amount"]),
            **codes,
        )

    def _line_owner(self, body: dict[str, Any]) -> Matter:
        if "userId" in body:
            referenced(self.users, body["userId"], "userId", "user")
        return referenced(self.matters, body["matterId"], "matterId", "matter")

    def update_expense(self, expense_id: str, raw: Any) -> Expense:
        record = self.expense(expense_id)
        body = schema.check_body("UpdateExpense", raw)
        with self.writing(record):
            refuse_billed(record, "Expenses", "updated")
            matter = self._line_update(record, body)
            code = _code(body.get("expenseCode", record.expense_code), "expense", matter.ledes)
            record.expense_code = code
        return record

    def update_fixed_fee(self, fee_id: str, raw: Any) -> FixedFee:
        record = self.fixed_fee(fee_id)
        body = schema.check_body("UpdateFixedFee", raw)
        with self.writing(record):
            refuse_billed(record, "Fixed fees", "updated")
            if "matterId" in body and body["matterId"] != record.matter_id:
                if any(t.fixed_fee_id == record.id for t in self.time_entries.values()):
                    raise BusinessRuleViolation("Fixed fees that are assigned to time entries cannot move matters.")
            matter = self._line_update(record, body)
            record.activity_code = _code(
                body.get("activityCode", record.activity_code), "activity", matter.ledes, False
            )
            record.task_code = _code(body.get("taskCode", record.task_code), "task", matter.ledes, False)
        return record

    def _line_update(self, record: Expense | FixedFee, body: dict[str, Any]) -> Matter:
        """The fields expenses and fixed fees share: user, matter, date, description, amount."""
        matter = referenced(self.matters, body.get("matterId", record.matter_id), "matterId", "matter")
        if "userId" in body:
            referenced(self.users, body["userId"], "userId", "user")
        _not_blank(body, "description")
        if "amount" in body:
            record.amount_cents = _amount(body["amount"])
        if "date" in body:
            record.date = date.fromisoformat(body["date"])
        _assign(record, body, {"userId": "user_id", "description": "description"})
        record.matter_id = matter.id
        return matter

    # -- practice areas and users --------------------------------------------------------------

    def create_practice_area(self, raw: Any) -> PracticeArea:
        body = schema.check_body("CreatePracticeArea", raw)
        with self.lock:
            record = PracticeArea(**self.fresh(), label=body["label"], default=body.get("default", False))
            self.add(self.practice_areas, record)
            self._one_default(record)
            return record

    def update_practice_area(self, area_id: str, raw: Any) -> PracticeArea:
        record = self.practice_area(area_id)
        body = schema.check_body("UpdatePracticeArea", raw)
        with self.writing(record):
            _not_blank(body, "label")
            _assign(record, body, {"label": "label", "default": "default"})
            self._one_default(record)
        return record

    def _one_default(self, record: PracticeArea) -> None:
        """Only one practice area is the default: making one the default unmarks the others."""
        if not record.default:
            return
        for other in self.practice_areas.values():
            if other is not record and other.default:
                other.default = False
                other.modified = self.now()
                self.version += 1

    def update_user(self, user_id: str, raw: Any) -> User:
        record = self.user(user_id)
        body = schema.check_body("UpdateUser", raw)
        with self.writing(record):
            record.custom = customfields.apply(self.custom_fields, "user", record.custom, body.get("customFields", []))
        return record


def _not_blank(body: dict[str, Any], name: str) -> None:
    """A text the body sets must not be empty (or only spaces): its Update schema's minLength."""
    if name in body and not body[name].strip():
        raise InvalidRequest(f"The {name} field must not be empty.", field=name)


def _assign(record: Any, body: dict[str, Any], names: dict[str, str]) -> None:
    """Copy the properties the body has (nulls were dropped by the schema check) onto the record."""
    for prop, attribute in names.items():
        if prop in body:
            setattr(record, attribute, body[prop])
