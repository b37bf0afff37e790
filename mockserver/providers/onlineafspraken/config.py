"""The provider's fixtures (fixtures/onlineafspraken.yaml) and switches, validated."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import time
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mockserver.config_errors import ConfigError, validate_model

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_INTERVAL = re.compile(r"\A(\d{2}):(\d{2})-(\d{2}):(\d{2})\Z")

Interval = tuple[time, time]


def parse_interval(text: str) -> Interval:
    """``"09:00-12:30"`` into two times; the end must be after the start."""
    match = _INTERVAL.match(text.strip())
    if not match:
        raise ValueError(f"opening hours must look like HH:MM-HH:MM, got {text!r}")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
        raise ValueError(f"not a time of day in {text!r}")
    start = time(h1, m1)
    end = time(23, 59, 59) if h2 == 24 else time(h2, m2)
    if end <= start:
        raise ValueError(f"opening hours end before they start: {text!r}")
    return start, end


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TenantConfig(Strict):
    name: str = Field(min_length=1)
    api_key: str = Field(min_length=1)
    api_secret: str = Field(min_length=1)
    #: requiresConfirmation answer; new appointments start pending (Label 1) when true.
    requires_confirmation: bool = False

    @property
    def tenant(self) -> str:
        return self.name

    @property
    def credential(self) -> str:
        """The api key, as the journal and scenarios name the caller."""
        return self.api_key


class Sizes(Strict):
    agendas: int = Field(2, ge=0, le=100)
    resources_per_agenda: int = Field(2, ge=0, le=100)
    appointment_types: int = Field(3, ge=0, le=200)
    customers: int = Field(25, ge=0, le=200_000)
    appointments: int = Field(20, ge=0, le=50_000)


class AgendaRecord(Strict):
    name: str
    align_grid: int = Field(15, ge=1, le=240)
    date_format: str = "D d/m/Y"
    time_format: str = "H:i"
    opening_hours: dict[str, list[str]] | None = None


class AppointmentTypeRecord(Strict):
    name: str
    agenda: int = Field(0, ge=0, description="index into agendas")
    duration: int = Field(30, ge=1, le=24 * 60)
    buffer: int = Field(0, ge=0, le=24 * 60)
    description: str = ""
    price: str = "0.00"
    category: str = ""
    min_hours_before: int = Field(1, ge=0)
    max_hours_before: int = Field(4320, ge=0)
    resource: int | None = Field(None, ge=0, description="index into the agenda's resources")


class ResourceRecord(Strict):
    name: str
    agenda: int = Field(0, ge=0)
    email: str = ""
    phone: str = ""


class CustomerRecord(Strict):
    first_name: str
    last_name: str
    email: str
    #: Default: the customer's id, zero-padded to six digits (as generated customers have).
    account_number: str | None = None
    insertions: str = ""
    username: str | None = None
    password: str | None = None
    phone: str = ""
    city: str = ""


class FieldRecord(Strict):
    label: str
    key: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")
    type: str = Field("Appointment", pattern=r"^(Appointment|Registration)$")
    required: bool = False


class Records(Strict):
    agendas: list[AgendaRecord] = Field(default_factory=list)
    resources: list[ResourceRecord] = Field(default_factory=list)
    appointment_types: list[AppointmentTypeRecord] = Field(default_factory=list)
    customers: list[CustomerRecord] = Field(default_factory=list)
    fields: list[FieldRecord] = Field(default_factory=list)


class Options(Strict):
    """Switches under ``options.onlineafspraken`` (``--option onlineafspraken.NAME=VALUE``)."""

    #: Only the documented signature form (ordinal sort, spaces stripped); SHA-1 and hex case still free.
    strict_signatures: bool = False
    #: Date/agenda wall time follows Dutch summer time (as the real captures show) instead of fixed GMT+1.
    dutch_summer_time: bool = False
    #: How far (seconds) a salt may lie behind the server time.
    salt_window: int = Field(300, ge=0)


class OnlineAfsprakenConfig(Strict):
    tenants: list[TenantConfig] = Field(
        default_factory=lambda: [TenantConfig(name="default", api_key="oa-demo-key", api_secret="oa-demo-secret")],
        min_length=1,
    )
    sizes: Sizes = Field(default_factory=Sizes)
    opening_hours: dict[str, list[str]] = Field(
        default_factory=lambda: {d: ["09:00-12:00", "13:00-17:00"] for d in WEEKDAYS[:5]}
    )
    records: Records = Field(default_factory=Records)
    options: Options = Field(default_factory=Options)

    @field_validator("opening_hours")
    @classmethod
    def _valid_hours(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        check_opening_hours(value)
        return value

    @model_validator(mode="after")
    def _unique_tenants(self) -> OnlineAfsprakenConfig:
        for what in ("name", "api_key"):
            seen = [getattr(t, what) for t in self.tenants]
            dupes = sorted({v for v in seen if seen.count(v) > 1})
            if dupes:
                raise ValueError(f"tenant {what} {dupes[0]!r} is used more than once")
        for agenda in self.records.agendas:
            if agenda.opening_hours is not None:
                check_opening_hours(agenda.opening_hours)
        return self

    def tenant_by_key(self, api_key: str) -> TenantConfig | None:
        for tenant in self.tenants:
            if tenant.api_key == api_key:
                return tenant
        return None

    def tenant_by_name(self, name: str) -> TenantConfig | None:
        for tenant in self.tenants:
            if tenant.name == name:
                return tenant
        return None


def check_opening_hours(value: Mapping[str, list[str]]) -> None:
    for day, intervals in value.items():
        if day not in WEEKDAYS:
            raise ValueError(f"unknown weekday {day!r}; use {', '.join(WEEKDAYS)}")
        for text in intervals:
            parse_interval(text)


def opening_hours_by_weekday(value: Mapping[str, list[str]]) -> dict[int, list[Interval]]:
    """Weekday number (Monday 0) to sorted opening intervals."""
    return {WEEKDAYS.index(day): sorted(parse_interval(t) for t in intervals) for day, intervals in value.items()}


def load(raw: Any, source: str, options: Mapping[str, Any]) -> OnlineAfsprakenConfig:
    """Fixtures file plus the settings' options (the options win over an ``options`` key in the file)."""
    if raw is not None and not isinstance(raw, dict):
        raise ConfigError(source, "the fixtures file must be a mapping")
    data = dict(raw or {})
    if options:
        validate_model(Options, dict(options), "options.onlineafspraken")
        data["options"] = {**(data.get("options") or {}), **dict(options)}
    return validate_model(OnlineAfsprakenConfig, data, source)
