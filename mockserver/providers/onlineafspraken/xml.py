"""The APIREST response envelope: ``<Response><Status>…</Status>`` then the objects.

Shape from the seed and the captured real responses (contracts/onlineafspraken/captures):
Status holds APIVersion, Date (server wall time), Timestamp (Unix seconds) and the status
word; failures add Message and Code, lists add Stats. Objects sit in ``<Objects>`` or,
for some single getters, straight under ``<Response>`` (research §1.4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mockserver.providers.onlineafspraken.localtime import WallTime, fmt_datetime
from mockserver.providers.onlineafspraken.models import Elements
from mockserver.providers.onlineafspraken.xmltext import write, write_children

API_VERSION = "1.0"
MEDIA_TYPE = "text/xml; charset=UTF-8"
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

#: One object: its element name and its elements, or its text as written at its place (written.WrittenRecords).
Item = tuple[str, Elements] | str

#: Where objects sit: in ``<Objects>``, or straight under ``<Response>``.
OBJECT_DEPTH = 2
ROOT_DEPTH = 1


@dataclass(frozen=True)
class Stats:
    limit: int
    offset: int
    records: int
    total: int


@dataclass
class Reply:
    """What a method answers: objects in ``<Objects>``, objects at the root, and paging stats.

    ``objects`` None means no ``<Objects>`` element; an empty list also leaves it out (a real
    empty list has no ``<Objects>``, research §1.4).
    """

    objects: Sequence[Item] | None = None
    root: Sequence[Item] = ()
    stats: Stats | None = None


#: The document from its declaration to Status/Timestamp, by (summer time, second): every reply of a second shares it.
_HEADS: dict[tuple[bool, int], str] = {}


def _head(wall: WallTime, timestamp: float) -> str:
    seconds = int(timestamp // 1)
    key = (wall.summer_time, seconds)
    head = _HEADS.get(key)
    if head is None:
        if len(_HEADS) >= 4:
            # Only the clock's current second is asked for again: nothing older is worth keeping.
            _HEADS.clear()
        head = _HEADS[key] = (
            f"{DECLARATION}<Response>\n  <Status>\n"
            f"    <APIVersion>{API_VERSION}</APIVersion>\n"
            f"    <Date>{fmt_datetime(wall.local(seconds))}</Date>\n"
            f"    <Timestamp>{seconds}</Timestamp>\n"
        )
    return head


#: Status/Status of every successful call, written once.
_SUCCESS = "    <Status>success</Status>\n"


def _document(out: list[str], items: Sequence[Item], objects: Sequence[Item] | None) -> bytes:
    """``out`` (the document up to the end of Status' children), the root items, then ``<Objects>`` unless there
    are none."""
    out.append("  </Status>\n")
    for item in items:
        _write_item(out, ROOT_DEPTH, item)
    if objects:
        out.append("  <Objects>\n")
        for item in objects:
            _write_item(out, OBJECT_DEPTH, item)
        out.append("  </Objects>\n")
    out.append("</Response>\n")
    return "".join(out).encode("utf-8")


def _write_item(out: list[str], depth: int, item: Item) -> None:
    if isinstance(item, str):
        out.append(item)
    else:
        write(out, depth, item[0], item[1])


def success_document(reply: Reply, wall: WallTime, timestamp: float) -> bytes:
    out = [_head(wall, timestamp), _SUCCESS]
    if reply.stats is not None:
        stats = reply.stats
        elements = {"Limit": stats.limit, "Offset": stats.offset, "Records": stats.records, "TotalRecords": stats.total}
        write(out, 2, "Stats", elements)
    return _document(out, reply.root, reply.objects)


def failure_document(message: str, code: str, wall: WallTime, timestamp: float) -> bytes:
    """A failed call: the server time is always there, so a client can correct its salt."""
    out = [_head(wall, timestamp)]
    write_children(out, 2, {"Status": "failed", "Message": message, "Code": code})
    return _document(out, (), None)
