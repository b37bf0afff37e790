"""A public client run unmodified in its own virtualenv, driven call by call from a test (tests/README.md)."""

from __future__ import annotations

import json
import os
import select
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("worker.py")
#: Longest a single client call may take (a client's own timeouts are usually shorter).
CALL_TIMEOUT = 60.0


class ClientCallFailed(Exception):
    """The client raised: the message is its exception's type and text."""


def client_python(name: str) -> Path:
    """The interpreter of tests/clients/NAME's virtualenv; `make` builds it when missing or older than its lock."""
    stamp = ROOT / ".venv-clients" / name / ".installed"
    lock = ROOT / "tests" / "clients" / name / "requirements.lock"
    if not stamp.exists() or stamp.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run(["make", "-s", str(stamp.relative_to(ROOT))], cwd=ROOT, check=True, timeout=900)
    return stamp.parent / "bin" / "python"


class ClientSession:
    """One worker process of the client; ``call("pkg.module:function", *args)`` returns its value as JSON."""

    def __init__(self, name: str, env: Mapping[str, str], cwd: Path) -> None:
        # -I: no PYTHON* variables, no user site, not the project's directory: only the client's venv.
        base = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TZ", "SYSTEMROOT")}
        self.process = subprocess.Popen(
            [str(client_python(name)), "-I", str(WORKER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**base, **env},
            cwd=cwd,
            text=True,
        )

    def call(self, target: str, *args: Any, **kwargs: Any) -> Any:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"call": target, "args": args, "kwargs": kwargs}) + "\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], CALL_TIMEOUT)  # bounded wait for the answer
        line = self.process.stdout.readline() if ready else ""
        if not line:
            self.close()
            _, err = self.process.communicate(timeout=10)
            raise AssertionError(f"the client worker gave no answer to {target}: {err[-2000:]}")
        answer = json.loads(line)
        if not answer["ok"]:
            raise ClientCallFailed(answer["error"])
        return answer["value"]

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@contextmanager
def client_session(name: str, env: Mapping[str, str], cwd: Path) -> Iterator[ClientSession]:
    session = ClientSession(name, env, cwd)
    try:
        yield session
    finally:
        session.close()
        for stream in (session.process.stdout, session.process.stderr):
            if stream is not None:
                stream.close()
