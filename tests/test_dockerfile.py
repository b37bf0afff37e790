"""The image's own steps work: its COPY, pip install and CMD, replayed in a fresh virtualenv.

No container engine runs here, so the Dockerfile is parsed and its install-and-start steps are
replayed on this machine: the COPY sources into a stand-in root, the pip RUN lines verbatim in a new
virtualenv (from a local wheelhouse of requirements.lock, so the replay is offline after the first
run), then the CMD with the image's ENV on a free loopback port until /__admin/health answers, and
the HEALTHCHECK command against it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import socket
import subprocess
import sys
import time
import venv
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

PROJECT = Path(__file__).resolve().parent.parent
DOCKERFILE = PROJECT / "Dockerfile"
WHEELHOUSE = Path(os.environ.get("MOCKSERVER_WHEELHOUSE", PROJECT / ".venv" / "wheelhouse"))


@dataclass
class Image:
    """What the Dockerfile says, instruction by instruction."""

    base: str = ""
    env: dict[str, str] = field(default_factory=dict)
    copies: list[tuple[list[str], str, str]] = field(default_factory=list)  # (sources, dest, workdir)
    runs: list[tuple[str, str]] = field(default_factory=list)  # (command, workdir)
    user: str = "root"
    exposed: list[str] = field(default_factory=list)
    healthcheck: list[str] = field(default_factory=list)
    cmd: list[str] = field(default_factory=list)
    workdir: str = "/"


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    out: list[tuple[str, str]] = []
    pending = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        whole = pending + stripped
        pending = ""
        keyword, _, rest = whole.partition(" ")
        out.append((keyword.upper(), rest.strip()))
    return out


def parse_dockerfile(path: Path) -> Image:
    image = Image()
    for keyword, rest in instructions(path.read_text(encoding="utf-8")):
        if keyword == "FROM":
            image.base = rest
        elif keyword == "ENV":
            for pair in shlex.split(rest):
                key, _, value = pair.partition("=")
                image.env[key] = value
        elif keyword == "WORKDIR":
            image.workdir = rest
        elif keyword == "COPY":
            parts = shlex.split(rest)
            image.copies.append((parts[:-1], parts[-1], image.workdir))
        elif keyword == "RUN":
            image.runs.append((rest, image.workdir))
        elif keyword == "USER":
            image.user = rest
        elif keyword == "EXPOSE":
            image.exposed += rest.split()
        elif keyword == "HEALTHCHECK":
            image.healthcheck = json.loads(rest[rest.index("CMD") + 3 :].strip())
        elif keyword == "CMD":
            image.cmd = json.loads(rest)
    return image


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def in_root(root: Path, path: str) -> Path:
    return root / path.lstrip("/")


def ensure_wheelhouse() -> Path:
    """Wheels for requirements.lock plus the build backend (pinned in the dev lock), downloaded once.

    This is the test's only network use; later runs find the wheels in place.
    """
    lock = (PROJECT / "requirements.lock").read_bytes()
    dev_lock = (PROJECT / "requirements-dev.lock").read_text(encoding="utf-8")
    backend = [line for line in dev_lock.splitlines() if line.startswith(("setuptools==", "wheel=="))]
    stamp = WHEELHOUSE / ".stamp"
    digest = hashlib.sha256(lock + " ".join(backend).encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return WHEELHOUSE
    WHEELHOUSE.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--only-binary=:all:"]
        + ["-d", str(WHEELHOUSE), "-r", str(PROJECT / "requirements.lock"), *backend],
        check=True,
        timeout=300,
    )
    stamp.write_text(digest)
    return WHEELHOUSE


@pytest.fixture(scope="module")
def image() -> Image:
    return parse_dockerfile(DOCKERFILE)


def test_dockerfile_is_slim_non_root_and_listens_on_all_interfaces(image: Image) -> None:
    assert image.base == "python:3.11-slim"
    assert image.user not in ("root", "0", "")
    assert image.exposed == ["8080"]
    assert image.env["MOCKSERVER_HOST"] == "0.0.0.0"
    assert image.env["MOCKSERVER_PORT"] == "8080"
    assert image.cmd[:2] == ["mockserver", "serve"]
    assert "/__admin/health" in " ".join(image.healthcheck)
    assert any("-r requirements.lock" in run for run, _ in image.runs)
    assert any("--no-deps ." in run for run, _ in image.runs)


def test_dockerfile_install_and_cmd_serve_a_healthy_server(image: Image, tmp_path: Path) -> None:
    wheels = ensure_wheelhouse()
    root = tmp_path / "root"
    for sources, dest, workdir in image.copies:
        target = in_root(root, dest if dest.startswith("/") else f"{workdir}/{dest}")
        for source in sources:
            origin = PROJECT / source
            if origin.is_dir():
                shutil.copytree(origin, target, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build"))
            else:
                target.mkdir(parents=True, exist_ok=True) if dest.endswith("/") else target.parent.mkdir(
                    parents=True, exist_ok=True
                )
                shutil.copy2(origin, target / origin.name if dest.endswith("/") else target)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    base_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    base_env = {k: v for k, v in base_env.items() if not k.startswith(("MOCKSERVER_", "PIP_"))}
    base_env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{base_env.get('PATH', '')}"
    # A clean pip, as in the image: no machine-wide index or constraints, only the local wheelhouse.
    build_env = {**base_env, "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels)}
    pip_runs = [(run, workdir) for run, workdir in image.runs if "pip install" in run]
    assert len(pip_runs) == 2
    for run, workdir in pip_runs:
        result = subprocess.run(
            ["sh", "-c", run],
            cwd=in_root(root, workdir),
            env=build_env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, f"{run}\n{result.stdout}\n{result.stderr}"

    # The image's ENV, with its absolute paths moved under the stand-in root and loopback only.
    image_env = {k: str(in_root(root, v)) if v.startswith("/") else v for k, v in image.env.items()}
    port = free_port()
    run_env = {**base_env, **image_env, "MOCKSERVER_HOST": "127.0.0.1", "MOCKSERVER_PORT": str(port)}
    proc = subprocess.Popen(
        image.cmd,
        cwd=in_root(root, image.workdir),
        env=run_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        health = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/__admin/health", timeout=1)
                if health.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.05)  # waiting for a real process to open its socket
        assert health is not None and health.status_code == 200, proc.stderr.read() if proc.poll() is not None else ""
        installed = subprocess.run(
            [str(env_dir / "bin" / "python"), "-c", "import mockserver; print(mockserver.__file__)"],
            cwd=tmp_path,
            env=base_env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert str(env_dir) in installed.stdout  # served from the virtualenv, not from the source tree
        check = subprocess.run(image.healthcheck, env=run_env, capture_output=True, text=True, timeout=30)
        assert check.returncode == 0, check.stderr
    finally:
        proc.terminate()
        try:
            proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate(timeout=10)
