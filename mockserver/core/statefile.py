"""--state-file: read the state document at start, write it atomically (temp file, fsync, rename) when asked."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

from mockserver.core.snapshot import SnapshotError, Snapshots

log = logging.getLogger("mockserver")
#: Bytes handed to the file at a time while the document is encoded.
CHUNK = 1 << 16


class StateFileError(Exception):
    """A state file that cannot be used: ``field`` names the part of the document (None: the file itself)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        self.field = field
        super().__init__(message)


class StateFile:
    """One server's state file. ``load`` at start (a missing file is a fresh start), ``save`` on shutdown and
    on ``POST /__admin/snapshot``. A save never leaves a half-written file where the state file is: it writes
    a temp file beside it, syncs it to disk and renames it over the old one."""

    def __init__(self, path: Path, snapshots: Snapshots) -> None:
        self.path = path
        self.snapshots = snapshots
        self._lock = threading.Lock()

    def load(self) -> bool:
        """Take over the file's state; False when there is no file yet. StateFileError when it is unusable."""
        try:
            text = self.path.read_bytes()
        except FileNotFoundError:
            if not self.path.parent.is_dir():
                raise StateFileError(
                    f"its directory {self.path.parent} does not exist, so it could not be written"
                ) from None
            return False
        except OSError as exc:
            raise StateFileError(f"cannot read it ({exc.strerror})") from None
        try:
            document = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise StateFileError(f"not a state document: not JSON ({exc})") from None
        try:
            self.snapshots.load(document)
        except SnapshotError as exc:
            raise StateFileError(exc.reason, exc.field or None) from None
        return True

    def save(self) -> dict[str, Any]:
        """Write the server's state now; returns where, and how many bytes and stores."""
        document = self.snapshots.export()
        with self._lock:
            size = write_atomically(self.path, document)
        stores = sum(len(tenants) for tenants in document["stores"].values())
        log.info("state saved to %s (%d bytes, %d stores)", self.path, size, stores)
        return {"path": str(self.path), "bytes": size, "stores": stores, "scenarios": len(document["scenarios"])}


def write_atomically(path: Path, document: Any) -> int:
    """``document`` as JSON at ``path``, all or nothing: a crash at any point leaves the old file whole."""
    directory = path.parent if str(path.parent) else Path(".")
    fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    size = 0
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            pending: list[str] = []
            held = 0
            for chunk in json.JSONEncoder(allow_nan=False).iterencode(document):
                pending.append(chunk)
                held += len(chunk)
                if held >= CHUNK:
                    size += out.write("".join(pending))
                    pending, held = [], 0
            size += out.write("".join(pending) + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    sync_directory(directory)
    return size


def sync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable (where the platform allows opening a directory)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def saving_lifespan(app: Any, state_file: StateFile) -> None:
    """Wrap the app's lifespan so the state is written when the server shuts down (SIGTERM, SIGINT)."""
    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(instance: Any) -> AsyncIterator[Mapping[str, Any] | None]:
        async with inner(instance) as state:
            yield state
        try:
            await asyncio.to_thread(state_file.save)
        except (OSError, ValueError, TypeError) as exc:
            log.error("state not saved to %s: %s", state_file.path, exc)

    app.router.lifespan_context = lifespan
