"""`mockserver sign METHOD key=value ...`: print a signed OnlineAfspraken APIREST URL."""

from __future__ import annotations

import argparse
import os
import urllib.request
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from mockserver.commands import SUMMARIES, fail
from mockserver.commands.credentials import add_server_flags, server_settings
from mockserver.config_errors import ConfigError
from mockserver.core.clock import Clock
from mockserver.fixtures import read_fixture_file
from mockserver.providers.onlineafspraken import OnlineAfsprakenProvider
from mockserver.providers.onlineafspraken.signing import signed_query
from mockserver.settings import Settings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sign",
        help=SUMMARIES["sign"],
        description=(
            "Sign an OnlineAfspraken APIREST call and print its URL, e.g. "
            '`curl -s "$(mockserver sign getResource id=621)"`. The URL points at the server `mockserver serve` '
            "would start with the same --host, --port, --config and MOCKSERVER_* variables (or --base-url, "
            "the server's URL). The salt is the current time; a URL stays valid for 300 seconds. A reply with "
            "code M03 (stale salt) means the server's clock differs: sign again with --sync."
        ),
    )
    parser.add_argument("method", help="the API method, e.g. getAgendas")
    parser.add_argument("params", nargs="*", metavar="KEY=VALUE", help="the method's parameters")
    add_server_flags(
        parser,
        "the endpoint URL, overriding --host and --port (default: built from them: "
        "http://127.0.0.1:8080/onlineafspraken/APIREST)",
    )
    parser.add_argument("--api-key", help="api key (default: the first tenant in the fixtures)")
    parser.add_argument("--api-secret", help="api secret (default: that tenant's secret)")
    parser.add_argument("--tenant", help="take key and secret of this fixtures tenant")
    parser.add_argument("--salt", type=int, help="salt (Unix seconds; default: now)")
    parser.add_argument(
        "--sync", action="store_true", help="take the salt from the server's own clock (asks the server once)"
    )
    parser.add_argument("--sha1", action="store_true", help="sign with SHA-1 instead of SHA-256")
    parser.set_defaults(handler=run)


def parse_params(items: list[str]) -> list[tuple[str, str]]:
    pairs = []
    for item in items:
        key, eq, value = item.partition("=")
        if not eq or not key:
            raise ValueError(f"parameters must look like KEY=VALUE, got {item!r}")
        pairs.append((key, value))
    return pairs


def demo_credentials(settings: Settings, tenant: str | None) -> tuple[str, str]:
    raw, source = read_fixture_file(settings.fixtures, "onlineafspraken")
    config = OnlineAfsprakenProvider().load_config(raw, source, {})
    chosen = config.tenant_by_name(tenant) if tenant else config.tenants[0]
    if chosen is None:
        names = ", ".join(t.name for t in config.tenants)
        raise ValueError(f"no tenant {tenant!r} in {source}; tenants: {names}")
    return chosen.api_key, chosen.api_secret


def server_timestamp(base_url: str) -> int:
    """The server's clock, read from the Timestamp every APIREST reply carries (even a failed one)."""
    from lxml import etree  # only --sync needs it

    if not base_url.startswith(("http://", "https://")):
        raise ValueError(f"--base-url must be an http(s) URL, got {base_url!r}")
    with urllib.request.urlopen(base_url, timeout=10) as reply:
        document = etree.fromstring(reply.read(), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    stamp = document.findtext("Status/Timestamp")
    if not stamp or not stamp.isdigit():
        raise ValueError(f"{base_url} did not answer with an APIREST Timestamp")
    return int(stamp)


def signed_url(args: argparse.Namespace, environ: Mapping[str, str]) -> str:
    pairs = parse_params(args.params)
    settings, base_url = server_settings(args, environ)
    if args.base_url is None:
        base_url += OnlineAfsprakenProvider().base_path
    api_key, api_secret = args.api_key, args.api_secret
    if api_key is None or api_secret is None:
        demo_key, demo_secret = demo_credentials(settings, args.tenant)
        api_key = api_key or demo_key
        api_secret = api_secret or demo_secret
    if args.salt is not None:
        salt = args.salt
    elif args.sync:
        salt = server_timestamp(base_url)
    else:
        salt = int(Clock().timestamp())
    query = signed_query(args.method, pairs, api_key, api_secret, salt, algorithm="sha1" if args.sha1 else "sha256")
    return f"{base_url}?{urlencode(query)}"


def run(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> int:
    try:
        print(signed_url(args, os.environ if environ is None else environ))
    except (ValueError, ConfigError, OSError) as exc:
        return fail("sign", str(exc))
    return 0
