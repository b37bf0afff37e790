"""The `mockserver` command: one subcommand per module in mockserver/commands/."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from mockserver import __version__
from mockserver.commands import credentials, demo, scenarios, serve, sign

COMMANDS = (serve, credentials, scenarios, demo, sign)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mockserver",
        description="A local, stateful emulator of Nedap Ons, OnlineAfspraken.nl, OnCrawl, LeanLaw and Onix Work.",
    )
    parser.add_argument("--version", action="version", version=f"mockserver {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return 2
    return int(args.handler(args))
