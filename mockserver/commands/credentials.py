"""`mockserver credentials`: each provider's demo credentials and a ready-to-paste curl line."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mockserver.commands import SUMMARIES, fail

if TYPE_CHECKING:
    from mockserver.settings import Settings

SERVER_URL_HELP = "the server's URL, overriding --host and --port (default: built from them: http://127.0.0.1:8080)"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "credentials",
        help=SUMMARIES["credentials"],
        description="The credentials the fixtures define, per provider and tenant, read the same way "
        "`mockserver serve` reads them (--fixtures / MOCKSERVER_FIXTURES, --config / MOCKSERVER_CONFIG).",
    )
    parser.add_argument("--json", action="store_true", help="one JSON document, for scripts")
    add_server_flags(parser)
    parser.set_defaults(handler=run)


def add_server_flags(parser: argparse.ArgumentParser, base_url_help: str = SERVER_URL_HELP) -> None:
    """The flags that say where the server listens and what it reads, as `mockserver serve` takes them."""
    parser.add_argument("--base-url", help=base_url_help)
    parser.add_argument("--host", metavar="ADDRESS", help="address the server listens on [env MOCKSERVER_HOST]")
    parser.add_argument("--port", metavar="PORT", help="the server's main port [env MOCKSERVER_PORT]")
    parser.add_argument("--fixtures", metavar="DIR", help="fixtures directory [env MOCKSERVER_FIXTURES]")
    parser.add_argument("--config", metavar="FILE", help="settings file [env MOCKSERVER_CONFIG]")


def server_settings(args: argparse.Namespace, environ: Mapping[str, str]) -> tuple[Settings, str]:
    """The settings `mockserver serve` would use with these flags and environment, and the server's URL."""
    from mockserver.settings import build_settings

    cli = {"host": args.host, "port": args.port, "fixtures": args.fixtures, "config": args.config}
    settings = build_settings(cli, environ)
    return settings, (args.base_url or settings.base_url()).rstrip("/")


def collect(settings: Settings, base_url: str) -> list[dict[str, Any]]:
    """Per provider: name, title, base URL, credentials per tenant and one curl line."""
    from mockserver.fixtures import load_configs
    from mockserver.providers import all_providers

    providers = all_providers()
    configs = load_configs(settings, providers)
    return [
        {
            "name": p.name,
            "title": p.title,
            "base_url": base_url + p.base_path,
            "credentials": p.credentials(configs[p.name]),
            "curl": p.curl_example(configs[p.name], base_url),
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
    from mockserver.config_errors import ConfigError

    try:
        settings, base_url = server_settings(args, os.environ if environ is None else environ)
        entries = collect(settings, base_url)
    except ConfigError as exc:
        return fail("credentials", str(exc))
    if args.json:
        print(json.dumps({"base_url": base_url, "providers": entries}, indent=2, default=str))
    else:
        sys.stdout.write(render_text(entries))
    return 0
