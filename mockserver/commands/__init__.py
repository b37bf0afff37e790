"""Subcommands of the `mockserver` command, one module each (each has register(subparsers))."""

from __future__ import annotations

import sys

#: Each subcommand (its module, `new_provider` for `new-provider`) and its line in `mockserver --help`, in the
#: order listed there. The list is read without importing the modules: `mockserver --help` stays quick.
SUMMARIES = {
    "serve": "run the emulated APIs (one process, one or more ports)",
    "credentials": "print each provider's demo credentials and a curl line to try them",
    "certs": "make a local CA, server and client certificates for mTLS",
    "scenarios": "list, validate and explain fault scenarios",
    "demo": "run a scenario's scripted client against a fresh server and print a timeline",
    "sign": "print a signed OnlineAfspraken APIREST URL",
    "new_provider": "start a provider package from the template",
}


def fail(command: str, message: str) -> int:
    """``mockserver COMMAND: error: MESSAGE`` as one line on stderr; exit status 2."""
    print(f"mockserver {command}: error: {_one_line(message)}", file=sys.stderr)
    return 2


def warn(command: str, message: str) -> None:
    """``mockserver COMMAND: warning: MESSAGE`` as one line on stderr."""
    print(f"mockserver {command}: warning: {_one_line(message)}", file=sys.stderr, flush=True)


def _one_line(message: str) -> str:
    return "; ".join(part.strip() for part in message.splitlines() if part.strip())
