"""`make mutate`: mutmut over each listed module against its own tests, and the share of mutants killed."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from equivalent_core import CORE, Equivalent

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".mutate"
MUTMUT = Path(sys.executable).with_name("mutmut")
THRESHOLD = 90.0

#: name -> (the module mutated, the tests that are its own). A provider adds its auth and paging
#: modules here, one line each, and runs `make mutate ARGS=<name>` before it is called done.
#: Onix and Ons page nothing (their lists answer whole), so they have an auth row only.
MODULES: dict[str, tuple[str, tuple[str, ...]]] = {
    "core/negotiation": ("mockserver/core/negotiation.py", ("tests/core/test_negotiation.py",)),
    "core/clock": (
        "mockserver/core/clock.py",
        (
            "tests/core/test_clock.py",
            "tests/admin/test_admin_clock.py",
            "tests/admin/test_clock_range.py",
            "tests/admin/test_reset_all.py",
            "tests/admin/test_snapshot.py",
        ),
    ),
    "core/lean_route": ("mockserver/core/lean_route.py", ("tests/core/test_lean_route.py",)),
    "core/fast_lane": ("mockserver/core/fast_lane.py", ("tests/core/test_fast_lane.py",)),
    "core/request_log": ("mockserver/core/request_log.py", ("tests/core/test_request_log.py",)),
    "core/journal_memory": (
        "mockserver/core/journal_memory.py",
        ("tests/core/test_journal_memory.py", "tests/core/test_journal_bytes.py", "tests/core/test_journal_record.py"),
    ),
    "core/bodies": (
        "mockserver/core/bodies.py",
        ("tests/core/test_bodies.py", "tests/providers/oncrawl/test_bodies.py"),
    ),
    "core/pagination": (
        "mockserver/core/pagination.py",
        ("tests/core/test_render_and_paging.py", "tests/core/test_cursor_paging.py"),
    ),
    "leanlaw/auth": ("mockserver/providers/leanlaw/auth.py", ("tests/providers/leanlaw/test_auth.py",)),
    "leanlaw/query": (
        "mockserver/providers/leanlaw/query.py",
        ("tests/providers/leanlaw/test_query.py", "tests/providers/leanlaw/test_lists.py"),
    ),
    "oncrawl/auth": (
        "mockserver/providers/oncrawl/auth.py",
        ("tests/providers/oncrawl/test_auth.py", "tests/providers/oncrawl/test_errors.py"),
    ),
    "oncrawl/listing": (
        "mockserver/providers/oncrawl/listing.py",
        ("tests/providers/oncrawl/test_projects.py", "tests/providers/oncrawl/test_oql.py"),
    ),
    "oncrawl/query": (
        "mockserver/providers/oncrawl/query.py",
        ("tests/providers/oncrawl/test_data.py", "tests/providers/oncrawl/test_search_input.py"),
    ),
    "onix/auth": (
        "mockserver/providers/onix/auth.py",
        ("tests/providers/onix/test_auth_rules.py", "tests/providers/onix/test_auth.py"),
    ),
    "onlineafspraken/signing": (
        "mockserver/providers/onlineafspraken/signing.py",
        ("tests/providers/onlineafspraken/test_signing_vectors.py", "tests/providers/onlineafspraken/test_signing.py"),
    ),
    "onlineafspraken/paging": (
        "mockserver/providers/onlineafspraken/methods/paging.py",
        ("tests/providers/onlineafspraken/test_methods.py", "tests/providers/onlineafspraken/test_bad_input.py"),
    ),
    "onlineafspraken/written": (
        "mockserver/providers/onlineafspraken/written.py",
        ("tests/providers/onlineafspraken/test_written.py",),
    ),
    "onlineafspraken/xmltext": (
        "mockserver/providers/onlineafspraken/xmltext.py",
        ("tests/providers/onlineafspraken/test_xmltext.py",),
    ),
    "ons/auth": ("mockserver/providers/ons/auth.py", ("tests/providers/ons/test_auth.py",)),
}

#: Rows measured and shown but not yet held to the threshold: the provider's own work brings each up to 90% and
#: then takes its name out of this set.
PENDING: set[str] = set()


#: Matched by the changed line, not by mutmut's numbering, so they survive edits elsewhere in the module.
EQUIVALENT: tuple[Equivalent, ...] = (
    *CORE,
    Equivalent(
        "mockserver/providers/ons/auth.py",
        'text = value.decode("latin-1").strip()',
        'text = value.decode("LATIN-1").strip()',
        "codec names are case-insensitive",
    ),
    # Only keys that are equal (after casefold, for the caseless sort) tell these sorts apart, and a
    # call that repeats a name in any case is refused before it is verified (M-code DuplicateParameter).
    *(
        Equivalent(
            "mockserver/providers/onlineafspraken/signing.py",
            "pairs = sorted(pairs, key=lambda kv: kv[0])",
            after,
            "keys in one call are distinct: sorting by key and by key then value agree",
        )
        for after in ("pairs = sorted(pairs, key=None)", "pairs = sorted(pairs, )")
    ),
    Equivalent(
        "mockserver/providers/onlineafspraken/signing.py",
        "pairs = sorted(pairs, key=lambda kv: (kv[0].casefold(), kv[0]))",
        "pairs = sorted(pairs, key=lambda kv: (kv[0].casefold(), kv[1]))",
        "keys in one call are distinct after casefold: the tie-break is never reached",
    ),
    Equivalent(
        "mockserver/providers/leanlaw/auth.py",
        'return raw.decode("latin-1") if raw is not None else None',
        'return raw.decode("LATIN-1") if raw is not None else None',
        "codec names are looked up without regard to case",
    ),
    Equivalent(
        "mockserver/providers/oncrawl/query.py",
        "if type(value) is int:  # a JSON whole number (most calls); True and False are bools, not ints, here",
        "if type(None) is int:  # a JSON whole number (most calls); True and False are bools, not ints, here",
        "the shortcut for ints answers what the general branch does for them: it only saves time",
    ),
    # Two empty values sort alike: their key's first element (False) ties and the second is never ordered.
    *(
        Equivalent(
            "mockserver/providers/leanlaw/query.py", before, after, "the tie-break of two nulls is never ordered"
        )
        for before, after in (
            (
                "return (value is not None, value if value is not None else 0)",
                "return (value is not None, value if value is not None else 1)",
            ),
            (
                "return (value is not None, value if value is not None else 0)",
                "return (value is not None, value if (value is not None) or True else 0)",
            ),
        )
    ),
    # str.encode takes its codec's name in any case.
    Equivalent(
        "mockserver/providers/onlineafspraken/signing.py",
        'return _HASHES[algorithm](text.encode("utf-8")).hexdigest()',
        'return _HASHES[algorithm](text.encode("UTF-8")).hexdigest()',
        "names are case-insensitive",
    ),
    # Which fixed seed draws a kind's tokens is not behaviour: any one gives the same sequence on a fresh
    # or reset server, and the kind's prefix keeps the kinds apart (docs/oncrawl.md).
    *(
        Equivalent(
            "mockserver/providers/oncrawl/auth.py",
            'return TokenIssuer(clock, ttl, prefix=f"oc_{kind}_", length=length, rng=rng(0, "oncrawl", kind))',
            f'return TokenIssuer(clock, ttl, prefix=f"oc_{{kind}}_", length=length, rng=rng({seed}))',
            "tokens are opaque: which fixed seed draws them is not behaviour",
        )
        for seed in (
            "0, kind",
            '0, "oncrawl", ',
            '1, "oncrawl", kind',
            'None, "oncrawl", kind',
            '"oncrawl", kind',
            '0, "XXoncrawlXX", kind',
            '0, "ONCRAWL", kind',
        )
    ),
    *(
        Equivalent(
            "mockserver/providers/oncrawl/auth.py",
            'tokens: Tokens = app.shared("tokens", lambda: Tokens(app.clock)).get()',
            f"tokens: Tokens = app.shared({name}, lambda: Tokens(app.clock)).get()",
            "the holder's name only has to be the same on every call",
        )
        for name in ("None", '"XXtokensXX"', '"TOKENS"')
    ),
    Equivalent(
        "mockserver/providers/onlineafspraken/methods/paging.py",
        "assert limit is not None and offset is not None",
        "assert limit is not None or offset is not None",
        "both are read with a default, so neither is ever None",
    ),
    # The writer's str and int branches are shortcuts: without them every value takes text(), which writes the same.
    *(
        Equivalent(
            "mockserver/providers/onlineafspraken/xmltext.py",
            "kind = type(value)",
            after,
            "the str and int shortcuts write what text() writes",
        )
        for after in ("kind = None", "kind = type(None)")
    ),
    # A sort order is lower-cased before it is read, so its default's case is never seen.
    *(
        Equivalent("mockserver/providers/oncrawl/query.py", before, after, "the order is compared lower-cased")
        for before, after in (
            (
                'name, order = item.get("field"), str(item.get("order", "asc"))',
                'name, order = item.get("field"), str(item.get("order", "ASC"))',
            ),
            ('order = order or "asc"', 'order = order or "ASC"'),
        )
    ),
    # The handle keeps one holder per name; which name it is (None included) changes nothing.
    Equivalent(
        "mockserver/providers/onix/auth.py",
        "return app.shared(TOKENS, TokenIssuers(app.clock)).get()",
        "return app.shared(None, TokenIssuers(app.clock)).get()",
        "the holder's name only has to be the same on every call",
    ),
)

#: mutmut's verdicts: what counts as killed, what as not killed; "skipped" counts as neither.
KILLED = {"killed", "timeout", "segfault", "caught by type check"}
NOT_KILLED = {"survived", "no tests", "suspicious"}
_RESULT = re.compile(r"^\s+(\S+): (.+)$")


@dataclass
class Score:
    name: str
    killed: int
    survived: list[str]
    equivalent: list[str]

    @property
    def percent(self) -> float:
        counted = self.killed + len(self.survived)
        return 100.0 * self.killed / counted if counted else 100.0


def prepare(name: str, module: str, tests: tuple[str, ...]) -> Path:
    """A fresh copy of the project for one module, with a [tool.mutmut] table aimed at it."""
    work = WORK / name.replace("/", "-")
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("mockserver", "tests", "fixtures", "scenarios"):
        shutil.copytree(ROOT / folder, work / folder, ignore=ignore)
    selection = ", ".join(f'"{t}"' for t in tests)
    table = (
        "\n[tool.mutmut]\n"
        'source_paths = ["mockserver"]\n'
        f'only_mutate = ["{module}"]\n'
        f"pytest_add_cli_args_test_selection = [{selection}]\n"
        'also_copy = ["fixtures", "scenarios"]\n'
    )
    (work / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text() + table)
    return work


def mutmut(work: Path, *args: str) -> str:
    done = subprocess.run([str(MUTMUT), *args], cwd=work, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"mutmut {' '.join(args)} failed in {work}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return done.stdout


def changed_lines(diff: str) -> tuple[str, str]:
    """The removed and the added line of a one-line mutant's diff, stripped."""
    removed = [line[1:].strip() for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:].strip() for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    return "\n".join(removed), "\n".join(added)


