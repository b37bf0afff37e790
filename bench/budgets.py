"""The budgets of `make bench` and the judging of measured figures against them (pure: tests feed it numbers)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

#: mockserver with its default flags (request log at info) serves at least this share of the bare app's requests/s,
#: and needs at most 1/THROUGHPUT_RATIO of its CPU time per request.
THROUGHPUT_RATIO = 0.70
#: The concurrencies the throughput budget is judged at.
JUDGED_CONCURRENCY = (16, 64)
#: With --engine-check: mockserver with scenario rules that match none of the requests keeps this share of its
#: requests/s without them.
ENGINE_SHARE = 0.90
#: Resident memory of `mockserver serve` after at least LOAD_SECONDS of load, default fixtures.
RSS_MIB = 100.0
LOAD_SECONDS = 60.0
#: 100,000 records in one collection: seeded within this many seconds...
SEED_S = 3.0
#: ...and read in full while the resident memory rises by at most this much above its level before.
STREAM_GROWTH_MIB = 16.0


@dataclass(frozen=True)
class Verdict:
    budget: str
    ok: bool
    figure: str

    def line(self) -> str:
        return f"budget {self.budget}: {'ok' if self.ok else 'MISSED'} ({self.figure})"


class ScaleFigures(Protocol):
    provider: str
    seed_s: float

    @property
    def growth_mib(self) -> float: ...


def judge_throughput(
    ratios: Mapping[tuple[str, int], tuple[float, float]], not_2xx: Mapping[str, int]
) -> list[Verdict]:
    """``ratios``: (target, connections) -> mockserver over the bare app by requests/s and by CPU time per request
    (the bare app's over mockserver's). Both must hold: on a busy machine the requests/s of both apps are capped
    alike and their ratio flatters; the CPU time per request is what one core can serve when the machine is quiet.
    ``not_2xx``: per target, mockserver's answers that were not 2xx (a refusal is cheap: the ratio would flatter)."""
    verdicts = []
    for target in sorted({target for target, _ in ratios}):
        for connections in JUDGED_CONCURRENCY:
            budget = f"{target} at {connections} connections >= {THROUGHPUT_RATIO:.0%} of the bare app"
            if (target, connections) not in ratios:
                verdicts.append(Verdict(budget, False, "not measured (--concurrency)"))
                continue
            by_rps, by_cpu = ratios[(target, connections)]
            verdicts.append(
                Verdict(
                    budget,
                    min(by_rps, by_cpu) >= THROUGHPUT_RATIO,
                    f"requests/s {by_rps:.0%}, CPU time per request {by_cpu:.0%}",
                )
            )
    for target, bad in sorted(not_2xx.items()):
        verdicts.append(Verdict(f"{target}: every answer 2xx", bad == 0, f"{bad} not 2xx"))
    return verdicts


def judge_engine(shares: Mapping[tuple[str, int], float]) -> list[Verdict]:
    return [
        Verdict(
            f"{target} at {connections} connections with non-matching rules >= {ENGINE_SHARE:.0%} of mockserver",
            share >= ENGINE_SHARE,
            f"{share:.0%}",
        )
        for (target, connections), share in sorted(shares.items())
    ]


def judge_memory(rss_mib: float, load_seconds: float) -> Verdict:
    return Verdict(
        f"RSS <= {RSS_MIB:.0f} MiB after >= {LOAD_SECONDS:.0f} s of load",
        rss_mib <= RSS_MIB and load_seconds >= LOAD_SECONDS,
        f"{rss_mib:.1f} MiB after {load_seconds:.0f} s",
    )


def judge_scale(results: Iterable[ScaleFigures]) -> list[Verdict]:
    verdicts = []
    for result in results:
        verdicts.append(
            Verdict(
                f"{result.provider} 100,000 records seeded <= {SEED_S:g} s",
                result.seed_s <= SEED_S,
                f"{result.seed_s:.2f} s",
            )
        )
        verdicts.append(
            Verdict(
                f"{result.provider} full read with flat memory (<= +{STREAM_GROWTH_MIB:g} MiB)",
                result.growth_mib <= STREAM_GROWTH_MIB,
                f"+{result.growth_mib:.1f} MiB",
            )
        )
    return verdicts


def judge_startup(missed: Iterable[str], figure: str) -> Verdict:
    """bench/startup.py judges its own budgets; its missed lines make one verdict here."""
    missed = list(missed)
    return Verdict("start-up (bench/startup.py)", not missed, "; ".join(missed) or figure)


def skipped(part: str) -> Verdict:
    """A part left out with --skip: its budgets are not held, as far as anyone can tell."""
    return Verdict(f"{part} (--skip {part})", False, "not measured")


def exit_status(verdicts: Iterable[Verdict]) -> int:
    return 0 if all(v.ok for v in verdicts) else 1
