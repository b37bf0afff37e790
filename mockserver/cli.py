"""The `mockserver` command: one subcommand per module in mockserver/commands/."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from mockserver import __version__

#: Subcommand modules in mockserver/commands/, in the order `mockserver --help` lists them.
COMMANDS = ("serve", "credentials", "certs", "scenarios", "demo", "sign", "new_provider")


class CommandParser(argparse.ArgumentParser):
    """A usage mistake is one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f"mockserver.commands.{name}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or (``only``) just one subcommand: `serve` need not import the others."""
    parser = CommandParser(
        prog="mockserver",
        description="A local, stateful emulator of Nedap Ons, OnlineAfspraken.nl, OnCrawl, LeanLaw and Onix Work.",
    )
    parser.add_argument("--version", action="version", version=f"mockserver {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    for name in (only,) if only else COMMANDS:
        command_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    first = args_in[0].replace("-", "_") if args_in else ""
    chosen = first if first in COMMANDS else None
    parser = build_parser(chosen)
    args = parser.parse_args(args_in)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return 2
    return int(args.handler(args))
