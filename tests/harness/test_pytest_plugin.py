"""The pytest plugin, run by pytester: a test file using it against Ons and OnlineAfspraken goes green."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from mockserver.app import create_app
from mockserver.client import AdminClient
from mockserver.settings import Settings
from mockserver.threaded import serve_in_thread

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


#: For --mockserver-isolation=tenant against one shared server: tests in parallel, each in a tenant of its own.
#: A tenant keeps records, scenarios applied through the fixture and the journal view apart; the clock is the
#: server's, so the tests that move it or sign with it share one file, which ``--dist loadfile`` runs on one worker.
RECORDS = """
import httpx
import pytest

JSON = {"Accept": "application/json"}


@pytest.mark.parametrize("n", range(3))
def test_each_test_writes_into_a_tenant_of_its_own(mockserver, n):
    mine = {**JSON, **mockserver.headers("ons")}
    created = httpx.post(mockserver.url("ons") + "/t/clients", json={"firstName": f"Jan{n}", "birthName": "Smit"},
                         headers=mine)
    assert created.status_code == 201
    # Every tenant starts with the same seeded records, so each test's first new client gets the same id.
    assert created.headers["location"] == "/ons/t/clients/1064"
    assert httpx.get(mockserver.url("ons") + "/t/clients/1064", headers=mine).json()["firstName"] == f"Jan{n}"
    mockserver.assert_called(provider="ons", method="POST", times=1)  # its own requests only
"""
CLOCK = """
import httpx
import pytest
from mockserver.providers.onlineafspraken.signing import signed_query

JSON = {"Accept": "application/json"}


def test_maintenance_for_this_tenant_then_recovered_after_a_clock_jump(mockserver):
    teams = mockserver.url("ons") + "/t/teams"
    mine = {**JSON, **mockserver.headers("ons")}
    with mockserver.scenario("ons-maintenance"):  # limited to this test's tenant
        assert httpx.get(teams, headers=mine).status_code == 503
        assert httpx.get(teams, headers=JSON).status_code == 200  # the fixtures' tenant is not in maintenance
        mockserver.clock.advance(600)
        assert httpx.get(teams, headers=mine).status_code == 200


@pytest.mark.parametrize("n", range(2))
def test_an_onlineafspraken_customer_of_its_own(mockserver, n):
    key = mockserver.credentials("onlineafspraken")

    def call(method, **params):
        salt = mockserver.clock.timestamp()
        query = signed_query(method, list(params.items()), key["api_key"], key["api_secret"], salt)
        return httpx.get(mockserver.url("onlineafspraken"), params=query).text

    before = call("getCustomers").count("<Customer>")
    assert "<Status>success</Status>" in call("setCustomer", FirstName="Els", LastName="Visser", Email=f"e{n}@x.nl")
    assert call("getCustomers").count("<Customer>") == before + 1
    assert len(mockserver.requests(provider="onlineafspraken")) == 3
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


@pytest.mark.skipif(importlib.util.find_spec("xdist") is None, reason="pytest-xdist is not installed")
@pytest.mark.parametrize("workers", [[], ["-n", "2", "--dist", "loadfile"]], ids=["one-process", "two-workers"])
def test_tenant_per_test_against_one_shared_server(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, workers: list[str]
) -> None:
    with serve_in_thread(create_app(Settings())) as server:
        monkeypatch.setenv("MOCKSERVER_URL", server.url)
        pytester.makepyfile(test_records_one=RECORDS, test_records_two=RECORDS, test_clock=CLOCK)
        result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--mockserver-isolation=tenant", *workers)
        result.assert_outcomes(passed=9)
        with AdminClient(server.url) as admin:
            assert admin.tenants() == []  # each test's tenant is removed when it ends
            posted = admin.requests(provider="ons", method="POST", limit=100)
            assert len({entry["tenant"] for entry in posted}) == 6
            assert admin.scenarios()["scenarios"] == []


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
