"""A columnar table: one list per field, columns built on first use, sort orders cached.

Crawl data (100,000 pages and more) lives here, so a filter walks a column once, a page of
results touches only its own rows, and an export zips columns without making a dict per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import compress, islice
from typing import Any

from mockserver.providers.oncrawl.fields import Schema
from mockserver.providers.oncrawl.oql import Mask, Node, evaluate

SortKey = tuple[str, bool]  # (field, descending)
Converter = Callable[[Sequence[Any]], Iterable[Any]]


class Table:
    """Rows of one data type. ``columns`` maps a field to its list or to a function that builds it."""

    def __init__(self, schema: Schema, size: int, columns: dict[str, Sequence[Any] | Callable[[], Sequence[Any]]]):
        self.schema = schema
        self.size = size
        self._columns = columns
        self._orders: dict[SortKey, list[int]] = {}
        #: Leaf masks by (field, operator, value), filled by the OQL evaluator; tables never change.
        self.masks: dict[tuple[str, str, Any], bytes] = {}
        self._plain: dict[str, bool] = {}

    @classmethod
    def from_records(cls, schema: Schema, records: Sequence[dict[str, Any]]) -> Table:
        """A small table over resource records (projects, crawls ...), for filters and sorts on lists."""
        return cls(schema, len(records), {name: [r.get(name) for r in records] for name in schema})

    def column(self, name: str) -> Sequence[Any]:
        col = self._columns[name]
        if callable(col):
            col = col()
            self._columns[name] = col
        return col

    def plain_text(self, name: str) -> bool:
        """True when no value of a text column holds a CSV separator, quote or line break (cached)."""
        known = self._plain.get(name)
        if known is None:
            joined = "\x00".join(v for v in self.column(name) if isinstance(v, str))
            known = self._plain[name] = not any(c in joined for c in ';"\n\r')
        return known

    def materialize(self) -> None:
        """Build every column now (seeding benchmarks, warm-up)."""
        for name in self.schema:
            self.column(name)

    def select(self, node: Node | None, sort: Sequence[SortKey] = ()) -> tuple[Iterator[int], int]:
        """Indices of the matching rows in sort order (lazily), and how many match."""
        mask = evaluate(node, self)
        total = self.size if mask is None else mask.count(1)
        if not sort:
            indices = range(self.size)
            return (iter(indices) if mask is None else compress(indices, mask)), total
        order = self._order(sort)
        if mask is None:
            return iter(order), total
        return compress(order, map(mask.__getitem__, order)), total

    def page(
        self, fields: Sequence[str], node: Node | None, sort: Sequence[SortKey], offset: int, limit: int
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of rows as dicts of ``fields``, and the number of matching rows."""
        indices, total = self.select(node, sort)
        cols = [(name, self.column(name)) for name in fields]
        rows = [{name: col[i] for name, col in cols} for i in islice(indices, offset, offset + limit)]
        return rows, total

    def tuples(
        self, fields: Sequence[str], node: Node | None, convert: Mapping[str, Converter] | None = None
    ) -> Iterator[tuple[Any, ...]]:
        """Every matching row as a tuple of ``fields``, in crawl order (what exports stream).

        ``convert`` maps a field type to a function that turns a whole column into an iterable
        (lazily, e.g. with ``map``), applied on the way out.
        """
        convert = convert or {}
        cols: list[Iterable[Any]] = []
        for name in fields:
            change = convert.get(self.schema[name].type)
            cols.append(change(self.column(name)) if change else self.column(name))
        rows = zip(*cols, strict=True) if cols else iter(())
        mask: Mask | None = evaluate(node, self)
        return rows if mask is None else compress(rows, mask)

    def _order(self, sort: Sequence[SortKey]) -> list[int]:
        if len(sort) == 1:
            key = sort[0]
            order = self._orders.get(key)
            if order is None:
                order = self._orders[key] = _sorted(range(self.size), self.column(key[0]), key[1])
            return order
        order = list(range(self.size))
        for name, descending in reversed(sort):  # stable sorts, least significant key first
            order = _sorted(order, self.column(name), descending)
        return order


def _sorted(indices: Sequence[int], col: Sequence[Any], descending: bool) -> list[int]:
    """Indices ordered by ``col``; rows without a value go last either way."""
    present = [i for i in indices if col[i] is not None]
    missing = [i for i in indices if col[i] is None]
    present.sort(key=col.__getitem__, reverse=descending)
    return present + missing
