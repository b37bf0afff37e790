"""The characters XML 1.0 cannot carry, found or replaced in one place."""

from __future__ import annotations

import re

#: Control characters other than tab, newline and carriage return; U+FFFE, U+FFFF; lone surrogates.
INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

#: What an echoed character XML cannot carry becomes.
REPLACEMENT = "\ufffd"


def has_invalid_xml_chars(text: str) -> bool:
    return INVALID_XML_CHARS.search(text) is not None


def replace_invalid_xml_chars(text: str) -> str:
    """``text`` with every character XML 1.0 cannot carry replaced by U+FFFD (an echoed bad input still renders)."""
    return INVALID_XML_CHARS.sub(REPLACEMENT, text)
