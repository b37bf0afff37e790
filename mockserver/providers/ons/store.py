"""OnsStore: one tenant's clients, employees, teams, locations, care plans and export jobs.

Stores never import FastAPI: they take typed values and raise the vendor's errors.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from mockserver.core import seeding
from mockserver.core.clock import Clock
from mockserver.core.persist import SavedFields
from mockserver.core.state import StoreContext
from mockserver.providers.ons.care_plans import CarePlanRules
from mockserver.providers.ons.config import OnsConfig
from mockserver.providers.ons.errors import BadRequest, Conflict, NotFound
from mockserver.providers.ons.jobs import ExportJob, ExportJobs
from mockserver.providers.ons.models import RESOURCES, Resource, missing_required, to_wire
from mockserver.providers.ons.rendered import RenderCache
from mockserver.providers.ons.seed import derive_person, seed_store
from mockserver.providers.ons.timefmt import format_timestamp, truncate_millis

STREAMED = ("clients", "employees", "teams", "locations")
COLLECTIONS = (*STREAMED, "care_plans", "exports")


class OnsStore(CarePlanRules, SavedFields):
    """All of one tenant's data; every method either returns typed records or raises an OnsError."""

    SAVED = ("_data", "_memberships", "_changed", "_tombstones", "_next_id", "_ids", "_jobs._jobs")

    def __init__(self, seed: int, tenant: str, clock: Clock, config: OnsConfig) -> None:
        self.tenant = tenant
        self.clock = clock
        self.config = config
        self.lock = threading.RLock()
        self._ids = seeding.rng(seed, "ons", tenant, "created")
        # The records hold no cycles: the cycle collector would only rescan them while they are made.
        with seeding.collector_paused():
            start = seed_store(seed, tenant, config, self.now())
            self._data: dict[str, dict[int, dict[str, Any]]] = {
                "clients": {r["id"]: r for r in start.clients},
                "employees": {r["id"]: r for r in start.employees},
                "teams": {r["id"]: r for r in start.teams},
                "locations": {r["id"]: r for r in start.locations},
                "care_plans": {r["id"]: r for r in start.care_plans},
            }
            self._memberships = start.memberships
            # When each record last changed (teams carry no updatedAt of their own).
            self._changed: dict[str, dict[int, datetime]] = {
                name: {rid: self._stamp_of(name, r) for rid, r in records.items()}
                for name, records in self._data.items()
            }
            self._tombstones: dict[str, list[tuple[dict[str, Any], datetime]]] = {
                name: list(start.tombstones.get(name, [])) for name in STREAMED
            }
            self._next_id: dict[str, int] = {
                name: max([*records, *(r["id"] for r, _ in self._tombstones.get(name, [])), 1000]) + 1
                for name, records in self._data.items()
            }
            self._jobs = ExportJobs(config.jobs)
            # collection -> field -> value -> ids; dropped on every write to the collection.
            self._indexes: dict[str, dict[str, dict[Any, list[int]]]] = {}
            #: The records' response bytes, cleared on every write.
            self.renders = RenderCache()
            for employee in start.employees:
                employee["teamName"] = self._team_name(employee["id"])

    def after_load(self) -> None:
        self._indexes = {}
        self.renders.clear()

    # -- plumbing -----------------------------------------------------------------

    def now(self) -> datetime:
        return truncate_millis(self.clock.now())

    @staticmethod
    def _stamp_of(collection: str, record: dict[str, Any]) -> datetime:
        stamp = record.get("updatedAt") or record.get("createdAt") or record.get("beginDate")
        return stamp if isinstance(stamp, datetime) else datetime(2000, 1, 1, tzinfo=UTC)

    def collections(self) -> list[str]:
        return list(COLLECTIONS)

    def dump(self, collection: str) -> list[dict[str, Any]] | None:
        """Records as the API renders them, plus fields the API keeps but never shows (the BSN)."""
        with self.lock:
            if collection == "exports":
                return [job.to_wire() | {"polls": job.polls} for job in self._jobs]
            records = self._data.get(collection)
            if records is None:
                return None
            resource = RESOURCES[collection]
            out = []
            for record in records.values():
                wire = to_wire(resource, record)
                if record.get("bsn"):
                    wire["bsn"] = record["bsn"]
                out.append(wire)
            return out

    def _get(self, collection: str, record_id: int) -> dict[str, Any]:
        record = self._data[collection].get(record_id)
        if record is None:
            raise NotFound(f"{RESOURCES[collection].element} {record_id} not found", field="id", value=record_id)
        return record

    def get(self, collection: str, record_id: int) -> dict[str, Any]:
        return self._get(collection, record_id)

    def multiple(self, collection: str, ids: Iterable[int]) -> list[dict[str, Any]]:
        """Records for the ids that exist, in the order asked; unknown ids are left out."""
        records = self._data[collection]
        seen: set[int] = set()
        out = []
        for record_id in ids:
            if record_id in records and record_id not in seen:
                seen.add(record_id)
                out.append(records[record_id])
        return out

    def all(self, collection: str) -> list[dict[str, Any]]:
        with self.lock:
            return list(self._data[collection].values())

    def _touch(self, collection: str, record: dict[str, Any], now: datetime) -> None:
        if "updatedAt" in RESOURCES[collection].by_name:
            record["updatedAt"] = now
        self._mark(collection, record["id"], now)

    def _mark(self, collection: str, record_id: int, now: datetime) -> None:
        """Note a write: the updates stream sees it, lookups re-index the collection, renders start afresh."""
        self._changed[collection][record_id] = now
        self._indexes.pop(collection, None)
        self.renders.clear()

    def _lookup(self, collection: str, field: str, value: Any) -> list[dict[str, Any]]:
        """Records whose ``field`` equals ``value``, by an index built on first use after a write."""
        with self.lock:
            by_field = self._indexes.setdefault(collection, {})
            index = by_field.get(field)
            if index is None:
                index = {}
                for record in self._data[collection].values():
                    key = record.get(field)
                    if key is not None:
                        index.setdefault(key, []).append(record["id"])
                by_field[field] = index
            records = self._data[collection]
            return [records[i] for i in index.get(value, ()) if i in records]

    def _new_id(self, collection: str) -> int:
        record_id = self._next_id[collection]
        self._next_id[collection] = record_id + 1
        return record_id

    @staticmethod
    def _check_id_matches(values: dict[str, Any], record_id: int) -> None:
        given = values.pop("id", None)
        if given is not None and given != record_id:
            raise BadRequest("id in the body does not match the id in the path", field="id", value=given)

    @staticmethod
    def _check_fresh(resource: Resource, record: dict[str, Any], values: dict[str, Any]) -> None:
        """409 when the body was read before another call changed the record (seed: "changed by another call")."""
        given = values.pop("updatedAt", None)
        stored = record.get("updatedAt")
        if given is not None and isinstance(stored, datetime) and given < stored:
            raise Conflict(
                f"{resource.element} {record['id']} was changed by another call at {format_timestamp(stored)}",
                field="updatedAt",
                value=format_timestamp(given),
            )

    def _unique_identification_no(self, collection: str, number: Any, own_id: int | None) -> bool:
        if number in (None, ""):
            return True
        return all(r["id"] == own_id for r in self._lookup(collection, "identificationNo", number))

    # -- clients and employees ----------------------------------------------------

    def _find_one(self, collection: str, field: str, value: str) -> dict[str, Any]:
        found = self._lookup(collection, field, value)
        if found:
            return found[0]
        element = RESOURCES[collection].element
        raise NotFound(f"no {element} with {field} {value!r}", field=field, value=value)

    def by_identification_no(self, collection: str, number: str) -> dict[str, Any]:
        return self._find_one(collection, "identificationNo", number)

    def by_uuid(self, collection: str, value: str) -> dict[str, Any]:
        return self._find_one(collection, "uuid", value)

    def client_by_bsn(self, bsn: str) -> dict[str, Any]:
        found = self._lookup("clients", "bsn", bsn)
        if not found:
            raise NotFound(f"no client with bsn {bsn!r}", field="bsn", value=bsn)
        if len(found) > 1:
            # contracts/ons/client.yml: 409 "If multiple clients are registered with the same BSN".
            raise Conflict(f"{len(found)} clients are registered with bsn {bsn!r}", field="bsn", value=bsn)
        return found[0]

    def create_person(self, collection: str, values: dict[str, Any]) -> dict[str, Any]:
        resource = RESOURCES[collection]
        values = dict(values)
        values.pop("id", None)
        values.pop("updatedAt", None)
        if not values.get("birthName") and values.get("lastName"):
            # The vendor's schema (contracts/ons/client.yml, employee.yml) marks neither name required;
            # a connector that sends only lastName gets it as the birth name too.
            values["birthName"] = values["lastName"]
        problems = missing_required(resource, values)
        if problems:
            raise BadRequest(entries=problems)
        with self.lock:
            number = values.get("identificationNo")
            if not self._unique_identification_no(collection, number, None):
                # seeds/ons-api-properties.txt: 409 on POST when "the given resource already exists".
                raise Conflict(
                    f"a {resource.element} with identificationNo {number!r} already exists",
                    field="identificationNo",
                    value=number,
                )
            record_id = self._new_id(collection)
            now = self.now()
            if not number:
                values["identificationNo"] = str(100000 + record_id) if collection == "clients" else f"M{record_id:05d}"
            derive_person(values)
            values.setdefault("uuid", seeding.uuid_from(self._ids))
            record = {"id": record_id, **values, "createdAt": now, "updatedAt": now}
            if collection == "clients":
                record.setdefault("careAllocations", [])
                record.setdefault("secretClient", False)
            else:
                record.setdefault("unknownEmployee", False)
                record.setdefault("type", 0)
                self._memberships.setdefault(record_id, [])
            self._data[collection][record_id] = record
            self._mark(collection, record_id, now)
            return record

    def update_person(self, collection: str, record_id: int, values: dict[str, Any]) -> dict[str, Any]:
        resource = RESOURCES[collection]
        values = dict(values)
        with self.lock:
            record = self._get(collection, record_id)
            self._check_id_matches(values, record_id)
            self._check_fresh(resource, record, values)
            number = values.get("identificationNo")
            if not self._unique_identification_no(collection, number, record_id):
                # contracts/ons/client.yml: PUT answers 400 when the identification number already exists.
                raise BadRequest(
                    f"identificationNo {number!r} already belongs to another {resource.element}",
                    field="identificationNo",
                    value=number,
                )
            record.update(values)
            self._touch(collection, record, self.now())
            return record

    def employee_teams(self, employee_id: int, valid_from: date | None, valid_to: date | None) -> list[dict[str, Any]]:
        """Teams the employee belongs to at some moment between the two dates (either may be open)."""
        self._get("employees", employee_id)
        teams = self._data["teams"]
        out = []
        for team_id, begin, end in self._memberships.get(employee_id, []):
            if valid_to is not None and begin > valid_to:
                continue
            if valid_from is not None and end is not None and end < valid_from:
                continue
            if team_id in teams:
                out.append(teams[team_id])
        return out

    def _team_name(self, employee_id: int) -> str | None:
        for team_id, _, _ in self._memberships.get(employee_id, []):
            team = self._data["teams"].get(team_id)
            if team is not None:
                return team.get("name")
        return None

    # -- teams and locations ----------------------------------------------------------

    def team_by_code(self, code: str) -> dict[str, Any]:
        return self._find_one("teams", "identificationNo", code)

    def _location_parent(self, parent_id: Any, own_id: int | None) -> dict[str, Any]:
        if parent_id in (None, 0):
            # contracts/ons/location.yml: "Creating a root location is not allowed".
            raise BadRequest(
                "parentObjectId is required: creating a root location is not allowed", field="parentObjectId"
            )
        parent = self._data["locations"].get(parent_id)
        if parent is None or parent_id == own_id:
            raise BadRequest(
                f"no location with id {parent_id} to be the parent", field="parentObjectId", value=parent_id
            )
        return parent

    def create_location(self, values: dict[str, Any]) -> dict[str, Any]:
        values = dict(values)
        values.pop("id", None)
        values.pop("updatedAt", None)
        problems = missing_required(RESOURCES["locations"], values)
        if problems:
            raise BadRequest(entries=problems)
        with self.lock:
            parent = self._location_parent(values["parentObjectId"], None)
            record_id = self._new_id("locations")
            now = self.now()
            record = {
                "id": record_id,
                "beginDate": now,
                "identificationNo": str(record_id),
                "capacity": 0,
                "icon": 0,
                **values,
                "materializedPath": f"{parent.get('materializedPath', parent['id'])}.{record_id}",
                "createdAt": now,
                "updatedAt": now,
            }
            self._data["locations"][record_id] = record
            self._mark("locations", record_id, now)
            return record

    def update_location(self, record_id: int, values: dict[str, Any]) -> dict[str, Any]:
        values = dict(values)
        with self.lock:
            record = self._get("locations", record_id)
            self._check_id_matches(values, record_id)
            self._check_fresh(RESOURCES["locations"], record, values)
            if "parentObjectId" in values and values["parentObjectId"] != record.get("parentObjectId"):
                parent = self._location_parent(values["parentObjectId"], record_id)
                record["materializedPath"] = f"{parent.get('materializedPath', parent['id'])}.{record_id}"
            record.update(values)
            self._touch("locations", record, self.now())
            return record

    # -- streams --------------------------------------------------------------------------

    def updated_since(self, collection: str, since: datetime) -> list[dict[str, Any]]:
        """Records created or changed at or after ``since``, oldest change first."""
        with self.lock:
            changed = self._changed[collection]
            records = self._data[collection]
            hits = sorted((stamp, rid) for rid, stamp in changed.items() if stamp >= since and rid in records)
            return [records[rid] for _, rid in hits]

    def deleted_since(self, collection: str, since: datetime) -> list[dict[str, Any]]:
        """The last state of records deleted at or after ``since``, oldest deletion first."""
        with self.lock:
            hits = sorted(
                ((when, record) for record, when in self._tombstones[collection] if when >= since),
                key=lambda pair: (pair[0], pair[1]["id"]),
            )
            return [record for _, record in hits]

    def delete_record(self, collection: str, record_id: int) -> None:
        """Remove a streamed record and leave a tombstone stamped with the clock (for scenarios and tests)."""
        with self.lock:
            record = self._get(collection, record_id)
            del self._data[collection][record_id]
            self._changed[collection].pop(record_id, None)
            self._indexes.pop(collection, None)
            self.renders.clear()
            self._tombstones[collection].append((record, self.now()))

    # -- delayed export jobs --------------------------------------------------------------

    def create_export(self, collection: str) -> ExportJob:
        if collection not in STREAMED:
            raise BadRequest(
                f"cannot export {collection!r}; valid: {', '.join(STREAMED)}", field="collection", value=collection
            )
        with self.lock:
            resource = RESOURCES[collection]
            records = [to_wire(resource, r) for r in self._data[collection].values()]
            return self._jobs.add(collection, copy.deepcopy(records), self.now())

    def poll_export(self, job_id: int) -> ExportJob:
        """The job when ready; 423 Locked until the configured polls or seconds have passed."""
        with self.lock:
            return self._jobs.poll(job_id, self.now())


def make_store(ctx: StoreContext) -> OnsStore:
    return OnsStore(ctx.seed, ctx.tenant, ctx.clock, ctx.config)
