"""Limit/Offset paging with the Stats block (getAppointments, getCustomers)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from mockserver.core.pagination import paginate
from mockserver.providers.onlineafspraken.params import Params
from mockserver.providers.onlineafspraken.xml import Stats

T = TypeVar("T")

#: The seed's example shows Limit 100; no other default is documented (research §1.8).
DEFAULT_LIMIT = 100


def page(items: Sequence[T], params: Params) -> tuple[Sequence[T], Stats]:
    limit = params.integer("Limit", default=DEFAULT_LIMIT)
    offset = params.integer("Offset", default=0)
    assert limit is not None and offset is not None
    chunk = paginate(items, offset, limit)
    return chunk.items, Stats(limit, offset, len(chunk.items), chunk.total)
