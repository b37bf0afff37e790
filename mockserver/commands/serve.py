"""`mockserver serve`: build the settings from flags, environment and config file, then run uvicorn."""

from __future__ import annotations

import argparse
import ipaddress
import os
import socket
from collections.abc import Mapping
from typing import Any

from mockserver.commands import SUMMARIES, fail, warn
from mockserver.providers import EMULATED

#: (flags, settings field, metavar, what it does). The env twin and the default are added from Settings.
FLAGS: tuple[tuple[str, str, str | None, str], ...] = (
    ("--host", "host", "ADDRESS", "address to listen on (the container image uses 0.0.0.0)"),
    ("--port", "port", "PORT", "main port: every provider under its prefix, plus /__admin (0 picks a free port)"),
    (
        "--seed",
        "seed",
        "N",
        "seed for every generated record; the same seed gives the same data (their dates are drawn back from "
        "the clock, so byte-identical bodies also need --freeze-at)",
    ),
    ("--config", "config", "FILE", "YAML file of settings (same names as the fields below, e.g. 'port: 9000')"),
    ("--fixtures", "fixtures", "DIR", "directory of <provider>.yaml fixture files"),
    ("--scenarios-dir", "scenarios_dir", "DIR", "where --scenario NAME looks for NAME.yaml"),
    (
        "--provider-port",
        "provider_ports",
        "NAME=PORT",
        f"also serve provider NAME ({', '.join(EMULATED)}) at the root of its own PORT, same process "
        "(repeatable; env: comma-separated)",
    ),
    ("--tls-cert", "tls_cert", "FILE", "serve HTTPS with this PEM certificate (see `mockserver certs init`)"),
    ("--tls-key", "tls_key", "FILE", "PEM private key of --tls-cert (when not in the same file)"),
    (
        "--tls-client-ca",
        "tls_client_ca",
        "FILE",
        "ask clients for a certificate signed by this CA (optional, so other providers work without one); "
        "Ons maps its CN to a connector",
    ),
    (
        "--log-level",
        "log_level",
        "LEVEL",
        "info and below log each request (lines written in batches, at most 0.01 s after the answer)",
    ),
    (
        "--option",
        "options",
        "PROVIDER.NAME=VALUE",
        f"a switch of provider {' or '.join(EMULATED)}, e.g. ons.spec_mode=true (repeatable; env: comma-separated)",
    ),
    ("--freeze-at", "freeze_at", "ISO", "start with the virtual clock frozen at this instant (UTC unless a zone)"),
    ("--journal-size", "journal_size", "N", "how many requests the journal keeps"),
    (
        "--journal-max-bytes",
        "journal_max_bytes",
        "N",
        "memory the journal may hold, counted as held (entries, headers, bodies); the oldest entries go first "
        "(12 MiB keeps the server under 100 MiB resident with the default fixtures)",
    ),
    (
        "--journal-body-bytes",
        "journal_body_bytes",
        "N",
        "how much of each request and response body the journal keeps (0: none)",
    ),
    (
        "--max-header-bytes",
        "max_header_bytes",
        "N",
        "largest request head (target and headers) accepted; 431 past it",
    ),
    (
        "--header-timeout",
        "header_timeout",
        "SECONDS",
        "close a connection that has not sent a whole request head within this time (slow or idle clients)",
    ),
    (
        "--max-connections",
        "max_connections",
        "N",
        "open connections (and requests in progress) served at once; past it new requests get 503",
    ),
    (
        "--max-records",
        "max_records",
        "N",
        "most records one tenant's store may generate (fixture sizes, scenario overrides included)",
    ),
    ("--max-body-bytes", "max_body_bytes", "N", "largest request body the emulated APIs accept"),
    (
        "--admin-max-body-bytes",
        "admin_max_body_bytes",
        "N",
        "largest /__admin request body (a scenario, a clock change, a verification); 413 past it",
    ),
    ("--admin-token", "admin_token", "TOKEN", "require 'Authorization: Bearer TOKEN' on /__admin"),
    (
        "--scenario",
        "scenarios",
        "NAME|FILE",
        "load a fault scenario at start: a file, or NAME from --scenarios-dir (repeatable; env: comma-separated)",
    ),
    (
        "--state-file",
        "state_file",
        "PATH",
        "keep the state across restarts: read at start (stores of every provider and tenant, applied scenarios, "
        "clock; a missing file starts fresh), written atomically on SIGTERM/SIGINT and on POST /__admin/snapshot",
    ),
)
REPEATABLE = ("provider_ports", "options", "scenarios")


