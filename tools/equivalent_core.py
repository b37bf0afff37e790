"""Mutants of the core modules that no test can kill, because they do not change behaviour (``make mutate``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Equivalent:
    """A mutant no test can kill because it does not change behaviour: its line before and after, and why."""

    module: str
    before: str
    after: str
    reason: str


#: Matched by the changed line, not by mutmut's numbering, so they survive edits elsewhere in the module.
CORE: tuple[Equivalent, ...] = (
    Equivalent(
        "mockserver/core/negotiation.py",
        'kind, _, sub = media_type.partition("/")',
        'kind, _, sub = media_type.rpartition("/")',
        "offered types are the providers' own constants, each with exactly one slash",
    ),
    Equivalent(
        "mockserver/core/negotiation.py",
        "if best is None or key > best:",
        "if best is None or key >= best:",
        "a key ends in the offered type's index, so two keys are never equal",
    ),
    Equivalent(
        "mockserver/core/pagination.py",
        'kind, _, number = text.partition(":")',
        'kind, _, number = text.rpartition(":")',
        "with two colons or more neither split gives kind 'at' and a number int() takes: refused either way",
    ),
    Equivalent(
        "mockserver/core/pagination.py",
        'text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()',
        'text = base64.urlsafe_b64decode(cursor + "=" * (+len(cursor) % 4)).decode()',
        "the two differ only for a length of 3 mod 4, where the decoder ignores the excess padding",
    ),
    Equivalent(
        "mockserver/core/pagination.py",
        'return base64.urlsafe_b64encode(f"at:{position}".encode()).decode().rstrip("=")',
        'return base64.urlsafe_b64encode(f"at:{position}".encode()).decode().rstrip("XX=XX")',
        "the last character of 'at:<digits>' in base64 is never X (digits end in 0x30-0x39)",
    ),
    Equivalent(
        "mockserver/core/fast_lane.py",
        "self._remembered: dict[tuple[str, str], Found] = {}",
        "self._remembered: dict[tuple[str, str], Found] = None",
        "the first lookup finds no fingerprint remembered and starts the memory afresh before reading it",
    ),
    Equivalent(
        "mockserver/core/fast_lane.py",
        "self._remembered_for: tuple[int, int, int] | None = None",
        'self._remembered_for: tuple[int, int, int] | None = ""',
        "no fingerprint equals either: the first lookup starts the memory afresh",
    ),
    Equivalent(
        "mockserver/core/lean_route.py",
        'return getattr(route.app, "lean", False) is True',
        'return getattr(route.app, "lean", None) is True',
        "neither default is True: an app without the mark is not lean either way",
    ),
    Equivalent(
        "mockserver/core/bodies.py",
        'return value.decode("latin-1")',
        'return value.decode("LATIN-1")',
        "codec names are case-insensitive",
    ),
    # A message without more_body is the last: False, None and a missing default are all false.
    *(
        Equivalent(
            "mockserver/core/bodies.py",
            'if not message.get("more_body", False):',
            after,
            "a missing more_body reads false with either default",
        )
        for after in ('if not message.get("more_body", None):', 'if not message.get("more_body", ):')
    ),
    # Codec names are looked up without regard to case (the error handler's name is not: those mutants die).
    *(
        Equivalent(
            "mockserver/core/journal_memory.py",
            before,
            before.replace('"utf-8"', '"UTF-8"', 1),
            "codec names are case-insensitive",
        )
        for before in (
            'texts = [id.encode("utf-8", "surrogatepass"), time.encode("utf-8", "surrogatepass")]',
            'texts.append(query.encode("utf-8", "surrogatepass"))',
            'id=text_id.decode("utf-8", "surrogatepass"),',
            'time=text_time.decode("utf-8", "surrogatepass"),',
            'query=text_query.decode("utf-8", "surrogatepass"),',
        )
    ),
    Equivalent(
        "mockserver/core/journal_memory.py",
        'texts = [id.encode("utf-8", "surrogatepass"), time.encode("utf-8", "surrogatepass")]',
        'texts = [id.encode("utf-8", "surrogatepass"), time.encode("UTF-8", "surrogatepass")]',
        "codec names are case-insensitive",
    ),
    Equivalent(
        "mockserver/core/journal_memory.py",
        "tuple(notes) if notes else (),",
        "tuple(notes) if (notes) or True else (),",
        "the tuple of an empty sequence is Python's one empty tuple",
    ),
    Equivalent(
        "mockserver/core/journal_memory.py",
        "return (size + 15) & ~15 if size <= 512 else (size + 23) & ~15",
        "return (size + 15) & ~15 if size <= 513 else (size + 23) & ~15",
        "the two differ only at 513 bytes, which both round to 528",
    ),
    Equivalent(
        "mockserver/core/request_log.py",
        'target += "?" + redact_query(query.decode("ascii", "replace"), self.secrets_for(path))',
        'target += "?" + redact_query(query.decode("ASCII", "replace"), self.secrets_for(path))',
        "codec names are case-insensitive",
    ),
    Equivalent(
        "mockserver/core/request_log.py",
        "self._pending: list[str] = []",
        "self._pending: list[str] = None",
        "no line waits before start(), which sets the list afresh; a flush before it finds nothing either way",
    ),
    Equivalent(
        "mockserver/core/request_log.py",
        "self.colours = False",
        "self.colours = None",
        "the flag is only ever read as true or false, and None is false",
    ),
    # The status texts kept are a saving only: a status looked up afresh is written the same.
    *(
        Equivalent(
            "mockserver/core/request_log.py",
            "text = self._statuses.get(status)",
            after,
            "a miss works out the same text",
        )
        for after in ("text = None", "text = self._statuses.get(None)")
    ),
    # A scope without a query string: b"" and None both mean no query (a line is kept under its own key either way).
    *(
        Equivalent(
            "mockserver/core/request_log.py", key, key.replace('b""', default), "either default is false: no query"
        )
        for key in (
            'key = (scope["method"], scope["path"], scope.get("query_string", b""), scope.get("http_version", "1.1"))',
        )
        for default in ("None", "")
    ),
)
