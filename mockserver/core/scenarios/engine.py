"""The scenario engine: applied scenarios, their rules' counters, states, sequences and seeded dice.

``decide`` is asked once per request (by the scenario middleware) and answers with an ``Effect``
or None. Rules are indexed by provider, so a request to a provider no rule names costs one dict
lookup. Rules are tried in the order scenarios were applied, then in file order; the first rule
that fires decides.
"""

from __future__ import annotations

import contextlib
import fnmatch
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mockserver.core.clock import Clock, ClockRangeError, check_timestamp
from mockserver.core.limits import InFlightLimiter, WindowLimiter
from mockserver.core.scenarios import STARTED
from mockserver.core.scenarios.effects import Effect, effect_for
from mockserver.core.scenarios.request import RequestView
from mockserver.core.seeding import rng

if TYPE_CHECKING:
    from mockserver.core.faults import Fault
    from mockserver.core.scenarios.model import Rule, Scenario


@dataclass
class Decision:
    rule: str | None
    effect: Effect | None
    dice: float | None


def _glob(pattern: str) -> re.Pattern[str]:
    return re.compile(fnmatch.translate(pattern))


class RuleState:
    """One rule of one applied scenario, with its counters and the limiters its fault needs."""

    def __init__(self, active: ActiveScenario, index: int, provider: str) -> None:
        scenario = active.scenario
        self.active = active
        self.rule: Rule = scenario.rules[index]
        self.name = scenario.rule_name(index)
        self.provider = provider
        match = self.rule.match
        self.methods = frozenset(match.method or ())
        self.operations = frozenset(match.operation or ())
        self.path = _glob(match.path) if match.path else None
        self.tenant = match.tenant
        self.headers = [(k.lower(), _glob(v)) for k, v in match.headers.items()]
        self.query = [(k, _glob(v)) for k, v in match.query.items()]
        self.needs_params = bool(self.query) or bool(self.operations) or self.tenant is not None
        self.reset()

    def reset(self) -> None:
        seed_parts = ("scenario", self.active.scenario.name, self.active.tenant or "*", self.name)
        self.dice = rng(self.active.seed, *seed_parts, "dice")
        self.samples = rng(self.active.seed, *seed_parts, "delay")
        self.matches = 0
        self.fired = 0
        self.position = 0
        self.window: WindowLimiter | None = None
        self.in_flight: InFlightLimiter | None = None
        self.locks: dict[str, list[float]] = {}

    def matches_request(self, view: RequestView) -> bool:
        """Cheap tests first: the operation and the caller are only worked out when everything else fits."""
        if self.methods and view.method not in self.methods:
            return False
        if self.path is not None and not self.path.match(view.path):
            return False
        for name, pattern in self.headers:
            value = view.headers.get(name)
            if value is None or not pattern.match(value):
                return False
        for name, pattern in self.query:
            value = view.param(name)
            if value is None or not pattern.match(value):
                return False
        if self.operations and not view.is_operation(self.operations):
            return False
        return self.tenant is None or view.tenant == self.tenant

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "provider": self.provider, "matches": self.matches, "fired": self.fired}


class ActiveScenario:
    """A scenario applied to the server (or to one tenant), with its state and rule counters."""

    def __init__(self, scenario: Scenario, tenant: str | None, source: str, seed: int, applied_at: float) -> None:
        self.scenario = scenario
        self.tenant = tenant
        self.source = source
        self.seed = scenario.seed if scenario.seed is not None else seed
        self.applied_at = applied_at
        self.state = STARTED
        self.clock_shift = 0.0
        default = scenario.provider
        self.rules = [RuleState(self, i, r.match.provider or default or "") for i, r in enumerate(scenario.rules)]

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.scenario.name, self.tenant)

    def reset(self, now: float) -> None:
        self.applied_at = now
        self.state = STARTED
        for rule in self.rules:
            rule.reset()

    def describe(self, now: float) -> dict[str, Any]:
        return {
            "name": self.scenario.name,
            "description": self.scenario.description,
            "tenant": self.tenant,
            "source": self.source,
            "state": self.state,
            "states": sorted(self.scenario.known_states()),
            "seed": self.seed,
            "elapsed_seconds": round(now - self.applied_at, 3),
            "rules": [rule.describe() for rule in self.rules],
            "fixtures": sorted(self.scenario.fixtures),
        }


