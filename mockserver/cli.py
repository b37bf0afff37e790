"""The `mockserver` command: one subcommand per module in mockserver/commands/."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from mockserver import __version__
from mockserver.commands import certs, credentials, demo, scenarios, serve, sign

COMMANDS = (serve, credentials, certs, scenarios, demo, sign)


class CommandParser(argparse.ArgumentParser):
    """A subcommand's parser: a usage mistake is one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="mockserver",
        description="A local, stateful emulator of Nedap Ons, OnlineAfspraken.nl, OnCrawl, LeanLaw and Onix Work.",
    )
    parser.add_argument("--version", action="version", version=f"mockserver {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
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
