"""Request bodies in the journal: decoded as JSON or text, secrets redacted, and matched by body patterns."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

# lxml (a few tens of milliseconds to load) is imported where XML is built or read, not at start.
if TYPE_CHECKING:
    from lxml import etree

REDACTED = "<redacted>"


@dataclass(frozen=True)
class Body:
    """A journalled request body: ``value`` as shown (JSON, text or base64), ``text`` for substring matching."""

    value: Any
    encoding: str  # "json", "text" or "base64"
    text: str


def decode_body(raw: bytes, content_type: str, secret: frozenset[str]) -> Body:
    """Decode what was kept of a body (it may be cut short) and redact the fields named in ``secret``."""
    kind = content_type.split(";", 1)[0].strip().lower()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        encoded = base64.b64encode(raw).decode("ascii")
        return Body(encoded, "base64", "")
    if kind.endswith("json") or kind.endswith("+json") or (not kind and text.lstrip()[:1] in ("{", "[")):
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError:
            return Body(text, "text", text)
        clean = _redact_json(value, secret)
        return Body(clean, "json", text if clean == value else orjson.dumps(clean).decode())
    if kind == "application/x-www-form-urlencoded":
        from mockserver.core.journal import redact_query  # the journal imports this module

        text = redact_query(text, secret)
    elif "xml" in kind or text.lstrip().startswith("<"):
        text = _redact_xml(text, secret)
    return Body(text, "text", text)


def _redact_json(value: Any, secret: frozenset[str]) -> Any:
    if isinstance(value, dict):
        return {k: REDACTED if k.lower() in secret else _redact_json(v, secret) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact_json(v, secret) for v in value]
    return value


def _redact_xml(text: str, secret: frozenset[str]) -> str:
    for name in secret:
        pattern = rf"(<(?:[\w.-]+:)?{re.escape(name)}(?:\s[^>]*)?>)[^<]*(</(?:[\w.-]+:)?{re.escape(name)}\s*>)"
        # Escaped, so the redacted body is still XML (its text reads <redacted>).
        text = re.sub(pattern, r"\1&lt;redacted&gt;\2", text, flags=re.IGNORECASE)
    return text


def json_subset(expected: Any, actual: Any) -> bool:
    """WireMock's equalToJson with extra elements ignored: every key of ``expected`` is in ``actual`` with a
    matching value; every item of an expected list matches some item of the actual list."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and json_subset(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and all(any(json_subset(e, a) for a in actual) for e in expected)
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return expected == actual
    return type(expected) is type(actual) and bool(expected == actual)


class BadPattern(ValueError):
    """A body pattern that cannot be used (an XPath that does not compile)."""


def compile_xpath(expression: str) -> etree.XPath:
    from lxml import etree

    try:
        return etree.XPath(expression)
    except (etree.XPathSyntaxError, ValueError) as exc:  # ValueError: a NUL byte or control character
        raise BadPattern(f"body_xpath: {exc}") from None


def xpath_matches(xpath: etree.XPath, text: str) -> bool:
    """Whether the body, parsed safely as XML (no DTD, no entities, no network), has what ``xpath`` selects."""
    from lxml import etree

    if not text.lstrip().startswith("<"):
        return False
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser=parser)
    except etree.XMLSyntaxError:
        return False
    if root is None or getattr(root.getroottree().docinfo, "doctype", None):
        return False
    try:
        found = xpath(root)
    except etree.XPathEvalError:
        return False
    return bool(found)  # a node list, a boolean, a number or a string: empty, false, 0 and "" do not match
