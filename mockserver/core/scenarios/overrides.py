"""Fixture overrides: a scenario's partial fixtures document, deep-merged over a provider's file and validated by it."""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mockserver.config_errors import ConfigError

log = logging.getLogger("mockserver.scenarios")

#: A provider's ``load_config(raw, source, options)``.
ConfigLoader = Callable[[Any, str, Mapping[str, Any]], Any]

#: One override to merge: (the scenario file or "request body" it came from, the partial document).
Override = tuple[str, Mapping[str, Any]]


@dataclass(frozen=True)
class FixtureBase:
    """One provider's fixtures as read from its file, the server's switches for it, and its validator."""

    raw: Any
    source: str
    options: Mapping[str, Any]
    load: ConfigLoader
    #: What ``load(raw, source, options)`` gave when the server started (None: not loaded, checks only).
    config: Any = None


def deep_merge(base: Any, override: Any) -> Any:
    """Mappings merge key by key (recursively); anything else in ``override`` (lists, scalars, null) replaces."""
    if isinstance(base, Mapping) and isinstance(override, Mapping):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = deep_merge(base[key], value) if key in base else copy.deepcopy(value)
        return merged
    return copy.deepcopy(override)


def _moved(exc: ConfigError, provider: str, source: str) -> ConfigError:
    """The provider's complaint about the merged document, placed at ``fixtures.<provider>.<field>`` of the scenario."""
    where = f"fixtures.{provider}"
    if exc.field and exc.field != "(top level)":
        where += f".{exc.field}"
    return ConfigError(source, exc.reason, where)


@dataclass(frozen=True)
class FixtureOverrides:
    """Every provider's fixture base; merges scenario overrides over it in order and validates the result."""

    bases: Mapping[str, FixtureBase] = field(default_factory=dict)

    @classmethod
    def defaults(cls, providers: Iterable[Any]) -> FixtureOverrides:
        """Bases with no file and no switches: overrides are checked against the providers' own defaults."""
        return cls({p.name: FixtureBase(None, f"{p.name} defaults", {}, p.load_config) for p in providers})

    def check(self, provider: str, override: Mapping[str, Any], source: str) -> None:
        """Refuse an override the provider would not load: ConfigError at ``fixtures.<provider>.<field>``."""
        if provider in self.bases:
            self.config(provider, [(source, override)])

    def config(self, provider: str, overrides: Sequence[Override], *, strict: bool = True) -> Any:
        """The provider's config with ``overrides`` merged in order over its file.

        Strict: the first override that makes the document invalid raises (naming that override's source).
        Otherwise it is left out with a log line and the rest still apply.
        """
        base = self.bases[provider]
        if not overrides:
            return base.config if base.config is not None else base.load(base.raw, base.source, base.options)
        document: Any = base.raw if base.raw is not None else {}
        config = base.config
        for source, override in overrides:
            candidate = deep_merge(document, override)
            try:
                config = base.load(candidate, source, base.options)
            except ConfigError as exc:
                moved = _moved(exc, provider, source)
                if strict:
                    raise moved from None
                log.error("fixture override left out: %s", moved)
                continue
            document = candidate
        if config is None:
            config = base.load(document, base.source, base.options)
        return config
