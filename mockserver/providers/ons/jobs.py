"""Delayed export jobs (ours: the vendor documents 423 for delayed jobs but publishes no job route)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mockserver.providers.ons.config import Jobs
from mockserver.providers.ons.errors import ErrorEntry, Locked, NotFound
from mockserver.providers.ons.timefmt import format_timestamp


@dataclass
class ExportJob:
    """One export: what was asked, when, the records as they were, and how often it was polled."""

    id: int
    collection: str
    created: datetime
    records: list[dict[str, Any]]
    polls: int = 0

    def to_wire(self, status: str | None = None) -> dict[str, Any]:
        wire: dict[str, Any] = {"id": self.id, "collection": self.collection}
        if status is not None:
            wire["status"] = status
        wire["createdAt"] = format_timestamp(self.created)
        wire["recordCount"] = len(self.records)
        return wire


class ExportJobs:
    """A tenant's jobs; each is 423 Locked until enough polls or clock seconds have passed."""

    def __init__(self, rules: Jobs) -> None:
        self.rules = rules
        self._jobs: dict[int, ExportJob] = {}

    def __iter__(self) -> Iterator[ExportJob]:
        return iter(list(self._jobs.values()))

    def add(self, collection: str, records: list[dict[str, Any]], now: datetime) -> ExportJob:
        job = ExportJob(len(self._jobs) + 1, collection, now, records)
        self._jobs[job.id] = job
        return job

    def poll(self, job_id: int, now: datetime) -> ExportJob:
        """The job when ready; 423 Locked until then. Every poll counts."""
        job = self._jobs.get(job_id)
        if job is None:
            raise NotFound(f"export job {job_id} not found", field="id", value=job_id)
        rules = self.rules
        polls_before = job.polls
        job.polls += 1
        elapsed = (now - job.created).total_seconds()
        waiting_polls = rules.ready_after_polls is not None and polls_before < rules.ready_after_polls
        waiting_time = rules.ready_after_seconds is not None and elapsed < rules.ready_after_seconds
        both_set = rules.ready_after_polls is not None and rules.ready_after_seconds is not None
        # With both rules set, whichever is met first makes the job ready.
        not_ready = (waiting_polls and waiting_time) if both_set else (waiting_polls or waiting_time)
        if not_ready:
            # Ready by time alone: the seconds still to wait; ready by polls (or either): poll again soon.
            remaining = (rules.ready_after_seconds or 0) - elapsed
            retry_after = max(1, math.ceil(remaining)) if rules.ready_after_polls is None else 1
            raise Locked(
                f"export job {job_id} is not ready yet (poll {job.polls})",
                entries=[ErrorEntry(f"export job {job_id} is not ready yet", "id", str(job_id))],
                retry_after=retry_after,
            )
        return job
