"""OQL, the OnCrawl Query Language: a JSON tree compiled against a schema, evaluated column by column.

A tree is ``{"and": [...]}``, ``{"or": [...]}``, ``{"not": node}`` or a leaf ``{"field": [name,
operator, value]}`` (research §2.3; the vendor's examples use equals, startswith, one_of, gte and
lt). Evaluating a leaf walks one column once and yields a mask of 0/1 bytes; and/or/not combine
masks as big integers, so a filter over 100,000 rows costs a few list passes, not a Python call
per row per node.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import repeat
from typing import Any, Protocol

from mockserver.providers.oncrawl.errors import InvalidRequestParameters, field_error
from mockserver.providers.oncrawl.fields import Field

Mask = bytes
#: Leaf masks a table keeps (paging through one search asks the same leaves again and again).
MASK_CACHE = 32
#: Compiled trees a schema keeps (all of them are dropped when there would be more).
COMPILED_CACHE = 256


class Columns(Protocol):
    size: int

    def column(self, name: str) -> Sequence[Any]: ...


@dataclass(frozen=True)
class Leaf:
    field: Field
    operator: str
    value: Any

    def mask(self, table: Columns) -> Mask:
        cache = getattr(table, "masks", None)
        if cache is None:
            return self._evaluate(table)
        key = (self.field.name, self.operator, self.value)
        found: Mask | None = cache.get(key)
        if found is None:
            found = cache[key] = self._evaluate(table)
            while len(cache) > MASK_CACHE:
                cache.pop(next(iter(cache)))
        return found

    def _evaluate(self, table: Columns) -> Mask:
        col = table.column(self.field.name)
        fast = _FAST.get(self.operator)
        if fast is not None:
            try:  # one C-level pass; a missing value (None) makes the comparison raise
                return bytes(map(fast, col, repeat(self.value)))
            except TypeError:
                pass
        if self.operator == "one_of":
            return bytes(map(self.value.__contains__, col))
        return bytes(map(_PREDICATES[self.operator](self.value), col))


@dataclass(frozen=True)
class Branch:
    kind: str  # and | or | not
    children: tuple[Node, ...]

    def mask(self, table: Columns) -> Mask:
        n = table.size
        if self.kind == "not":
            return _to_mask(_as_int(self.children[0].mask(table)) ^ _ones(n), n)
        acc = _as_int(self.children[0].mask(table))
        for child in self.children[1:]:
            other = _as_int(child.mask(table))
            acc = acc & other if self.kind == "and" else acc | other
        return _to_mask(acc, n)


Node = Leaf | Branch


def compile_oql(tree: Any, schema: Mapping[str, Field], where: str = "oql") -> Node | None:
    """The tree checked against ``schema``; None for an empty filter. Raises 400 naming the bad part.

    A schema with a ``compiled`` dict keeps each tree it has compiled, by the tree's ``repr`` (exact for
    JSON values: 1, 1.0, True and "1" stay apart); nodes never change, so clients repeating a filter
    (paging, polling) share one. A bad tree raises each time.
    """
    if tree is None or tree == {}:
        return None
    cache = getattr(schema, "compiled", None)
    if cache is None:
        return _compile(tree, schema, where)
    key = repr(tree)
    node: Node | None = cache.get(key)
    if node is None:
        if len(cache) >= COMPILED_CACHE:
            cache.clear()
        node = cache[key] = _compile(tree, schema, where)
    return node


def evaluate(node: Node | None, table: Columns) -> Mask | None:
    """The rows ``node`` keeps, as a 0/1 mask (None: every row)."""
    return None if node is None else node.mask(table)


def _bad(where: str, message: str) -> InvalidRequestParameters:
    return InvalidRequestParameters(message, fields=[field_error(where, message)])


def _compile(tree: Any, schema: Mapping[str, Field], where: str) -> Node:
    if not isinstance(tree, dict) or len(tree) != 1:
        raise _bad(where, "an OQL node is an object with exactly one key: and, or, not or field")
    ((kind, body),) = tree.items()
    if kind in ("and", "or"):
        if not isinstance(body, list) or not body:
            raise _bad(where, f"'{kind}' takes a non-empty list of OQL nodes")
        return Branch(kind, tuple(_compile(child, schema, f"{where}.{kind}[{i}]") for i, child in enumerate(body)))
    if kind == "not":
        child = body[0] if isinstance(body, list) and len(body) == 1 else body
        return Branch("not", (_compile(child, schema, f"{where}.not"),))
    if kind == "field":
        return _leaf(body, schema, where)
    raise _bad(where, f"unknown OQL node {kind!r}; use and, or, not or field")


def _leaf(body: Any, schema: Mapping[str, Field], where: str) -> Leaf:
    if not isinstance(body, list) or len(body) not in (2, 3, 4) or not all(isinstance(p, str) for p in body[:2]):
        raise _bad(where, "a field filter is [name, operator, value]")
    name, operator = body[0], body[1]
    field = schema.get(name)
    if field is None:
        message = f"unknown field {name!r}"
        raise InvalidRequestParameters(message, fields=[field_error(name, message, "unknown_field")])
    if operator not in field.operators:
        allowed = ", ".join(field.operators)
        raise _bad(where, f"operator {operator!r} cannot be used on {field.type} field {name!r} (use {allowed})")
    if operator in ("has_value", "has_no_value"):
        return Leaf(field, operator, None)
    if len(body) < 3:
        raise _bad(where, f"operator {operator!r} needs a value")
    raw = body[2]
    if operator == "one_of":
        if not isinstance(raw, list):
            raise _bad(where, "one_of takes a list of values")
        return Leaf(field, operator, frozenset(coerce(field, v, where) for v in raw))
    return Leaf(field, operator, coerce(field, raw, where))


def coerce(field: Field, value: Any, where: str) -> Any:
    """A filter value in the field's own type (RISON and query strings often carry numbers as text)."""
    kind = field.type
    try:
        if kind == "string":
            if isinstance(value, bool) or value is None or isinstance(value, list | dict):
                raise ValueError
            return str(value)
        if kind == "bool":
            if isinstance(value, bool):
                return value
            if str(value).lower() in ("true", "false"):
                return str(value).lower() == "true"
            raise ValueError
        if isinstance(value, bool) or value is None or isinstance(value, list | dict):
            raise ValueError
        if kind == "int":
            number = float(value)
            if not number.is_integer():
                raise ValueError
            return int(number)
        if kind == "date":
            return _date_ms(value)
        return float(value)
    except (TypeError, ValueError, OverflowError):
        raise _bad(where, f"{value!r} is not a valid {kind} value for field {field.name!r}") from None


