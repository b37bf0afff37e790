"""The provider's fixtures (fixtures/onix.yaml) and switches, validated."""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from mockserver.config_errors import ConfigError, validate_model
from mockserver.providers.onix.labels import CONTROL_CATEGORIES
from mockserver.providers.onix.schemas import PRODUCT_KINDS


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class User(Strict):
    """An Onix Work account: the token call's ``username`` is its e-mail address."""

    email: str = Field(min_length=3, pattern=r"^[^@\s]+@[^@\s]+$")
    password: str = Field(min_length=1)


class Company(Strict):
    """A company is the tenant: its users' tokens and its long-lived key all reach its data."""

    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    company_id: int = Field(ge=1)
    key: str = Field(min_length=16, pattern=r"^\S+$")
    users: list[User] = Field(min_length=1)


class Sizes(Strict):
    customers: int = Field(4, ge=0, le=10_000)
    suppliers: int = Field(2, ge=0, le=10_000)
    products: int = Field(6, ge=0, le=100_000)
    orders: int = Field(3, ge=0, le=100_000)
    lines_per_order: int = Field(2, ge=0, le=100)


class CompanyLinkRecord(Strict):
    external_id: str = Field(min_length=1, max_length=50)
    type: Literal["customer", "supplier"]
    name: str = Field(min_length=1)


class ContactLinkRecord(Strict):
    external_id: str = Field(min_length=1, max_length=50)
    type: Literal["customer", "supplier"] = "customer"
    #: external id of a company link (the contact's company)
    company: str | None = None
    first_name: str = ""
    last_name: str = ""
    email: str = ""


class ProductRecord(Strict):
    product_no: str = Field(min_length=1, max_length=50)
    name: str = Field(min_length=1, max_length=200)
    product_type: int = 0
    control_category_id: int | None = None
    supplier: str | None = None
    properties: dict[str, str | None] = Field(default_factory=dict)
    forms: dict[str, dict[str, str | None]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_values(self) -> ProductRecord:
        if self.product_type not in PRODUCT_KINDS:
            raise ValueError(f"product_type must be one of {sorted(PRODUCT_KINDS)} ({PRODUCT_KINDS})")
        categories = [c[0] for c in CONTROL_CATEGORIES]
        if self.control_category_id is not None and self.control_category_id not in categories:
            raise ValueError(f"control_category_id must be one of {categories}")
        return self


class Records(Strict):
    company_links: list[CompanyLinkRecord] = Field(default_factory=list)
    contact_links: list[ContactLinkRecord] = Field(default_factory=list)
    products: list[ProductRecord] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references(self) -> Records:
        companies = {link.external_id: link for link in self.company_links}
        for contact in self.contact_links:
            if contact.company is not None and contact.company not in companies:
                raise ValueError(f"contact link {contact.external_id!r} names unknown company link {contact.company!r}")
        for product in self.products:
            link = companies.get(product.supplier) if product.supplier else None
            if product.supplier and (link is None or link.type != "supplier"):
                raise ValueError(f"product {product.product_no!r}: {product.supplier!r} is not a supplier link")
        return self


class Options(Strict):
    """Switches under ``options.onix`` (``--option onix.NAME=VALUE``)."""

    #: Lifetime of a short-lived token, in minutes of the emulator's clock (seed: 60).
    token_minutes: int = Field(60, ge=1, le=7 * 24 * 60)
    #: How a key-value list is written: ``pairs`` [{"key", "value"}] (List<KeyValuePair>) or ``object`` {key: value}.
    key_value_list: Literal["pairs", "object"] = "pairs"


class OnixConfig(Strict):
    companies: list[Company] = Field(
        default_factory=lambda: [
            Company(
                name="default",
                company_id=7001,
                key="onix-demo-company-key",
                users=[User(email="api@onix.example", password="onix-demo")],
            )
        ],
        min_length=1,
    )
    sizes: Sizes = Field(default_factory=Sizes)
    records: Records = Field(default_factory=Records)
    options: Options = Field(default_factory=Options)

    @model_validator(mode="after")
    def _unique(self) -> OnixConfig:
        for what, seen in (
            ("name", [c.name for c in self.companies]),
            ("company_id", [str(c.company_id) for c in self.companies]),
            ("key", [c.key for c in self.companies]),
            ("user email", [u.email.casefold() for c in self.companies for u in c.users]),
        ):
            dupes = sorted({v for v in seen if seen.count(v) > 1})
            if dupes:
                raise ValueError(f"company {what} {dupes[0]!r} is used more than once")
        return self

    def company(self, name: str) -> Company | None:
        return next((c for c in self.companies if c.name == name), None)

    def company_by_key(self, key: str) -> Company | None:
        return next((c for c in self.companies if hmac.compare_digest(c.key.encode(), key.encode())), None)

    def login(self, email: str, password: str) -> tuple[Company, User] | None:
        """The company and user of an e-mail address (case-insensitive) and its exact password."""
        folded = email.casefold()
        for company in self.companies:
            for user in company.users:
                if user.email.casefold() == folded:
                    same = hmac.compare_digest(user.password.encode(), password.encode())
                    return (company, user) if same else None
        return None


def load_config(raw: Any, source: str, options: Mapping[str, Any]) -> OnixConfig:
    """Fixtures file plus the settings' options (the options win over an ``options`` key in the file)."""
    if raw is not None and not isinstance(raw, dict):
        raise ConfigError(source, "the fixtures file must be a mapping")
    data = dict(raw or {})
    if options:
        validate_model(Options, dict(options), "options.onix")
        data["options"] = {**(data.get("options") or {}), **dict(options)}
    return validate_model(OnixConfig, data, source)