class ScenarioEngine:
    """Holds every applied scenario; thread-safe, cheap when nothing is applied."""

    def __init__(self, clock: Clock, seed: int) -> None:
        self.clock = clock
        self.seed = seed
        self._active: dict[tuple[str, str | None], ActiveScenario] = {}
        self._index: dict[str, list[RuleState]] = {}
        self._lock = threading.RLock()

    # -- applying and removing ------------------------------------------------------------

    def apply(self, scenario: Scenario, tenant: str | None = None, source: str = "admin") -> ActiveScenario:
        """Apply (or re-apply, starting over) a checked scenario; its clock settings take effect now.

        A clock setting that would move the clock out of its range raises ClockRangeError and changes nothing.
        """
        with self._lock:
            old = self._active.get((scenario.name, tenant))
            if old is None or scenario.clock != old.scenario.clock:
                self._check_clock(scenario, old.clock_shift if old is not None else 0.0)
            old = self._active.pop((scenario.name, tenant), None)
            shift = 0.0
            if old is not None:
                shift = old.clock_shift
                if scenario.clock != old.scenario.clock:
                    self._undo_clock(old)
                    shift = self._apply_clock(scenario)
            else:
                shift = self._apply_clock(scenario)
            active = ActiveScenario(scenario, tenant, source, self.seed, self.clock.timestamp())
            active.clock_shift = shift
            self._active[active.key] = active
            self._reindex()
            return active

    def remove(self, name: str, tenant: str | None = None) -> bool:
        with self._lock:
            active = self._active.pop((name, tenant), None)
            if active is None:
                return False
            self._undo_clock(active)
            self._reindex()
            return True

    def clear(self) -> int:
        """Remove every applied scenario (undoing clock jumps); returns how many there were."""
        with self._lock:
            count = len(self._active)
            for active in list(self._active.values()):
                self._undo_clock(active)
            self._active.clear()
            self._reindex()
            return count

    def replace(self, actives: Iterable[ActiveScenario]) -> None:
        """Put these applied scenarios (restored from a snapshot) in place of the current ones, as they are:
        no clock setting is applied or undone (the snapshot brings its own clock)."""
        with self._lock:
            self._active = {active.key: active for active in actives}
            self._reindex()

    def _check_clock(self, scenario: Scenario, undone: float) -> None:
        settings = scenario.clock
        if settings is None or (settings.freeze_at is None and not settings.advance_seconds):
            return
        start = settings.freeze_at.timestamp() if settings.freeze_at is not None else self.clock.timestamp() - undone
        check_timestamp(start + (settings.advance_seconds or 0.0))

    def _apply_clock(self, scenario: Scenario) -> float:
        settings = scenario.clock
        if settings is None:
            return 0.0
        if settings.freeze_at is not None:
            self.clock.freeze(settings.freeze_at)
        if settings.advance_seconds:
            self.clock.advance(settings.advance_seconds)
            return settings.advance_seconds
        return 0.0

    def _undo_clock(self, active: ActiveScenario) -> None:
        if active.clock_shift:
            # The clock may have been moved since; a jump that cannot be undone within range is left.
            with contextlib.suppress(ClockRangeError):
                self.clock.advance(-active.clock_shift)
            active.clock_shift = 0.0

    def _reindex(self) -> None:
        index: dict[str, list[RuleState]] = {}
        for active in self._active.values():
            for rule in active.rules:
                index.setdefault(rule.provider, []).append(rule)
        self._index = index

    # -- state ------------------------------------------------------------------------------

    def active(self) -> list[ActiveScenario]:
        return list(self._active.values())

    def set_state(self, name: str, state: str, tenant: str | None = None) -> ActiveScenario:
        """Move a scenario to a named state; KeyError when not applied, ValueError for an unknown state."""
        with self._lock:
            active = self._active.get((name, tenant))
            if active is None:
                raise KeyError(name)
            known = active.scenario.known_states()
            if state not in known:
                raise ValueError(f"unknown state {state!r}; {name} knows: {', '.join(sorted(known))}")
            active.state = state
            return active

    def reset(self, provider: str | None = None, tenant: str | None = None, name: str | None = None) -> int:
        """Back to ``started`` with zeroed counters (all scenarios, or those of a provider/tenant/name)."""
        now = self.clock.timestamp()
        count = 0
        with self._lock:
            for active in self._active.values():
                if name is not None and active.scenario.name != name:
                    continue
                if tenant is not None and active.tenant not in (tenant, None):
                    continue
                if provider is not None and all(r.provider != provider for r in active.rules):
                    continue
                active.reset(now)
                count += 1
        return count

    # -- deciding ---------------------------------------------------------------------------

    @property
    def has_rules(self) -> bool:
        return bool(self._index)

    def rules_for(self, provider: str | None) -> list[RuleState]:
        """The rules that could match a request to ``provider`` (empty: nothing to do)."""
        if provider is None:
            return []
        return self._index.get(provider, [])

    @staticmethod
    def needs_params(rules: Iterable[RuleState]) -> bool:
        return any(rule.needs_params or rule.active.tenant is not None for rule in rules)

    def decide(self, view: RequestView, rules: list[RuleState]) -> Decision:
        """The first rule that fires decides; a missed dice roll is still reported."""
        missed: float | None = None
        for rule in rules:
            active = rule.active
            if not rule.matches_request(view):
                continue
            if active.tenant is not None and view.tenant != active.tenant:
                continue
            with self._lock:
                fired, dice = self._fires(rule)
                if not fired:
                    missed = dice if dice is not None else missed
                    continue
                used_up, fault = self._next_fault(rule)
                if used_up:
                    continue
                rule.fired += 1
                effect = effect_for(rule, fault, view, self.clock) if fault is not None else None
            return Decision(f"{active.scenario.name}/{rule.name}", effect, dice)
        return Decision(None, None, missed)

    def _fires(self, rule: RuleState) -> tuple[bool, float | None]:
        spec = rule.rule
        active = rule.active
        if spec.when is not None and active.state != spec.when:
            return False, None
        rule.matches += 1
        n = rule.matches
        if spec.first is not None and n > spec.first:
            return False, None
        if spec.after is not None and n <= spec.after:
            return False, None
        if spec.every is not None and n % spec.every:
            return False, None
        if spec.window is not None:
            elapsed = self.clock.timestamp() - active.applied_at
            if elapsed < spec.window.start or (spec.window.end is not None and elapsed >= spec.window.end):
                return False, None
        if spec.probability is not None:
            dice = rule.dice.random()
            return dice < spec.probability, round(dice, 6)
        return True, None

    def _next_fault(self, rule: RuleState) -> tuple[bool, Fault | None]:
        """(used up, fault for this firing; None lets it pass), moving the state."""
        spec = rule.rule
        if spec.sequence is None:
            if spec.then is not None:
                rule.active.state = spec.then
            return False, spec.fault
        if rule.position >= len(spec.sequence):
            if not spec.loop:
                return True, None
            rule.position = 0
        fault = spec.sequence[rule.position]
        rule.position += 1
        if rule.position == len(spec.sequence) and spec.then is not None:
            rule.active.state = spec.then
        return False, fault

    # -- turning a fault into an effect -------------------------------------------------------
