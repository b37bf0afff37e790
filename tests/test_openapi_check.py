"""The answer checker the suite runs on every response: it finds what the document does not allow."""

from __future__ import annotations

from typing import Any

from tests.openapi_check import find_operation, problems

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "paths": {
        "/things/{id}": {
            "get": {
                "responses": {
                    "200": {
                        "description": "a thing",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}},
                            "application/xml": {"schema": {"$ref": "#/components/schemas/Thing"}},
                        },
                    },
                    "204": {"description": "nothing"},
                }
            }
        },
        "/things/special": {"get": {"operationId": "special", "responses": {"200": {"description": "ok"}}}},
    },
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "xml": {"name": "thing"},
                "required": ["id", "tags"],
                "properties": {
                    "id": {"type": "integer"},
                    "tags": {
                        "type": "array",
                        "xml": {"wrapped": True},
                        "items": {"type": "string", "xml": {"name": "tag"}},
                    },
                    "when": {"type": "string", "format": "date"},
                },
            }
        }
    },
}
GET_THING = DOCUMENT["paths"]["/things/{id}"]["get"]


def check(status: int, media: str | None, body: bytes) -> list[str]:
    return problems(DOCUMENT, GET_THING, status, media, body)


def test_literal_paths_win_over_templates() -> None:
    assert find_operation(DOCUMENT, "GET", "/things/special") is DOCUMENT["paths"]["/things/special"]["get"]
    assert find_operation(DOCUMENT, "GET", "/things/7") is GET_THING
    assert find_operation(DOCUMENT, "POST", "/things/7") is None


def test_a_described_answer_passes() -> None:
    assert check(200, "application/json", b'{"id": 1, "tags": ["a"], "when": "2026-03-02"}') == []
    assert check(200, "application/xml; charset=UTF-8", b"<thing><id>1</id><tags><tag>a</tag></tags></thing>") == []
    assert check(204, None, b"") == []


def test_an_undescribed_status_media_type_or_body_is_reported() -> None:
    assert check(500, "application/json", b"{}") == ["status 500 is not among ['200', '204']"]
    assert check(200, "text/html", b"<p/>") == [
        "media type 'text/html' is not among ['application/json', 'application/xml']"
    ]
    assert check(204, None, b"x") == ["status 204 is described without a body, got 1 bytes"]
    assert check(200, "application/json", b'{"id": "1", "tags": []}') == ['/id: "1" is not of type "integer"']
    assert check(200, "application/json", b'{"id": 1, "tags": [], "when": "x"}') == ['/when: "x" is not a "date"']


def test_xml_is_read_by_the_schema_s_xml_names() -> None:
    assert check(200, "application/xml", b"<other><id>1</id><tags/></other>") == [
        "root element <other>, the document says <thing>"
    ]
    assert check(200, "application/xml", b"<thing><id>x</id><tags/></thing>") == ['/id: "x" is not of type "integer"']
