"""Catalog records written once per store: the same bytes on every call, new text for restored records."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from mockserver.providers.onlineafspraken.models import Agenda, AppointmentType, Elements, Field, Resource
from mockserver.providers.onlineafspraken.written import WrittenRecords
from tests.providers.onlineafspraken.conftest import ENDPOINT, Api, objects

CATALOG_CALLS = [
    ("getAgendas", {}),
    ("getAgenda", {"Id": 270}),
    ("getResources", {}),
    ("getResource", {"id": 620}),
    ("getAppointmentTypes", {"AgendaId": 270}),
    ("getAppointmentType", {"Id": 1810}),
    ("getFields", {"AgendaId": 270}),
]


@pytest.mark.parametrize(("method", "params"), CATALOG_CALLS, ids=[m for m, _ in CATALOG_CALLS])
def test_catalog_getters_answer_the_same_bytes_on_every_call(api: Api, method: str, params: dict[str, Any]) -> None:
    query = api.query(method, params)
    first, second = (api.client.get(ENDPOINT, params=query) for _ in range(2))
    assert b"<Status>success</Status>" in first.content
    assert second.content == first.content


def test_a_restored_snapshot_with_a_renamed_agenda_is_answered_with_the_new_name(api: Api) -> None:
    assert objects(api.ok("getAgendas"), "Agenda")[0]["Name"] == "Praktijk Centrum"
    document = api.client.get("/__admin/snapshot").json()
    agenda = document["stores"]["onlineafspraken"]["default"]["agendas"]["$map"][0][1]["fields"]
    agenda["name"] = "Praktijk Noord & Zuid"
    assert api.client.put("/__admin/snapshot", json=document).status_code == 200
    assert objects(api.ok("getAgendas"), "Agenda")[0]["Name"] == "Praktijk Noord & Zuid"
    assert api.ok("getAgenda", Id=270).findtext("Agenda/Name") == "Praktijk Noord & Zuid"


class Counted:
    """A record that counts how often its elements are asked for."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.asked = 0

    def elements(self) -> Elements:
        self.asked += 1
        return {"Id": 1, "Name": self.name}


def test_a_record_is_written_once_for_each_depth() -> None:
    written, record = WrittenRecords(), Counted("A & B")
    inner = written.text(record, "Agenda", 2)
    assert inner == "    <Agenda>\n      <Id>1</Id>\n      <Name>A &amp; B</Name>\n    </Agenda>\n"
    assert written.text(record, "Agenda", 2) is inner
    assert record.asked == 1
    assert written.text(record, "Agenda", 1) == "  <Agenda>\n    <Id>1</Id>\n    <Name>A &amp; B</Name>\n  </Agenda>\n"
    assert record.asked == 2
    assert len(written) == 2


def test_each_record_keeps_its_own_text() -> None:
    written, first, second = WrittenRecords(), Counted("first"), Counted("second")
    for _ in range(2):
        assert "<Name>first</Name>" in written.text(first, "Agenda", 2)
        assert "<Name>second</Name>" in written.text(second, "Agenda", 2)
    assert (first.asked, second.asked, len(written)) == (1, 1, 2)


def test_an_entry_is_served_only_for_the_record_it_holds() -> None:
    # An id can be reused once its object is gone: an entry left under that id must not answer for the newcomer.
    written, gone, newcomer = WrittenRecords(), Counted("gone"), Counted("new")
    written._entries[(id(newcomer), "Agenda", 2)] = (gone, "stale")
    assert "<Name>new</Name>" in written.text(newcomer, "Agenda", 2)
    assert newcomer.asked == 1


def test_written_records_start_afresh_past_their_limit() -> None:
    written = WrittenRecords(max_entries=2)
    first, second, third = Counted("1"), Counted("2"), Counted("3")
    for record in (first, second, third):
        written.text(record, "Agenda", 2)
    assert len(written) == 1
    written.text(first, "Agenda", 2)
    assert first.asked == 2


@pytest.mark.parametrize(
    "record",
    [
        Agenda(1, "A", {}),
        Resource(1, 1, "R"),
        AppointmentType(1, 1, "T", 30),
        Field(1, "Label", "Key"),
    ],
    ids=lambda r: type(r).__name__,
)
def test_catalog_records_cannot_change_in_place(record: object) -> None:
    # Their written text is kept by identity: a changed record must be a new object.
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.id = 2  # type: ignore[attr-defined]
