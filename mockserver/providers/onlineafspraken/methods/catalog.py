"""Agendas, appointment types, resources, fields and requiresConfirmation."""

from __future__ import annotations

from collections.abc import Iterable

from mockserver.providers.onlineafspraken.methods.registry import method
from mockserver.providers.onlineafspraken.params import Params
from mockserver.providers.onlineafspraken.store import OnlineAfsprakenStore
from mockserver.providers.onlineafspraken.written import Record
from mockserver.providers.onlineafspraken.xml import OBJECT_DEPTH, ROOT_DEPTH, Item, Reply


def objects(store: OnlineAfsprakenStore, name: str, records: Iterable[Record]) -> list[Item]:
    """Catalog records as objects in ``<Objects>``: each one's text written once (they never change)."""
    text = store.written.text
    return [text(record, name, OBJECT_DEPTH) for record in records]


@method("getAgendas")
def get_agendas(store: OnlineAfsprakenStore, params: Params) -> Reply:
    return Reply(objects=objects(store, "Agenda", store.list_agendas()))


@method("getAgenda")
def get_agenda(store: OnlineAfsprakenStore, params: Params) -> Reply:
    # The real server puts the single Agenda straight under <Response> (captures/getAgenda.xml).
    return Reply(root=[store.written.text(store.agenda(params.require_int("Id")), "Agenda", ROOT_DEPTH)])


@method("getAppointmentTypes")
def get_appointment_types(store: OnlineAfsprakenStore, params: Params) -> Reply:
    agenda_id = params.integer("AgendaId")
    if agenda_id is not None:
        store.agenda(agenda_id)
    return Reply(objects=objects(store, "AppointmentType", store.list_appointment_types(agenda_id)))


@method("getAppointmentType")
def get_appointment_type(store: OnlineAfsprakenStore, params: Params) -> Reply:
    # Unlike getAgenda, this single getter keeps <Objects> (captures/getAppointmentType.xml).
    kind = store.appointment_type(params.require_int("Id"))
    return Reply(objects=objects(store, "AppointmentType", [kind]))


@method("getResources")
def get_resources(store: OnlineAfsprakenStore, params: Params) -> Reply:
    agenda_id = params.integer("AgendaId")
    if agenda_id is not None:
        store.agenda(agenda_id)
    return Reply(objects=objects(store, "Resource", store.list_resources(agenda_id)))


@method("getResource")
def get_resource(store: OnlineAfsprakenStore, params: Params) -> Reply:
    # The seed's example signs "id8methodgetResource…"; the Resource sits at the root (captures).
    return Reply(root=[store.written.text(store.resource(params.require_int("id")), "Resource", ROOT_DEPTH)])


@method("getFields")
def get_fields(store: OnlineAfsprakenStore, params: Params) -> Reply:
    found = store.list_fields(params.require_int("AgendaId"), params.integer("AppointmentTypeId"))
    return Reply(objects=objects(store, "Field", found))


@method("requiresConfirmation")
def requires_confirmation(store: OnlineAfsprakenStore, params: Params) -> Reply:
    # Not documented publicly: the shape the public client (PyPI onlineafspraken 0.2.8,
    # RequiresConfirmationResponse) reads, Response/Required/Required.
    return Reply(root=[("Required", {"Required": int(store.requires_confirmation)})])
