"""What a scenario may name, per provider: read from the app at start, without the scenario models."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from mockserver.core.scenarios.overrides import FixtureOverrides


@dataclass(frozen=True)
class ProviderFacts:
    """What a scenario may name for one provider: its operations and its error table."""

    operations: frozenset[str]
    errors: frozenset[str]


@dataclass(frozen=True)
class Catalog:
    """The providers a scenario is checked against."""

    providers: Mapping[str, ProviderFacts] = field(default_factory=dict)
    #: What fixture overrides are merged over and validated by (None: only their shape is checked).
    fixtures: FixtureOverrides | None = None
