"""Effects: what a firing rule does to one request, with the state rate limits, in-flight limits and locks keep."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from mockserver.core.clock import Clock
from mockserver.core.limits import InFlightLimiter, WindowLimiter
from mockserver.core.scenarios.request import RequestView

if TYPE_CHECKING:
    from mockserver.core.faults import (
        Fault,
        InFlightFault,
        LockedFault,
        RateLimitFault,
        RespondFault,
    )
    from mockserver.core.scenarios.engine import RuleState

#: Locked resources remembered per rule before the oldest are forgotten.
MAX_LOCKS = 10_000


@dataclass
class Effect:
    """What the middleware does to one request; ``kind`` is pass, respond or a connection/body fault."""

    kind: str
    label: str
    fault: Fault | None = None
    delay: float = 0.0
    after_commit: bool = False
    status: int | None = None
    error: str | None = None
    message: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    release: Callable[[], None] | None = None


def caller_key(view: RequestView, per: str) -> str:
    """The key a limit counts under: the credential (else tenant, else client address), the tenant, or one for all."""
    if per == "global":
        return "*"
    if per == "tenant":
        return view.tenant or "*"
    return view.credential or view.tenant or view.client or "*"


def effect_for(rule: RuleState, fault: Fault, view: RequestView, clock: Clock) -> Effect:
    """What one firing of ``rule`` does to this request; limits and locks keep their state in ``rule``."""
    from mockserver.core.faults import DelayFault, InFlightFault, LockedFault, PassFault, RateLimitFault, RespondFault

    delay = fault.delay.sample(rule.samples) if fault.delay is not None else 0.0
    label = fault.label() + (" after commit" if fault.after_commit else "")
    if isinstance(fault, PassFault | DelayFault):
        kind = "pass" if isinstance(fault, PassFault) and not delay else "delay"
        text = f"delay {delay * 1000:.1f}ms" if delay else "pass"
        return Effect(kind, text, fault=fault, delay=delay, after_commit=fault.after_commit)
    if isinstance(fault, RespondFault):
        return _answer(fault, label, delay, fault.status, fault.message, dict(fault.headers))
    if isinstance(fault, RateLimitFault):
        if rule.window is None:
            rule.window = WindowLimiter(clock, fault.limit, fault.per_seconds)
        wait = rule.window.hit(caller_key(view, fault.per))
        if wait is None:
            return Effect("pass", "rate_limit: allowed", fault=fault)
        headers = {"Retry-After": str(max(1, math.ceil(wait))), **fault.headers}
        default = f"rate limit of {fault.limit} requests per {fault.per_seconds:g}s exceeded"
        return _answer(fault, label, delay, 429, fault.message or (None if fault.error else default), headers)
    if isinstance(fault, InFlightFault):
        if rule.in_flight is None:
            rule.in_flight = InFlightLimiter(fault.limit)
        limiter, key = rule.in_flight, caller_key(view, fault.per)
        if limiter.try_acquire(key):
            # An admitted request holds its slot through the fault's delay: a slow backend under a burst.
            kind = "delay" if delay else "pass"
            release = partial(limiter.release, key)
            return Effect(kind, "in_flight: admitted", fault=fault, delay=delay, release=release)
        default = f"more than {fault.limit} requests in flight"
        message = fault.message or (None if fault.error else default)
        # Refused at once: the delay is for admitted requests.
        return _answer(fault, label, 0.0, 429, message, dict(fault.headers))
    if isinstance(fault, LockedFault):
        return _locked(rule, fault, view, clock, delay, label)
    return Effect(fault.type, label, fault=fault, delay=delay, after_commit=fault.after_commit)


def _locked(rule: RuleState, fault: LockedFault, view: RequestView, clock: Clock, delay: float, label: str) -> Effect:
    now = clock.timestamp()
    key = f"{view.tenant or '*'} {view.path}"
    entry = rule.locks.get(key)
    if entry is None:
        if len(rule.locks) >= MAX_LOCKS:
            rule.locks.clear()
        entry = rule.locks[key] = [now, 0.0]
    elapsed = now - entry[0]
    if (fault.polls is not None and entry[1] >= fault.polls) or (
        fault.seconds is not None and elapsed >= fault.seconds
    ):
        return Effect("pass", "locked: released", fault=fault)
    entry[1] += 1
    headers = dict(fault.headers)
    if fault.seconds is not None and "Retry-After" not in headers:
        headers["Retry-After"] = str(max(1, math.ceil(fault.seconds - elapsed)))
    default = "the resource is locked: the job is not finished yet"
    return _answer(fault, label, delay, fault.status, fault.message or (None if fault.error else default), headers)


def _answer(
    fault: RespondFault | RateLimitFault | InFlightFault | LockedFault,
    label: str,
    delay: float,
    status: int | None,
    message: str | None,
    headers: dict[str, str],
) -> Effect:
    """An error answer in the provider's envelope: the named vendor error, else the one for ``status``."""
    return Effect(
        "respond",
        label,
        fault=fault,
        delay=delay,
        after_commit=fault.after_commit,
        status=status,
        error=fault.error,
        message=message,
        headers=headers,
    )
