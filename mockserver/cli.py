"""The `mockserver` command: one subcommand per module in mockserver/commands/."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from mockserver import __version__
from mockserver.commands import SUMMARIES
from mockserver.providers import EMULATED, VENDORS, not_emulated_titles

DESCRIPTION = f"A local, stateful emulator of {', '.join(VENDORS[name] for name in EMULATED)}" + (
    f" ({', '.join(not_emulated_titles())}: not emulated yet)." if not_emulated_titles() else "."
)

#: Subcommand modules in mockserver/commands/, in the order `mockserver --help` lists them.
COMMANDS = tuple(SUMMARIES)


class CommandParser(argparse.ArgumentParser):
    """A usage mistake is one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f"mockserver.commands.{name}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Every subcommand by its summary line, or (``only``) just that one in full.

    Without a subcommand nothing is imported: `mockserver --help` needs the summaries only, and a
    subcommand's own flags (serve's defaults come from the settings model) cost an import or two.
    """
    parser = CommandParser(prog="mockserver", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"mockserver {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    if only:
        command_module(only).register(subparsers)
        return parser
    for name, summary in SUMMARIES.items():
        subparsers.add_parser(name.replace("_", "-"), help=summary)
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
    try:
        status = int(args.handler(args))
        sys.stdout.flush()
    except BrokenPipeError:
        return closed_pipe()
    return status


def closed_pipe() -> int:
    """The reader went away (`mockserver scenarios list | head -1`): stop quietly, as other tools do.

    Python would otherwise print a traceback, and another one when it flushes stdout at exit.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 141  # 128 + SIGPIPE: what a shell reports for a command stopped by a closed pipe
