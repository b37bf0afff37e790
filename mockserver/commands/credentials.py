"""`mockserver credentials`: each provider's demo credentials and a ready-to-paste curl line."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping
from typing import Any

from mockserver.config_errors import ConfigError
from mockserver.settings import build_settings

DEFAULT_BASE_URL = "http://127.0.0.1:8080"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "credentials",
        help="print each provider's demo credentials and a curl line to try them",
        description="The credentials the fixtures define, per provider and tenant, read the same way "
        "`mockserver serve` reads them (--fixtures / MOCKSERVER_FIXTURES, --config / MOCKSERVER_CONFIG).",
    )
    parser.add_argument("--json", action="store_true", help="one JSON document, for scripts")
    parser.add_argument(
        "--base-url",
        default=DEFAULT_BASE_URL,
        help=f"where the server listens, used in the curl lines (default {DEFAULT_BASE_URL})",
    )
    parser.add_argument("--fixtures", metavar="DIR", help="fixtures directory [env MOCKSERVER_FIXTURES]")
    parser.add_argument("--config", metavar="FILE", help="settings file [env MOCKSERVER_CONFIG]")
    parser.set_defaults(handler=run)


def collect(base_url: str, cli: Mapping[str, Any], environ: Mapping[str, str]) -> list[dict[str, Any]]:
    """Per provider: name, title, base URL, credentials per tenant and one curl line."""
    from mockserver.app import load_configs
    from mockserver.providers import all_providers

    settings = build_settings(cli, environ)
    providers = all_providers()
    configs = load_configs(settings, providers)
    root = base_url.rstrip("/")
    return [
        {
            "name": p.name,
            "title": p.title,
            "base_url": root + p.prefix,
            "credentials": p.credentials(configs[p.name]),
            "curl": p.curl_example(configs[p.name], root),
        }
        for p in providers
    ]


def _text(value: Any) -> str:
    """Scalars as they are, structures as compact JSON (never Python's repr)."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value)
    return json.dumps(value, separators=(",", ":"), default=str)


def render_text(entries: list[dict[str, Any]]) -> str:
    lines: list[str] = []
    for entry in entries:
        lines.append(f"{entry['title']} ({entry['name']}): {entry['base_url']}")
        for credential in entry["credentials"]:
            fields = "  ".join(f"{k}={_text(v)}" for k, v in credential.items() if k != "tenant")
            lines.append(f"  tenant {credential.get('tenant')}: {fields}".rstrip())
        if entry["curl"]:
            lines.append(f"  try: {entry['curl']}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def run(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> int:
    cli = {"fixtures": args.fixtures, "config": args.config}
    try:
        entries = collect(args.base_url, cli, os.environ if environ is None else environ)
    except ConfigError as exc:
        print(f"mockserver credentials: error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"base_url": args.base_url.rstrip("/"), "providers": entries}, indent=2, default=str))
    else:
        sys.stdout.write(render_text(entries))
    return 0
