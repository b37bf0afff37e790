"""Reading an Onix request: the JSON body (size-limited, JSON only) and the ``languageCode`` query."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request

from mockserver.core.bodies import BodyTooLarge, read_limited
from mockserver.providers.onix.errors import PayloadTooLarge, UnsupportedMediaType, ValidationFailed
from mockserver.providers.onix.labels import DEFAULT_LANGUAGE, LANGUAGE_CODES

#: A missing body, as ASP.NET words it for a required [FromBody] model.
EMPTY_BODY = "A non-empty request body is required."


async def json_body(request: Request, limit: int) -> Any:
    """The parsed JSON body: 415 unless the body is JSON, 400 (keyed ``$``) when it does not parse."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise UnsupportedMediaType()
    try:
        raw = await read_limited(request.stream(), request.headers.get("content-length"), limit)
    except BodyTooLarge:
        raise PayloadTooLarge() from None
    if not raw.strip():
        raise ValidationFailed(errors={"": [EMPTY_BODY]})
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ValidationFailed(errors={"$": [f"The request body is not valid JSON: {exc.msg}."]}) from None


def language_code(request: Request) -> int:
    """``languageCode`` from the query: English when left out; one of 0, 1, 3, 4, 7 otherwise."""
    text = request.query_params.get("languageCode")
    if text is None or text == "":
        return DEFAULT_LANGUAGE
    try:
        code = int(text)
    except ValueError:
        raise ValidationFailed(errors={"languageCode": [f"The value '{text}' is not valid."]}) from None
    if code not in LANGUAGE_CODES:
        raise ValidationFailed(errors={"languageCode": ["LanguageCode is invalid"]})
    return code
