"""Schemathesis against every served OpenAPI document: no 5xx, and no answer the document does not allow."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import Case, DeserializationContext, GenerationMode
from schemathesis.core.transport import Response

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.providers.onlineafspraken.signing import sign
from mockserver.settings import Settings
from tests.conftest import FROZEN_AT
from tests.openapi_check import parse_xml, resolve

MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)


def fresh_app() -> FastAPI:
    clock = Clock()
    clock.freeze(FROZEN_AT)
    return create_app(Settings(seed=1234), clock=clock)


def _text(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return str(value)
    return None


def _texts(values: Any) -> dict[str, str]:
    if not isinstance(values, Mapping):
        return {}
    out = {str(k): _text(v) for k, v in values.items() if not str(k).lower().startswith("api_")}
    return {k: v for k, v in out.items() if v is not None}


def sign_onlineafspraken(app: FastAPI, case: Case) -> None:
    """Sign the call with the first tenant's secret at the server's second, so it reaches the method."""
    query = _texts(case.query)
    body = _texts(case.body) if case.method == "POST" else {}
    if "method" not in query and "method" not in body:
        return
    tenant = app.state.mock.configs["onlineafspraken"].tenants[0]
    salt = int(app.state.mock.clock.timestamp())
    signature = sign([*query.items(), *body.items()], tenant.api_secret, salt)
    case.query = {**query, "api_key": tenant.api_key, "api_salt": str(salt), "api_signature": signature}
    if case.method == "POST":
        case.body = body


def leanlaw_key(app: FastAPI, case: Case) -> dict[str, str]:
    """The first firm's key with the most permissions (read, write, read.rates)."""
    keys = app.state.mock.configs["leanlaw"].firms[0].keys
    return {"Authorization": f"Bearer {max(keys, key=lambda k: len(k.permissions)).key}"}


def onix_key(app: FastAPI, case: Case) -> dict[str, str]:
    """The first company's long-lived key."""
    return {"Authorization": f"Key {app.state.mock.configs['onix'].companies[0].key}"}


def oncrawl_token(app: FastAPI, case: Case) -> dict[str, str]:
    """The first tenant's API token with every scope; ids of its first project, so that calls reach their
    bodies and parameters (a made-up id is a 404 first). Deletes keep made-up ids: the records stay."""
    tenant = app.state.mock.configs["oncrawl"].tenants[0]
    if case.method != "DELETE" and case.path_parameters:
        project = tenant.projects[0]
        known = {
            "workspace_id": tenant.workspaces[0].id,
            "project_id": project.id,
            "config_id": project.config_id,
            "crawl_id": project.crawls[-1].id,
            "coc_id": project.crawl_over_crawl_id,
        }
        known["source_id"] = known["coc_id"] if "/crawl_over_crawl/" in case.path else known["crawl_id"]
        case.path_parameters = {k: known.get(k) or v for k, v in case.path_parameters.items()}
    token = max(tenant.tokens, key=lambda t: len(t.scopes)).token
    return {"Authorization": f"Bearer {token}"}


#: Prepares a case; returns the credentials to send with it (Schemathesis then also checks that the
#: operation refuses the call without them or with made-up ones).
Prepare = Callable[[FastAPI, Case], dict[str, str] | None]
#: url -> (examples per operation and generation mode, how to prepare each case, checks left out).
#: Bounded so that the four documents together take about a minute on a busy two-core machine.
#: A well-formed write can still break a business rule (an unknown parent location or client, a care
#: plan transition, a billed line): the vendors answer those 400, and the documents say so.
RULES = ("positive_data_acceptance",)
DOCUMENTS: dict[str, tuple[int, Prepare | None, tuple[str, ...]]] = {
    "/__openapi/ons.json": (3, None, RULES),
    "/__openapi/leanlaw.json": (4, leanlaw_key, RULES),
    "/__openapi/onix.json": (4, onix_key, RULES),
    "/__openapi/oncrawl.json": (4, oncrawl_token, RULES),
    # The vendor answers every call with HTTP 200 and reports bad input in the body (B57, M08 ...):
    # "invalid data must get a 4xx" is not its contract.
    # One endpoint for 22 methods: more examples each.
    "/__openapi/onlineafspraken.json": (10, sign_onlineafspraken, ("negative_data_rejection",)),
    # The clock refuses instants and offsets out of its range (400) that the schema cannot bound.
    "/__admin/openapi.json": (5, None, RULES),
}


def xml_for_schemathesis(ctx: DeserializationContext, response: Response) -> Any:
    """XML answers read by the schema's xml names, so Schemathesis validates them as it does JSON."""
    document = ctx.operation.schema.raw_schema
    described = ctx.operation.definition.raw["responses"].get(str(response.status_code), {})
    content = resolve(described, document).get("content", {})
    media = (response.headers.get("content-type") or [""])[0].split(";")[0].strip()
    schema = content.get(media, {}).get("schema", {})
    data, problems = parse_xml(response.content, schema, document)
    if problems:
        raise ValueError("; ".join(problems))
    return data


def run_operation(
    app: FastAPI, operation: Any, mode: GenerationMode, examples: int, prepare: Prepare | None, skipped: list[Any]
) -> int:
    """Up to ``examples`` cases of one operation in one mode; how many ran."""
    seen = [0]
    # XML cannot carry null, an empty value or a control character as JSON can, so a generated body
    # may arrive as another value than the one checked: bodies go as JSON where the document offers it.
    strategy = operation.as_strategy(generation_mode=mode)
    if "application/json" in {body.media_type for body in operation.body}:
        strategy = strategy.filter(lambda case: case.media_type == "application/json")

    @given(case=strategy)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Case) -> None:
        headers = prepare(app, case) if prepare is not None else None
        case.call_and_validate(headers=headers, excluded_checks=skipped)
        seen[0] += 1

    try:
        run()
    except Unsatisfiable:
        # Nothing to make invalid (no parameters, no body): there is no negative case to send.
        assert mode is GenerationMode.NEGATIVE, operation.label
    return seen[0]


def fuzz(url: str, examples: int, prepare: Prepare | None, excluded: tuple[str, ...]) -> dict[str, int]:
    """Every operation of the document at ``url`` in both modes; the cases run, per operation and mode."""
    app = fresh_app()
    schemathesis.deserializer("text/xml", "application/xml")(xml_for_schemathesis)
    schema = schemathesis.openapi.from_asgi(url, app)
    # The servers ignore query parameters they do not know (as the vendors' do); OpenAPI has no way to
    # say a query's set of names is closed, so an extra one is not invalid input.
    schema.config.generation.update(allow_extra_parameters=False)
    skipped = [check for check in schemathesis.checks.CHECKS.get_all() if check.__name__ in excluded]
    counts: dict[str, int] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in MODES:
            counts[f"{operation.label} {mode.value}"] = run_operation(app, operation, mode, examples, prepare, skipped)
    return counts


@pytest.mark.parametrize("url", DOCUMENTS)
def test_schemathesis_finds_no_server_error_and_no_contradiction(url: str, capsys: Any) -> None:
    examples, prepare, excluded = DOCUMENTS[url]
    started = time.perf_counter()
    counts = fuzz(url, examples, prepare, excluded)
    per_mode = {mode.value: sum(n for key, n in counts.items() if key.endswith(" " + mode.value)) for mode in MODES}
    with capsys.disabled():
        print(f"\n{url}: {sum(counts.values())} cases ({per_mode['positive']} positive, "
              f"{per_mode['negative']} negative), {len(counts)} operation-modes, "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    assert sum(counts.values()) > 0
