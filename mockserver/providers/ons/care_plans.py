"""Care plan rules of the store: one DRAFT per client, DRAFT → ACTIVE → OLD, deletes of drafts only."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from mockserver.providers.ons.errors import BadRequest, Conflict
from mockserver.providers.ons.models import CARE_PLAN, Resource, missing_required


class CarePlanRules:
    """Mixed into OnsStore; works on the store's collections."""

    lock: threading.RLock
    _data: dict[str, dict[int, dict[str, Any]]]
    _changed: dict[str, dict[int, datetime]]
    now: Callable[[], datetime]
    _get: Callable[[str, int], dict[str, Any]]
    _new_id: Callable[[str], int]
    _touch: Callable[[str, dict[str, Any], datetime], None]
    _check_id_matches: Callable[[dict[str, Any], int], None]
    _check_fresh: Callable[[Resource, dict[str, Any], dict[str, Any]], None]

    def client_care_plans(self, client_id: int) -> list[dict[str, Any]]:
        self._get("clients", client_id)
        return [p for p in self._data["care_plans"].values() if p.get("clientId") == client_id]

    def client_care_plan(self, client_id: int, status: str) -> dict[str, Any] | None:
        """The client's ACTIVE or DRAFT plan, or None (the API answers 204 then)."""
        for plan in self.client_care_plans(client_id):
            if plan.get("status") == status:
                return plan
        return None

    def _new_care_plan(self, client_id: int, employee_id: int | None, values: dict[str, Any]) -> dict[str, Any]:
        if self.client_care_plan(client_id, "DRAFT") is not None:
            raise Conflict(f"client {client_id} already has a draft care plan", field="clientId", value=client_id)
        record_id = self._new_id("care_plans")
        now = self.now()
        record = {
            **values,
            "id": record_id,
            "clientId": client_id,
            "employeeId": employee_id,
            "carePlanEntries": [],
            "status": "DRAFT",
            "createdAt": now,
            "updatedAt": now,
            "createdBy": "connector",
        }
        self._data["care_plans"][record_id] = record
        self._changed["care_plans"][record_id] = now
        return record

    def create_care_plan(self, values: dict[str, Any]) -> dict[str, Any]:
        values = dict(values)
        values.pop("id", None)
        values.pop("updatedAt", None)
        problems = missing_required(CARE_PLAN, values)
        if problems:
            raise BadRequest(entries=problems)
        status = values.pop("status", None)
        if status not in (None, "DRAFT"):
            raise BadRequest("a care plan is created as DRAFT; activate it afterwards", field="status", value=status)
        with self.lock:
            client_id = values.pop("clientId")
            if client_id not in self._data["clients"]:
                raise BadRequest(f"no client with id {client_id}", field="clientId", value=client_id)
            employee_id = values.pop("employeeId", None)
            if employee_id is not None and employee_id not in self._data["employees"]:
                raise BadRequest(f"no employee with id {employee_id}", field="employeeId", value=employee_id)
            return self._new_care_plan(client_id, employee_id, values)

    def new_care_plan_for_client(self, client_id: int) -> dict[str, Any]:
        with self.lock:
            self._get("clients", client_id)
            return self._new_care_plan(client_id, None, {})

    def update_care_plan(self, record_id: int, values: dict[str, Any]) -> dict[str, Any]:
        values = dict(values)
        with self.lock:
            record = self._get("care_plans", record_id)
            self._check_id_matches(values, record_id)
            self._check_fresh(CARE_PLAN, record, values)
            status = values.pop("status", None)
            if status is not None and status != record["status"]:
                # contracts/ons/careplan.yml: 400 "Cannot update a careplan between statuses".
                raise BadRequest(
                    f"cannot update a care plan between statuses ({record['status']} to {status}); "
                    "use /activate or /archive",
                    field="status",
                    value=status,
                )
            client_id = values.pop("clientId", record["clientId"])
            if client_id != record["clientId"]:
                raise BadRequest("a care plan cannot move to another client", field="clientId", value=client_id)
            employee_id = values.get("employeeId")
            if employee_id is not None and employee_id not in self._data["employees"]:
                raise BadRequest(f"no employee with id {employee_id}", field="employeeId", value=employee_id)
            record.update(values)
            self._touch("care_plans", record, self.now())
            return record

    def delete_care_plan(self, record_id: int) -> None:
        with self.lock:
            record = self._get("care_plans", record_id)
            if record["status"] != "DRAFT":
                raise BadRequest(
                    f"only a DRAFT care plan can be deleted; this one is {record['status']}",
                    field="status",
                    value=record["status"],
                )
            del self._data["care_plans"][record_id]
            self._changed["care_plans"].pop(record_id, None)

    def activate_care_plan(self, record_id: int) -> dict[str, Any]:
        """DRAFT → ACTIVE; the client's previous ACTIVE plan becomes OLD."""
        with self.lock:
            record = self._get("care_plans", record_id)
            if record["status"] != "DRAFT":
                raise BadRequest(
                    f"only a DRAFT care plan can be activated; this one is {record['status']}",
                    field="status",
                    value=record["status"],
                )
            now = self.now()
            previous = self.client_care_plan(record["clientId"], "ACTIVE")
            if previous is not None:
                previous["status"] = "OLD"
                previous["endDate"] = now
                self._touch("care_plans", previous, now)
            record["status"] = "ACTIVE"
            record["beginDate"] = record.get("beginDate") or now
            self._touch("care_plans", record, now)
            return record

    def archive_care_plan(self, record_id: int) -> dict[str, Any]:
        """ACTIVE → OLD."""
        with self.lock:
            record = self._get("care_plans", record_id)
            if record["status"] != "ACTIVE":
                raise BadRequest(
                    f"only an ACTIVE care plan can be archived; this one is {record['status']}",
                    field="status",
                    value=record["status"],
                )
            now = self.now()
            record["status"] = "OLD"
            record["endDate"] = now
            self._touch("care_plans", record, now)
            return record
