"""A crawl's life on the virtual clock: running until its time is up, paused, resumed, cancelled, done.

Nothing runs in the background: a crawl keeps when it started and how long it takes, and its
status is worked out from the clock whenever it is read (so moving the clock finishes crawls).
Pilot commands are not documented publicly (OC-PHP sends ``{"command": ...}``); this emulator
takes ``pause``, ``resume`` and ``cancel``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mockserver.providers.oncrawl.errors import InvalidRequestParameters, InvalidStateForRequest, field_error

COMMANDS = ("pause", "resume", "cancel")


@dataclass
class Crawl:
    id: str
    project_id: str
    workspace_id: str
    config: dict[str, Any]
    pages: int
    created_at: int  # ms
    duration_ms: int
    status: str = "running"  # running | paused | done
    end_reason: str | None = None
    ended_at: int | None = None
    #: Time already crawled before the current run (pauses split a crawl into runs).
    done_ms: int = 0
    run_started: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def finished(cls, *, ended_at: int, duration_ms: int, **kwargs: Any) -> Crawl:
        crawl = cls(created_at=ended_at - duration_ms, duration_ms=duration_ms, **kwargs)
        crawl.status, crawl.end_reason, crawl.ended_at, crawl.done_ms = "done", "success", ended_at, duration_ms
        return crawl

    @classmethod
    def launched(cls, *, now: int, duration_ms: int, **kwargs: Any) -> Crawl:
        return cls(created_at=now, duration_ms=duration_ms, run_started=now, **kwargs)

    def refresh(self, now: int) -> None:
        """Finish the crawl if its time ran out while nobody looked."""
        if self.status == "running" and self.done_ms + (now - self.run_started) >= self.duration_ms:
            self.ended_at = self.run_started + (self.duration_ms - self.done_ms)
            self.done_ms = self.duration_ms
            self.status, self.end_reason = "done", "success"

    def elapsed(self, now: int) -> int:
        self.refresh(now)
        running = now - self.run_started if self.status == "running" else 0
        return min(self.duration_ms, self.done_ms + running)

    def fetched(self, now: int) -> int:
        if self.status == "done" and self.end_reason == "success":
            return self.pages
        return self.pages * self.elapsed(now) // max(self.duration_ms, 1)

    def pilot(self, command: Any, now: int) -> None:
        self.refresh(now)
        if command not in COMMANDS:
            message = f"command must be one of {', '.join(COMMANDS)}"
            raise InvalidRequestParameters(message, fields=[field_error("command", message)])
        if self.status == "done":
            raise InvalidStateForRequest(f"crawl {self.id} is already done; it cannot be piloted")
        if command == "pause":
            if self.status != "running":
                raise InvalidStateForRequest(f"crawl {self.id} is {self.status}, not running")
            self.done_ms += now - self.run_started
            self.status = "paused"
        elif command == "resume":
            if self.status != "paused":
                raise InvalidStateForRequest(f"crawl {self.id} is {self.status}, not paused")
            self.status, self.run_started = "running", now
        else:
            self.done_ms = self.elapsed(now)
            self.status, self.end_reason, self.ended_at = "done", "cancelled", now

    def view(self, now: int) -> dict[str, Any]:
        self.refresh(now)
        return {
            "id": self.id,
            "project_id": self.project_id,
            "workspace_id": self.workspace_id,
            "status": self.status,
            "end_reason": self.end_reason,
            "link_status": "live" if self.status == "done" else None,
            "created_at": self.created_at,
            "ended_at": self.ended_at,
            "fetched_urls": self.fetched(now),
            "crawl_config": dict(self.config),
            **self.extra,
        }

    def progress(self, now: int) -> dict[str, Any]:
        elapsed = self.elapsed(now)
        remaining = None if self.status != "running" else self.duration_ms - elapsed
        return {
            "crawl_id": self.id,
            "status": self.status,
            "fetched_urls": self.fetched(now),
            "max_urls": self.pages,
            "percent": round(100 * elapsed / max(self.duration_ms, 1), 1),
            "started_at": self.created_at,
            "ended_at": self.ended_at,
            "eta": None if remaining is None else now + remaining,
        }
