"""`make bench` judges its figures: a missed budget means exit status 1 (figures fed as literals, nothing timed)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import budgets
import loadgens

WRK_OUTPUT = """\
Running 2s test @ http://127.0.0.1:8080/ons/t/teams
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.10ms  512.00us   9.87ms   80.00%
    Req/Sec     7.61k   300.00     8.00k    70.00%
  Latency Distribution
     50%    1.98ms
     75%    2.31ms
     90%    2.80ms
     99%  850.00us
  15230 requests in 2.00s, 9.15MB read
  Non-2xx or 3xx responses: 12
Requests/sec:   7613.52
Transfer/sec:      4.57MB
"""


@dataclass
class Scaled:
    provider: str
    seed_s: float
    growth_mib: float


def test_every_budget_held_is_exit_status_0() -> None:
    ratios = {("ons-record", 16): (0.70, 0.71), ("ons-record", 64): (0.93, 0.80)}
    verdicts = budgets.judge_throughput(ratios, {"ons-record": 0})
    verdicts.append(budgets.judge_memory(99.9, 61.0))
    verdicts += budgets.judge_scale([Scaled("ons", 3.0, 16.0)])
    verdicts.append(budgets.judge_startup([], "ratio 1.10"))
    assert [v.ok for v in verdicts] == [True] * 7
    assert budgets.exit_status(verdicts) == 0


@pytest.mark.parametrize(
    "verdict",
    [
        budgets.judge_throughput({("oa-signed", 64): (0.69, 0.90)}, {})[0],
        budgets.judge_throughput({("oa-signed", 16): (1.76, 0.65)}, {})[0],
        budgets.judge_throughput({}, {"leanlaw-list": 3})[0],
        budgets.judge_memory(100.5, 75.0),
        budgets.judge_memory(80.0, 59.0),
        budgets.judge_scale([Scaled("leanlaw", 3.01, 0.0)])[0],
        budgets.judge_scale([Scaled("oncrawl", 1.0, 16.5)])[1],
        budgets.judge_startup(["start-up ratio 1.30 > 1.25"], "ratio 1.30"),
        budgets.judge_engine({("ons-list", 16): 0.89})[0],
        budgets.judge_throughput({("ons-list", 16): (0.9, 0.9)}, {})[1],
        budgets.skipped("scale"),
    ],
)
def test_one_missed_budget_is_exit_status_1(verdict: budgets.Verdict) -> None:
    held = budgets.judge_memory(50.0, 60.0)
    assert not verdict.ok
    assert "MISSED" in verdict.line()
    assert budgets.exit_status([held, verdict]) == 1


def test_a_missing_concurrency_is_a_missed_budget() -> None:
    verdict = budgets.judge_throughput({("ons-list", 1): (0.9, 0.9)}, {})
    assert [v.line() for v in verdict] == [
        "budget ons-list at 16 connections >= 70% of the bare app: MISSED (not measured (--concurrency))",
        "budget ons-list at 64 connections >= 70% of the bare app: MISSED (not measured (--concurrency))",
    ]


def test_throughput_is_judged_at_16_and_64_connections_only_on_the_lower_ratio() -> None:
    ratios = {("ons-list", 1): (0.2, 0.2), ("ons-list", 16): (0.8, 0.72), ("ons-list", 64): (0.75, 0.9)}
    verdicts = budgets.judge_throughput(ratios, {})
    assert [v.line() for v in verdicts] == [
        "budget ons-list at 16 connections >= 70% of the bare app: ok (requests/s 80%, CPU time per request 72%)",
        "budget ons-list at 64 connections >= 70% of the bare app: ok (requests/s 75%, CPU time per request 90%)",
    ]


def test_wrk_output_is_read_with_its_units() -> None:
    measure = loadgens.parse_wrk(WRK_OUTPUT)
    assert (measure.rps, measure.p50_ms, measure.p99_ms, measure.requests, measure.not_2xx) == (
        7613.52,
        1.98,
        0.85,
        15230,
        12,
    )


def test_socket_errors_count_as_not_2xx() -> None:
    errors = WRK_OUTPUT.replace(
        "  Non-2xx or 3xx responses: 12\n", "  Socket errors: connect 0, read 2, write 0, timeout 3\n"
    )
    assert loadgens.parse_wrk(errors).not_2xx == 5


def test_the_wrk_script_sends_method_headers_and_body_verbatim() -> None:
    request = loadgens.Request("POST", "/x", {"Authorization": "Bearer t"}, b'{"a": "b\\"c"}')
    assert loadgens.lua(request) == (
        "wrk.method = [==[POST]==]\n"
        'wrk.body = [==[{"a": "b\\"c"}]==]\n'
        "wrk.headers[ [==[Authorization]==] ] = [==[Bearer t]==]\n"
    )
