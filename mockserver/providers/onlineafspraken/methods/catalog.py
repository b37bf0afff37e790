"""Agendas, appointment types, resources, fields and requiresConfirmation."""

from __future__ import annotations

from mockserver.providers.onlineafspraken.methods.registry import method
from mockserver.providers.onlineafspraken.params import Params
from mockserver.providers.onlineafspraken.store import OnlineAfsprakenStore
from mockserver.providers.onlineafspraken.xml import Reply


@method("getAgendas")
def get_agendas(store: OnlineAfsprakenStore, params: Params) -> Reply:
    return Reply(objects=[("Agenda", a.elements()) for a in store.list_agendas()])


@method("getAgenda")
def get_agenda(store: OnlineAfsprakenStore, params: Params) -> Reply:
    # The real server puts the single Agenda straight under <Response> (captures/getAgenda.xml).
    return Reply(root=[("Agenda", store.agenda(params.require_int("Id")).elements())])


@method("getAppointmentTypes")
def get_appointment_types(store: OnlineAfsprakenStore, params: Params) -> Reply:
    agenda_id = params.integer("AgendaId")
    if agenda_id is not None:
        store.agenda(agenda_id)
    return Reply(objects=[("AppointmentType", t.elements()) for t in store.list_appointment_types(agenda_id)])


@method("getAppointmentType")
def get_appointment_type(store: OnlineAfsprakenStore, params: Params) -> Reply:
    # Unlike getAgenda, this single getter keeps <Objects> (captures/getAppointmentType.xml).
    kind = store.appointment_type(params.require_int("Id"))
    return Reply(objects=[("AppointmentType", kind.elements())])


@method("getResources")
def get_resources(store: OnlineAfsprakenStore, params: Params) -> Reply:
    agenda_id = params.integer("AgendaId")
    if agenda_id is not None:
        store.agenda(agenda_id)
    return Reply(objects=[("Resource", r.elements()) for r in store.list_resources(agenda_id)])


@method("getResource")
def get_resource(store: OnlineAfsprakenStore, params: Params) -> Reply:
    # The seed's example signs "id8methodgetResource…"; the Resource sits at the root (captures).
    return Reply(root=[("Resource", store.resource(params.require_int("id")).elements())])


@method("getFields")
def get_fields(store: OnlineAfsprakenStore, params: Params) -> Reply:
    found = store.list_fields(params.require_int("AgendaId"), params.integer("AppointmentTypeId"))
    return Reply(objects=[("Field", f.elements()) for f in found])


@method("requiresConfirmation")
def requires_confirmation(store: OnlineAfsprakenStore, params: Params) -> Reply:
    # Not documented publicly: the shape the public client (PyPI onlineafspraken 0.2.8,
    # RequiresConfirmationResponse) reads, Response/Required/Required.
    return Reply(root=[("Required", {"Required": int(store.requires_confirmation)})])
