"""`mockserver sign` (not built yet)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("sign", help="(not built yet)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    print("mockserver sign: not built yet", file=sys.stderr)
    return 2
