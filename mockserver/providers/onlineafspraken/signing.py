"""The APIREST request signature: one implementation for verification, the CLI and tests.

seeds/onlineafspraken-how-the-api-works.txt: take ``method`` and every other parameter except
the ``api_*`` ones, sort ascending by key, concatenate key and value with no separators, append
the api secret, then the salt, and hash (SHA-256; existing integrations use SHA-1). Example for
getResource id 8: ``id8methodgetResource<SECRET><SALT>``.

Real clients build that string in slightly different ways (research/provider-onlineafspraken-
oncrawl.md §1.3); lenient verification accepts each of those variants, strict only the
documented one.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable, Mapping
from typing import Literal

#: Parameters that are never signed (the RANDOCK client's exclusion list, §1.3).
UNSIGNED = frozenset({"api_key", "api_salt", "api_signature", "api_format", "api_lang", "api_jsonp_callback"})

Algorithm = Literal["sha256", "sha1"]
Sort = Literal["ordinal", "caseless"]
Spaces = Literal["strip", "keep", "whitespace", "everywhere"]

#: The documented form: ordinal key sort, spaces removed from the values ("without spaces").
DOCUMENTED: tuple[Sort, Spaces] = ("ordinal", "strip")
#: Every form lenient verification accepts, the documented one first. Variants seen in real clients:
#: MASIRA signs values as sent, RANDOCK strips all whitespace from each key+value piece, MPOST strips
#: spaces from the whole string (secret included) and sorts with .NET's culture comparer
#: (case-insensitive for ASCII keys).
VARIANTS: tuple[tuple[Sort, Spaces], ...] = tuple(
    (sort, spaces) for sort in ("ordinal", "caseless") for spaces in ("strip", "keep", "whitespace", "everywhere")
)

#: The constructors themselves: ``hashlib.new`` looks the name up on every call.
_HASHES = {"sha256": hashlib.sha256, "sha1": hashlib.sha1}
_WHITESPACE = re.compile(r"\s+")
_HEX = re.compile(r"\A[0-9a-fA-F]+\Z")


def signed_pairs(params: Mapping[str, str] | Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The pairs that take part in the signature, as sent (``api_*`` auth parameters left out)."""
    return _signed(_as_text(params))


def _as_text(params: Mapping[str, str] | Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    items = params.items() if isinstance(params, Mapping) else params
    return [(str(k), str(v)) for k, v in items]


def _signed(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``signed_pairs`` of pairs that are text already (a request's own)."""
    return [(k, v) for k, v in pairs if k.lower() not in UNSIGNED]


def signature_base(
    params: Mapping[str, str] | Iterable[tuple[str, str]],
    api_secret: str,
    salt: int | str,
    *,
    sort: Sort = "ordinal",
    spaces: Spaces = "strip",
) -> str:
    """The string that is hashed: sorted key+value pairs, then the secret, then the salt."""
    return _base(signed_pairs(params), api_secret, salt, sort, spaces)


def _base(pairs: list[tuple[str, str]], api_secret: str, salt: int | str, sort: Sort, spaces: Spaces) -> str:
    """``signature_base`` of pairs already left to the signed ones."""
    if sort == "ordinal":
        pairs = sorted(pairs, key=lambda kv: kv[0])
    else:
        pairs = sorted(pairs, key=lambda kv: (kv[0].casefold(), kv[0]))
    if spaces == "strip":
        body = "".join([k + v.replace(" ", "") for k, v in pairs])
    elif spaces == "whitespace":
        body = "".join([_WHITESPACE.sub("", k + v) for k, v in pairs])
    else:
        body = "".join([k + v for k, v in pairs])
    text = f"{body}{api_secret}{salt}"
    return text.replace(" ", "") if spaces == "everywhere" else text


def digest(text: str, algorithm: Algorithm = "sha256") -> str:
    """Lower-case hex digest of ``text`` (UTF-8)."""
    return _HASHES[algorithm](text.encode("utf-8")).hexdigest()


def sign(
    params: Mapping[str, str] | Iterable[tuple[str, str]],
    api_secret: str,
    salt: int | str,
    *,
    algorithm: Algorithm = "sha256",
    sort: Sort = "ordinal",
    spaces: Spaces = "strip",
) -> str:
    """``api_signature`` for ``params`` (which include ``method``), the documented way by default."""
    return digest(signature_base(params, api_secret, salt, sort=sort, spaces=spaces), algorithm)


_ALGORITHM_BY_LENGTH: dict[int, Algorithm] = {64: "sha256", 40: "sha1"}


def algorithm_for(signature: str) -> Algorithm | None:
    """SHA-256 for 64 hex digits, SHA-1 for 40, None for anything else."""
    if not _HEX.match(signature):
        return None
    return _ALGORITHM_BY_LENGTH.get(len(signature))


def verify(
    params: Mapping[str, str] | Iterable[tuple[str, str]],
    api_secret: str,
    salt: int | str,
    signature: str,
    *,
    strict: bool = False,
) -> bool:
    """Whether ``signature`` signs ``params``; hex case never matters."""
    algorithm = algorithm_for(signature)
    if algorithm is None:
        return False
    return verify_sent(_as_text(params), api_secret, salt, signature, algorithm, strict=strict)


def verify_sent(
    pairs: list[tuple[str, str]],
    api_secret: str,
    salt: int | str,
    signature: str,
    algorithm: Algorithm,
    *,
    strict: bool,
) -> bool:
    """``verify`` for a request's own pairs (text as sent) and a signature ``algorithm_for`` has read already.

    The documented form is tried first and the first match wins, each distinct string hashed once:
    an emulator on loopback has no timing attack to hide from, so the forms are not all compared.
    """
    # algorithm_for let only hex digits through: ASCII text compare_digest takes as it is.
    given = signature.lower()
    signed = _signed(pairs)
    tried: set[str] = set()
    for sort, spaces in (DOCUMENTED,) if strict else VARIANTS:
        text = _base(signed, api_secret, salt, sort, spaces)
        if text in tried:
            continue
        tried.add(text)
        if hmac.compare_digest(digest(text, algorithm), given):
            return True
    return False


def signed_query(
    method: str,
    params: Iterable[tuple[str, str]],
    api_key: str,
    api_secret: str,
    salt: int | str,
    *,
    algorithm: Algorithm = "sha256",
) -> list[tuple[str, str]]:
    """The full parameter list of a signed call: method, its parameters, then the api_* ones."""
    pairs = [("method", method), *((str(k), str(v)) for k, v in params)]
    signature = sign(pairs, api_secret, salt, algorithm=algorithm)
    return [*pairs, ("api_key", api_key), ("api_salt", str(salt)), ("api_signature", signature)]
