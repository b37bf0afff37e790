"""fixtures/ons.yaml and the Ons switches (settings.options["ons"]), validated at start."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mockserver.config_errors import ConfigError, validate_model
from mockserver.providers.ons.models import RESOURCES, coerce

# Rights are granted per resource; "reports" covers the delayed export jobs.
RIGHT_RESOURCES = ("clients", "employees", "teams", "locations", "care_plans", "reports")
# seeds/research: CN = {connector name a-z0-9_}-{customer code}-{free part}, e.g. hr_integration-TE1002-free_text
CN_PATTERN = re.compile(r"^[a-z0-9_]+-[A-Z]{2}\d{4}-\S+$")


class Connector(BaseModel):
    """One client certificate the emulated vendor knows: its CN, tenant and rights."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cn: str
    tenant: str = Field(min_length=1)
    read: tuple[str, ...] = ("*",)
    write: tuple[str, ...] = ("*",)
    description: str = ""

    @field_validator("cn")
    @classmethod
    def _cn_shape(cls, value: str) -> str:
        if not CN_PATTERN.match(value):
            raise ValueError(f"certificate CN {value!r} must look like connector_name-TE1002-free_part")
        return value

    @field_validator("read", "write")
    @classmethod
    def _known_resources(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            if item != "*" and item not in RIGHT_RESOURCES:
                raise ValueError(f"unknown resource {item!r}; valid: *, {', '.join(RIGHT_RESOURCES)}")
        return value

    @property
    def credential(self) -> str:
        """The CN, as the journal and scenarios name the caller."""
        return self.cn

    def may(self, resource: str, access: str) -> bool:
        granted = self.read if access == "read" else self.write
        return "*" in granted or resource in granted

    def rights(self) -> dict[str, list[str]]:
        return {"read": list(self.read), "write": list(self.write)}


class Sizes(BaseModel):
    """How many generated records each tenant's store starts with (besides the hand-written ones)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    clients: int = Field(60, ge=0, le=1_000_000)
    employees: int = Field(30, ge=0, le=1_000_000)
    teams: int = Field(8, ge=0, le=100_000)
    locations: int = Field(12, ge=0, le=100_000)
    #: Share of clients (0..1) that get care plans.
    care_plan_share: float = Field(0.4, ge=0, le=1)
    #: Tombstones per streamed collection (records deleted before the store was built).
    deleted: int = Field(3, ge=0, le=10_000)


class Jobs(BaseModel):
    """When a delayed export job is ready: after N polls, or after T seconds on the clock."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ready_after_polls: int | None = Field(2, ge=0)
    ready_after_seconds: float | None = Field(None, ge=0)


class OnsOptions(BaseModel):
    """Switches: settings.options["ons"] (``--option ons.spec_mode=true``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: The OpenAPI extracts' behaviour: creates, updates and actions answer 200 with the object.
    spec_mode: bool = False
    #: No certificate and no X-Client-Cert-CN header → 403 instead of the default connector.
    require_certificate: bool = False
    #: A missing or unsupported Content-Type → 415 instead of the vendor's 400.
    unsupported_media_type_415: bool = False
    #: The documented per-certificate in-flight limit (enforced by the vendor).
    in_flight_limit: int = Field(4, ge=1)
    #: Documented but not enforced by the vendor: 100 requests per second per certificate.
    enforce_rate_limit: bool = False
    rate_limit_per_second: int = Field(100, ge=1)
    #: Documented but not enforced by the vendor: 10,000 s of request time per day per certificate.
    enforce_daily_budget: bool = False
    daily_budget_seconds: float = Field(10_000.0, gt=0)


class OnsConfig(BaseModel):
    """The whole Ons fixture file plus switches."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    default_connector: str = "hr_integration-TE1002-free_text"
    connectors: tuple[Connector, ...] = (Connector(cn="hr_integration-TE1002-free_text", tenant="TE1002"),)
    sizes: Sizes = Sizes()
    jobs: Jobs = Jobs()
    #: Hand-written records per collection (clients, employees, teams, locations, care_plans).
    records: dict[str, list[dict[str, Any]]] = Field(default_factory=dict)
    #: Team memberships of hand-written employees: employee id -> team ids.
    memberships: dict[int, list[int]] = Field(default_factory=dict)
    options: OnsOptions = OnsOptions()

    @field_validator("records")
    @classmethod
    def _known_collections(cls, value: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
        for name, items in value.items():
            if name not in RESOURCES:
                raise ValueError(f"unknown collection {name!r}; valid: {', '.join(RESOURCES)}")
            for index, item in enumerate(items):
                record_id = item.get("id")
                if not isinstance(record_id, int) or isinstance(record_id, bool) or not 0 < record_id < 1000:
                    raise ValueError(f"{name}[{index}]: hand-written records need an int id between 1 and 999")
        return value

    @model_validator(mode="after")
    def _default_is_known(self) -> OnsConfig:
        if self.default_connector not in {c.cn for c in self.connectors}:
            raise ValueError(f"default_connector {self.default_connector!r} is not one of the connectors")
        return self

    def connector(self, cn: str) -> Connector | None:
        for item in self.connectors:
            if item.cn == cn:
                return item
        return None

    @property
    def default(self) -> Connector:
        found = self.connector(self.default_connector)
        assert found is not None  # checked by the validator
        return found


def load_config(raw: Any, source: str, options: Mapping[str, Any]) -> OnsConfig:
    """Validate the fixture file and the switches; bad input raises ConfigError naming the field."""
    data = dict(raw or {})
    if "options" in data:
        raise ConfigError(source, "switches are settings (options.ons), not fixtures", "options")
    config = validate_model(OnsConfig, {**data, "options": dict(options)}, source)
    for name, items in config.records.items():
        resource = RESOURCES[name]
        for index, item in enumerate(items):
            _, problems = coerce(resource, item)
            if problems:
                raise ConfigError(source, problems[0].message, f"records.{name}[{index}].{problems[0].field}")
    return config
