"""The OnCrawl OpenAPI document: openapi.yaml beside this module, plus what any operation may answer.

A scenario may make any call answer 429 (with Retry-After) or 500; each comes in the envelope of
the call's path: v2 paths the ``{type, code, message, fields}`` body, every other path the v1 one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mockserver.core.openapi import operations, read_beside

V2 = "/api/v2/"
ANY_CALL = ("429", "500")


def document() -> dict[str, Any]:
    found = read_beside(Path(__file__).parent)
    assert found is not None, "openapi.yaml is shipped beside this module"
    for path, _, operation in operations(found):
        envelope = "V2Error" if path.startswith(V2) else "V1Error"
        for status in ANY_CALL:
            operation["responses"].setdefault(status, {"$ref": f"#/components/responses/{envelope}"})
    return found
