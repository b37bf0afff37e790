"""The pytest plugin, run by pytester: a test file using it against Ons and OnlineAfspraken goes green."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

USES_THE_PLUGIN = """
import httpx
from mockserver.providers.onlineafspraken.signing import signed_query

JSON = {"Accept": "application/json"}


def test_a_client_is_created_and_verified_with_its_body(mockserver):
    created = httpx.post(mockserver.url("ons") + "/t/clients", json={"firstName": "Jan", "birthName": "Smit"},
                         headers=JSON)
    assert created.status_code == 201
    mockserver.assert_called(provider="ons", method="POST", body_json={"firstName": "Jan"}, times=1)


def test_maintenance_then_recovered_after_a_clock_jump(mockserver):
    mockserver.assert_called(provider="ons", method="POST", times=0)  # a clean server for every test
    teams = mockserver.url("ons") + "/t/teams"
    with mockserver.scenario("ons-maintenance"):
        assert httpx.get(teams, headers=JSON).status_code == 503
        mockserver.clock.advance(600)
        assert httpx.get(teams, headers=JSON).status_code == 200


def test_a_signed_onlineafspraken_call(mockserver):
    key = mockserver.credentials("onlineafspraken")
    query = signed_query("getAgendas", [], key["api_key"], key["api_secret"], mockserver.clock.timestamp())
    answer = httpx.get(mockserver.url("onlineafspraken"), params=query)
    assert answer.status_code == 200
    assert "<Status>success</Status>" in answer.text
    assert [r["status"] for r in mockserver.requests(provider="onlineafspraken")] == [200]
"""


README = Path(__file__).resolve().parents[2] / "README.md"


def readme_example() -> str:
    """The code of the README's "Testing with mockserver" section, as written there."""
    section = README.read_text().split("## Testing with mockserver", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1
    return str(blocks[0])


def test_the_readme_example_is_short() -> None:
    assert len(readme_example().strip().splitlines()) <= 15


def test_a_test_file_using_the_plugin_runs_green(pytester: pytest.Pytester) -> None:
    """Also the README's example, as written."""
    pytester.makepyfile(test_uses_plugin=USES_THE_PLUGIN, test_readme=readme_example())
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--mockserver-seed", "7")
    result.assert_outcomes(passed=5)


@pytest.mark.skipif(importlib.util.find_spec("xdist") is None, reason="pytest-xdist is not installed")
def test_the_same_file_runs_green_on_two_workers(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_uses_plugin=USES_THE_PLUGIN)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-n", "2")
    result.assert_outcomes(passed=3)


def test_a_bad_mockserver_url_fails_the_session_with_one_line(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(test_one="def test_one(mockserver):\n    pass\n")
    monkeypatch.setenv("MOCKSERVER_URL", "http://127.0.0.1:9")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*mockserver: MOCKSERVER_URL=http://127.0.0.1:9 does not answer /__admin/health*"])


def test_a_port_in_use_fails_the_session_with_one_line(pytester: pytest.Pytester) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        pytester.makepyfile(test_one="def test_one(mockserver):\n    pass\n")
        result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--mockserver-port", str(port))
    assert result.ret != 0
    result.stdout.fnmatch_lines([f"*mockserver: the in-process server did not start: port {port} is in use*"])
