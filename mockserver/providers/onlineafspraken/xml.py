"""The APIREST response envelope: ``<Response><Status>…</Status>`` then the objects.

Shape from the seed and the captured real responses (contracts/onlineafspraken/captures):
Status holds APIVersion, Date (server wall time), Timestamp (Unix seconds) and the status
word; failures add Message and Code, lists add Stats. Objects sit in ``<Objects>`` or,
for some single getters, straight under ``<Response>`` (research §1.4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from mockserver.providers.onlineafspraken.localtime import WallTime
from mockserver.providers.onlineafspraken.models import Elements
from mockserver.providers.onlineafspraken.xmltext import write

API_VERSION = "1.0"
MEDIA_TYPE = "text/xml; charset=UTF-8"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'

#: One object: its element name and its elements.
Item = tuple[str, Elements]


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
    root: Sequence[Item] = field(default_factory=list)
    stats: Stats | None = None


def _document(status: Elements, items: Sequence[Item], objects: Sequence[Item] | None) -> bytes:
    """``<Response>``: Status, the root items, then ``<Objects>`` unless there are none."""
    out = ["<Response>\n"]
    write(out, 1, "Status", status)
    for name, elements in items:
        write(out, 1, name, elements)
    if objects:
        out.append("  <Objects>\n")
        for name, elements in objects:
            write(out, 2, name, elements)
        out.append("  </Objects>\n")
    out.append("</Response>\n")
    return DECLARATION + "".join(out).encode("utf-8")


def _status(wall: WallTime, timestamp: float, word: str) -> Elements:
    return {
        "APIVersion": API_VERSION,
        "Date": wall.date_text(timestamp),
        "Timestamp": int(timestamp // 1),
        "Status": word,
    }


def success_document(reply: Reply, wall: WallTime, timestamp: float) -> bytes:
    status = _status(wall, timestamp, "success")
    if reply.stats is not None:
        stats = reply.stats
        status["Stats"] = {
            "Limit": stats.limit,
            "Offset": stats.offset,
            "Records": stats.records,
            "TotalRecords": stats.total,
        }
    return _document(status, reply.root, reply.objects)


def failure_document(message: str, code: str, wall: WallTime, timestamp: float) -> bytes:
    """A failed call: the server time is always there, so a client can correct its salt."""
    status = _status(wall, timestamp, "failed")
    status["Message"] = message
    status["Code"] = code
    return _document(status, (), None)
