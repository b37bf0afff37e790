"""`mockserver new-provider NAME`: a working provider package copied from providers/_template."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from mockserver.commands import SUMMARIES
from mockserver.settings import PROJECT_DIR

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "providers" / "_template"
TEMPLATE_PACKAGE = "mockserver.providers._template"
NAME = re.compile(r"\A[a-z][a-z0-9]{1,30}\Z")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "new-provider",
        help=SUMMARIES["new_provider"],
        description=(
            "Copy providers/_template to providers/NAME (a working provider: token auth, a store, "
            "paging, the error envelope) and its fixtures to fixtures/NAME.yaml. Then list it in "
            "providers/__init__.py and make it the vendor's (docs/architecture.md, 'Adding a provider')."
        ),
    )
    parser.add_argument("name", help="lower-case provider name, also its URL prefix (e.g. oncrawl)")
    parser.add_argument("--into", type=Path, default=PROJECT_DIR / "mockserver" / "providers", help="parent directory")
    parser.add_argument("--package", default="mockserver.providers", help="the parent directory's package name")
    parser.add_argument("--fixtures", type=Path, default=PROJECT_DIR / "fixtures", help="fixtures directory")
    parser.set_defaults(handler=run)


def camel(name: str) -> str:
    return name[:1].upper() + name[1:]


def render(text: str, name: str, package: str) -> str:
    """The template's text for provider ``name`` in package ``package``."""
    text = text.replace(TEMPLATE_PACKAGE, f"{package}.{name}")
    return text.replace("Skeleton", camel(name)).replace("SKELETON", name.upper()).replace("skeleton", name)


def generate(name: str, into: Path, package: str, fixtures: Path) -> list[Path]:
    """Write the package ``into/name`` and ``fixtures/name.yaml``; refuses to overwrite anything."""
    if not NAME.match(name):
        raise ValueError(f"a provider name is 2-31 lower-case letters and digits, starting with a letter: {name!r}")
    target = into / name
    fixture = fixtures / f"{name}.yaml"
    for path in (target, fixture):
        if path.exists():
            raise ValueError(f"{path} exists already")
    target.mkdir(parents=True)
    fixtures.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted([*TEMPLATE_DIR.glob("*.py"), TEMPLATE_DIR / "openapi.yaml"]):
        path = target / source.name
        path.write_text(render(source.read_text(encoding="utf-8"), name, package), encoding="utf-8")
        written.append(path)
    fixture.write_text(render((TEMPLATE_DIR / "fixtures.yaml").read_text(encoding="utf-8"), name, package))
    return [*written, fixture]


def run(args: Any) -> int:
    try:
        written = generate(args.name, args.into, args.package, args.fixtures)
    except (ValueError, OSError) as exc:
        print(f"mockserver new-provider: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    print(
        f"next: add {camel(args.name)}Provider to PROVIDERS in mockserver/providers/__init__.py, "
        f"then 'mockserver serve' answers under /{args.name}"
    )
    return 0
