"""The scenario file, as pydantic models: a scenario, its rules, what they match and when they fire."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mockserver.core.faults import Fault
from mockserver.core.scenarios import STARTED

#: Every scenario starts here (WireMock's "Started", lower-cased like every state name).
NAME_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,79}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class Match(_Strict):
    """Which requests a rule is about; fields left out match everything."""

    provider: str | None = None
    operation: list[str] | None = Field(None, description="endpoint names (or the method parameter)")
    path: str | None = Field(None, description="glob on the full path, e.g. /ons/t/clients/*")
    method: list[str] | None = None
    tenant: str | None = None
    headers: dict[str, str] = Field(default_factory=dict, description="exact values (or globs)")
    query: dict[str, str] = Field(default_factory=dict, description="exact values (or globs)")

    @field_validator("operation", "method", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return _as_list(value)

    @field_validator("method")
    @classmethod
    def _upper(cls, value: list[str] | None) -> list[str] | None:
        return [m.upper() for m in value] if value else value

    @field_validator("path")
    @classmethod
    def _absolute(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("/"):
            raise ValueError(f"path must start with '/', got {value!r}")
        return value


class Window(_Strict):
    """Seconds of virtual time since the scenario was applied: ``start`` <= t < ``end``."""

    start: float = Field(0, ge=0)
    end: float | None = Field(None, gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.end is not None and self.end <= self.start:
            raise ValueError(f"end ({self.end:g}) must be after start ({self.start:g})")
        return self


class Rule(_Strict):
    """Match, the conditions under which it fires, and what it does (one fault or a sequence)."""

    name: str | None = Field(None, pattern=NAME_PATTERN)
    match: Match = Field(default_factory=lambda: Match())
    when: str | None = Field(None, pattern=NAME_PATTERN, description="fire only in this state")
    then: str | None = Field(None, pattern=NAME_PATTERN, description="move to this state after firing")
    first: int | None = Field(None, ge=1, description="fire on the first N matches only")
    after: int | None = Field(None, ge=0, description="fire only after N matches")
    every: int | None = Field(None, ge=1, description="fire on every Nth match")
    probability: float | None = Field(None, ge=0, le=1, description="seeded dice")
    window: Window | None = None
    fault: Fault | None = None
    sequence: list[Fault] | None = Field(None, min_length=1, description="one step per firing")
    loop: bool = Field(False, description="start the sequence over after its last step")

    @model_validator(mode="after")
    def _one_outcome(self) -> Rule:
        if self.fault is not None and self.sequence is not None:
            raise ValueError("give either 'fault' or 'sequence', not both")
        return self


class ClockSettings(_Strict):
    """What happens to the server clock when the scenario is applied (undone when it is removed)."""

    freeze_at: datetime | None = None
    advance_seconds: float | None = Field(None, description="jump ahead (or back, negative) by this much")


class Scenario(_Strict):
    """One scenario file."""

    name: str = Field(pattern=NAME_PATTERN)
    description: str = ""
    provider: str | None = Field(None, description="default provider of every rule")
    seed: int | None = Field(None, description="dice seed (default: the server's seed)")
    clock: ClockSettings | None = None
    states: list[str] | None = Field(None, description="declared states (default: those the rules name)")
    fixtures: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="per provider: a partial fixtures document merged over its file"
    )
    rules: list[Rule] = Field(default_factory=list)
    demo: list[DemoStep] = Field(default_factory=list, description="what `mockserver demo` sends")

    @model_validator(mode="after")
    def _something_to_do(self) -> Scenario:
        if not self.rules and self.clock is None and not self.fixtures:
            raise ValueError("a scenario needs rules, clock settings or fixture overrides")
        return self

    def rule_name(self, index: int) -> str:
        return self.rules[index].name or f"rule-{index + 1}"

    def known_states(self) -> set[str]:
        if self.states is not None:
            return {STARTED, *self.states}
        named = {STARTED}
        for rule in self.rules:
            named.update(s for s in (rule.when, rule.then) if s)
        return named


class DemoStep(_Strict):
    """One scripted call of ``mockserver demo``; ``advance`` moves the clock first."""

    request: str = Field(
        pattern=r"^(GET|POST|PUT|DELETE|PATCH|HEAD) (/\S*|\{location\})$",
        description="e.g. 'GET /ons/t/teams'; 'GET {location}' follows the last Location header",
    )
    headers: dict[str, str] = Field(default_factory=dict)
    params: dict[str, str] = Field(default_factory=dict)
    json_body: Any = Field(None, alias="json")
    sign: Literal["client-clock", "server-timestamp"] | None = Field(
        None, description="sign an OnlineAfspraken call, salted from the client's clock or the last server Timestamp"
    )
    repeat: int = Field(1, ge=1, le=1000)
    parallel: bool = Field(False, description="send the repeats at the same time")
    advance: float | None = Field(None, ge=0, description="seconds of virtual time to move before this step")
    timeout: float = Field(5, gt=0, le=60)
    note: str = ""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


Scenario.model_rebuild()
