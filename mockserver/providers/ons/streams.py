"""x-stream-connect: every record written out incrementally as a JSON wrapper, NDJSON or XML.

contracts/ons/*.yml: the stream takes no paging parameters and produces
application/json (the list wrapper) or application/x-ndjson (one object a line);
seeds/ons-api-properties.txt names the ``data.xml`` form.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

from starlette.responses import StreamingResponse

from mockserver.core.render import json_bytes
from mockserver.providers.ons import respond, xml
from mockserver.providers.ons.models import Resource, to_wire

#: Records per chunk: small enough that the first bytes leave at once, large enough to be cheap.
BATCH = 50


async def chunks(resource: Resource, records: Sequence[Mapping[str, Any]], media: str) -> AsyncIterator[bytes]:
    """The body in pieces: an opening, one chunk per batch of records, a closing."""
    if media == respond.NDJSON:
        for start in range(0, len(records), BATCH):
            yield b"".join(json_bytes(to_wire(resource, r)) + b"\n" for r in records[start : start + BATCH])
        return
    if respond.is_xml(media):
        yield xml.XML_DECLARATION + f"<{resource.plural}>".encode()
        for start in range(0, len(records), BATCH):
            yield b"".join(
                xml.element_bytes(resource.element, to_wire(resource, r)) for r in records[start : start + BATCH]
            )
        yield f"</{resource.plural}>".encode()
        return
    yield b'{"' + resource.plural.encode() + b'":['
    for start in range(0, len(records), BATCH):
        batch = b",".join(json_bytes(to_wire(resource, r)) for r in records[start : start + BATCH])
        yield (b"," if start else b"") + batch
    yield b"]}"


def stream_response(resource: Resource, records: Sequence[Mapping[str, Any]], media: str) -> StreamingResponse:
    """A chunked response over a snapshot of ``records`` taken when the request arrived."""
    snapshot = list(records)
    return StreamingResponse(chunks(resource, snapshot, media), media_type=respond.CONTENT_TYPES[media])
