"""The `mockserver` command (placeholder; serve only)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("mockserver: not yet", file=sys.stderr)
    return 2