def _date_ms(value: Any) -> int:
    if isinstance(value, int | float):
        return int(value)
    text = str(value)
    if text.lstrip("-").isdigit():
        return int(text)
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


def _empty(v: Any) -> bool:
    return v is None or v == "" or v == []


_PREDICATES: dict[str, Callable[[Any], Callable[[Any], bool]]] = {
    "equals": lambda x: lambda v: v == x,
    "not_equals": lambda x: lambda v: v != x,
    "contains": lambda x: lambda v: v is not None and x in v,
    "startswith": lambda x: lambda v: v is not None and v.startswith(x),
    "endswith": lambda x: lambda v: v is not None and v.endswith(x),
    "gt": lambda x: lambda v: v is not None and v > x,
    "gte": lambda x: lambda v: v is not None and v >= x,
    "lt": lambda x: lambda v: v is not None and v < x,
    "lte": lambda x: lambda v: v is not None and v <= x,
    "one_of": lambda x: lambda v: v in x,
    "has_value": lambda _x: lambda v: not _empty(v),
    "has_no_value": lambda _x: _empty,
}


#: Operators a C function answers for a row with a value (None and type mismatches fall back).
_FAST: dict[str, Callable[[Any, Any], bool]] = {
    "equals": operator.eq,
    "not_equals": operator.ne,
    "contains": operator.contains,
    "startswith": str.startswith,
    "endswith": str.endswith,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


def _as_int(mask: Mask) -> int:
    return int.from_bytes(mask, "little")


def _ones(n: int) -> int:
    return int.from_bytes(b"\x01" * n, "little")


def _to_mask(value: int, n: int) -> Mask:
    return value.to_bytes(n, "little") if n else b""
