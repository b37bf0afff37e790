"""Subcommands of the `mockserver` command, one module each (each has register(subparsers))."""

from __future__ import annotations

import sys


def fail(command: str, message: str) -> int:
    """``mockserver COMMAND: error: MESSAGE`` as one line on stderr; exit status 2."""
    print(f"mockserver {command}: error: {_one_line(message)}", file=sys.stderr)
    return 2


def warn(command: str, message: str) -> None:
    """``mockserver COMMAND: warning: MESSAGE`` as one line on stderr."""
    print(f"mockserver {command}: warning: {_one_line(message)}", file=sys.stderr, flush=True)


def _one_line(message: str) -> str:
    return "; ".join(part.strip() for part in message.splitlines() if part.strip())