def _default_text(field: str) -> str:
    from mockserver.settings import Settings

    info = Settings.model_fields[field]
    default = info.get_default(call_default_factory=True)
    if default in (None, [], {}):
        return "none"
    return str(default)


def register(subparsers: Any) -> None:
    # The settings module (pydantic) is imported when `serve` is the command, not for `mockserver --help`.
    from mockserver.settings import ENV_OF_FIELD, LOG_LEVELS

    parser = subparsers.add_parser(
        "serve",
        help=SUMMARIES["serve"],
        description="Serve every emulated API on one port (and optionally each provider on a port of its own). "
        "Each flag has a MOCKSERVER_* environment twin; precedence: flag > environment > --config file > default.",
        epilog="Exit status 2: the settings, a fixtures file, the TLS files, a port or the --state-file were not "
        "usable (one line on stderr says which; a state file that cannot be read is left as it is).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    for flag, field, metavar, text in FLAGS:
        if field == "log_level":
            text = f"one of {', '.join(LOG_LEVELS)}; {text}"
        help_text = f"{text} [env {ENV_OF_FIELD[field]}; default {_default_text(field)}]"
        if field in REPEATABLE:
            parser.add_argument(flag, dest=field, metavar=metavar, action="append", help=help_text)
        else:
            parser.add_argument(flag, dest=field, metavar=metavar, help=help_text)
    parser.add_argument(
        "--watch",
        dest="watch",
        action="store_const",
        const=True,
        help="reload scenario files when they change on disk [env MOCKSERVER_WATCH=true; default off]",
    )
    parser.set_defaults(handler=run)


def cli_values(args: argparse.Namespace) -> dict[str, Any]:
    """The flags given on the command line, as raw settings values (validated by build_settings)."""
    from mockserver.config_errors import ConfigError
    from mockserver.settings import options_from_pairs, parse_pairs

    values: dict[str, Any] = {}
    for _, field, _, _ in FLAGS:
        value = getattr(args, field, None)
        if value is None:
            continue
        try:
            if field == "provider_ports":
                values[field] = {k: v for item in value for k, v in parse_pairs(item, "--provider-port").items()}
            elif field == "options":
                values[field] = options_from_pairs(
                    {k: v for item in value for k, v in parse_pairs(item, "--option").items()}
                )
            else:
                values[field] = value
        except ValueError as exc:
            flag = "--provider-port" if field == "provider_ports" else "--option"
            raise ConfigError("command line", str(exc), flag) from None
    if getattr(args, "watch", None):
        values["watch"] = True
    return values


def loopback_only(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (a name counts when every address it has is)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False
    return all(ipaddress.ip_address(str(a).split("%")[0]).is_loopback for a in addresses)


def run(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> int:
    # Imported here so that `mockserver --help` and the other subcommands stay quick.
    from mockserver.app import create_app
    from mockserver.config_errors import ConfigError
    from mockserver.providers import all_providers
    from mockserver.server import ServeError, bind_all, check_tls_files, serve, uvicorn_config
    from mockserver.settings import build_settings

    try:
        settings = build_settings(cli_values(args), os.environ if environ is None else environ)
        check_tls_files(settings)
        listeners = bind_all(settings)
    except (ConfigError, ServeError) as exc:
        return fail("serve", str(exc))
    try:
        # Bound first, so that with --port 0 the app (health, printed URLs) knows the port it got.
        settings = settings.model_copy(update={"port": listeners[0].port})
        config = uvicorn_config(create_app(settings), settings)
    except (ConfigError, ServeError) as exc:
        for listener in listeners:
            listener.sock.close()
        return fail("serve", str(exc))
    if settings.admin_token is None and not loopback_only(settings.host):
        warn(
            "serve",
            f"listening on {settings.host} without --admin-token: anyone who can reach this port can "
            "reset, read and change the emulator's data over /__admin",
        )
    return serve(config, settings, listeners, {p.name: p.base_path for p in all_providers()})
