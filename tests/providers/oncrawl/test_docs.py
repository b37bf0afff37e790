"""The curl lines of docs/oncrawl.md and the README's OnCrawl lines work as written, against a live server."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import PROJECT_DIR, Settings
from tests.conftest import run_live

BLOCK = re.compile(r"```sh\n(.*?)```", re.S)
DOCUMENTED = "http://127.0.0.1:8080"


def oncrawl_blocks() -> list[str]:
    found = []
    for name in ("docs/oncrawl.md", "README.md"):
        for block in BLOCK.findall((PROJECT_DIR / name).read_text(encoding="utf-8")):
            text = re.sub(r"^\s+", "", block, flags=re.M)
            if "/oncrawl/" in text and "curl" in text and "mockserver " not in text:
                found.append(text)
    return found


BLOCKS = oncrawl_blocks()


def test_the_docs_have_curl_lines_to_check() -> None:
    assert len(BLOCKS) >= 5


@pytest.mark.live
@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_documented_curl_lines_answer_2xx(clock: Clock) -> None:
    with run_live(create_app(Settings(seed=42), clock=clock)) as server:
        for block in BLOCKS:
            script = block.replace(DOCUMENTED, server.url).replace("curl -s ", "curl -sSf ")
            done = subprocess.run(
                ["bash", "-e", "-o", "pipefail", "-c", script], capture_output=True, text=True, timeout=60, check=False
            )
            assert done.returncode == 0, f"{block}\n{done.stderr}"
            assert done.stdout.strip(), block
