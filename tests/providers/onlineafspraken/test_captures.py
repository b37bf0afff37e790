"""Each captured real response's request, replayed: the emulator answers in the same structure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from tests.providers.onlineafspraken.conftest import Api, objects

CAPTURES = Path(__file__).parent / "captures"

Shape = tuple[str, tuple[Any, ...]]


def shape(element: etree._Element) -> Shape:
    """Element names, order and nesting; a run of same-shaped siblings counts once (list lengths differ)."""
    children: list[Shape] = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        sub = shape(child)
        if not children or children[-1] != sub:
            children.append(sub)
    return element.tag, tuple(children)


def first_id(api: Api, method: str, tag: str) -> str:
    return objects(api.ok(method), tag)[0]["Id"]


# capture file -> how to build its request against the emulator's data
REQUESTS = {
    "getAgendas.xml": lambda api: ("getAgendas", {}),
    "getAgenda.xml": lambda api: ("getAgenda", {"id": first_id(api, "getAgendas", "Agenda")}),
    "getAppointmentTypes.xml": lambda api: ("getAppointmentTypes", {}),
    "getAppointmentType.xml": lambda api: (
        "getAppointmentType",
        {"id": first_id(api, "getAppointmentTypes", "AppointmentType")},
    ),
    "getResources.xml": lambda api: ("getResources", {}),
    "getResource.xml": lambda api: ("getResource", {"id": first_id(api, "getResources", "Resource")}),
}


def test_every_capture_has_a_replay() -> None:
    assert sorted(p.name for p in CAPTURES.glob("*.xml")) == sorted(REQUESTS)


@pytest.mark.parametrize("capture", sorted(REQUESTS))
def test_replayed_capture_matches_real_structure(shared_api: Api, capture: str) -> None:
    api = shared_api
    expected = etree.fromstring((CAPTURES / capture).read_bytes())
    method, params = REQUESTS[capture](api)
    actual = api.ok(method, **params)
    assert shape(actual) == shape(expected)


@pytest.mark.parametrize("capture", sorted(REQUESTS))
def test_replayed_capture_keeps_empty_values_as_empty_elements(shared_api: Api, capture: str) -> None:
    api = shared_api
    method, params = REQUESTS[capture](api)
    response = api.client.get("/onlineafspraken/APIREST", params=api.query(method, params))
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert b"/>" not in response.content  # <Code></Code>, never <Code/>, as in the captures