def run_module(name: str, max_children: int) -> Score:
    module, tests = MODULES[name]
    work = prepare(name, module, tests)
    started = time.monotonic()
    with (work / "mutmut-run.log").open("w") as log:
        subprocess.run([str(MUTMUT), "run", "--max-children", str(max_children)], cwd=work, stdout=log, stderr=log)
    verdicts = {}
    for line in mutmut(work, "results", "--all", "true").splitlines():
        found = _RESULT.match(line)
        if found:
            verdicts[found.group(1)] = found.group(2)
    if not verdicts or "not checked" in verdicts.values():
        raise SystemExit(f"{name}: mutmut did not check every mutant; see {work / 'mutmut-run.log'}")
    score = Score(name, sum(v in KILLED for v in verdicts.values()), [], [])
    for mutant, verdict in sorted(verdicts.items()):
        if verdict not in NOT_KILLED:
            continue
        before, after = changed_lines(mutmut(work, "show", mutant))
        if any(e.module == module and (e.before, e.after) == (before, after) for e in EQUIVALENT):
            score.equivalent.append(mutant)
        else:
            score.survived.append(f"{mutant} ({verdict})\n      - {before}\n      + {after}")
    print(f"{name}: {len(verdicts)} mutants in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help=f"modules to test (default: all): {', '.join(MODULES)}")
    parser.add_argument("--max-children", type=int, default=1, help="mutants tested at once (default 1)")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in MODULES]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)}; known: {', '.join(MODULES)}")
    scores = [run_module(name, args.max_children) for name in args.names or MODULES]
    print(f"\n{'module':<28} {'killed':>7} {'survived':>9} {'equivalent':>11} {'score':>7}")
    for s in scores:
        note = "  (pending: not yet held to the threshold)" if s.name in PENDING else ""
        print(f"{s.name:<28} {s.killed:>7} {len(s.survived):>9} {len(s.equivalent):>11} {s.percent:>6.1f}%{note}")
    for s in scores:
        for line in s.survived:
            print(f"  survived in {s.name}: {line}")
    low = [s.name for s in scores if s.percent < THRESHOLD and s.name not in PENDING]
    if low:
        print(f"below {THRESHOLD:.0f}% killed: {', '.join(low)}")
    return 1 if low else 0


if __name__ == "__main__":
    raise SystemExit(main())
