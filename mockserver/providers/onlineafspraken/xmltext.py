"""Element trees written straight to text, byte for byte as lxml's ``pretty_print`` writes them."""

from __future__ import annotations

import re
from collections.abc import Mapping

from mockserver.core.xmlchars import INVALID_XML_CHARS, replace_invalid_xml_chars

#: What element text cannot carry as it is: the characters libxml2 escapes, then those XML has no room for.
_SPECIAL = re.compile("[&<>\r]|" + INVALID_XML_CHARS.pattern)


def text(value: object) -> str:
    """Element text for ``value``: None is empty; &, <, > and \\r escaped as libxml2 does (quotes stay)."""
    if value is None:
        return ""
    return _escaped(str(value))


#: Bound once: every string value is searched, and most have nothing to escape.
_special = _SPECIAL.search


def _escaped(text: str) -> str:
    if _special(text) is None:
        return text
    return _escape(text)


def _escape(text: str) -> str:
    # Messages echo what the client sent (a parameter named "\x1f"); XML cannot carry every character.
    text = replace_invalid_xml_chars(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def write(out: list[str], depth: int, name: str, elements: Mapping[str, object]) -> None:
    """Append element ``name`` at ``depth`` (two spaces a level) with its children, one line each.

    An element without children closes itself, ``<Name/>``.
    """
    pad = "  " * depth
    start = len(out)
    out.append(f"{pad}<{name}>\n")
    write_children(out, depth + 1, elements)
    if len(out) == start + 1:
        out[start] = f"{pad}<{name}/>\n"
    else:
        out.append(f"{pad}</{name}>\n")


def write_children(out: list[str], depth: int, elements: Mapping[str, object]) -> None:
    """Append the children of an element, each at ``depth``.

    A value that is a mapping is one child element, a list is one child element per mapping in it,
    anything else is a text element (always ``<Key>…</Key>``, never self-closed: the real server
    writes empty values that way).
    """
    pad = "  " * depth
    append = out.append
    for key, value in elements.items():
        kind = type(value)
        written: object
        # The usual values first, each checked once: a string as it is unless it holds something to
        # escape, a whole number as the f-string writes it (the digits str() gives).
        if kind is str:
            written = value
            if _special(value) is not None:  # type: ignore[call-overload]
                written = _escape(value)  # type: ignore[arg-type]
        elif kind is int:
            written = value
        elif isinstance(value, list):
            for child in value:
                write(out, depth, key, child)
            continue
        elif isinstance(value, Mapping):
            write(out, depth, key, value)
            continue
        else:
            written = text(value)
        append(f"{pad}<{key}>{written}</{key}>\n")
