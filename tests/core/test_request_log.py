"""The request log: uvicorn's access-log line, written by the app once started, with secrets redacted."""

from __future__ import annotations

import asyncio
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.core.request_log import RequestLog
from mockserver.settings import Settings

SECRETS = {"/onlineafspraken": frozenset({"api_signature", "api_secret"})}


def secrets_for(path: str) -> frozenset[str]:
    return SECRETS.get("/" + path.split("/")[1], frozenset({"token", "api_signature"}))


def scope(path: str, query: bytes = b"", method: str = "GET") -> dict[str, Any]:
    return {"method": method, "path": path, "query_string": query, "http_version": "1.1", "client": ("10.0.0.7", 4711)}


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def started(stream: io.StringIO) -> RequestLog:
    log = RequestLog(secrets_for)
    log.start(stream)
    return log


def test_the_line_is_uvicorns_access_line() -> None:
    log = started(io.StringIO())
    line = log.line(scope("/ons/t/teams"), 200)
    assert line == 'INFO:     10.0.0.7:4711 - "GET /ons/t/teams HTTP/1.1" 200 OK\n'


def test_secret_parameters_are_redacted_by_the_paths_provider() -> None:
    log = started(io.StringIO())
    query = b"method=getAgendas&api_signature=abc&token=keep"
    line = log.line(scope("/onlineafspraken/APIREST", query), 403)
    expected = (
        '"GET /onlineafspraken/APIREST?method=getAgendas&api_signature=<redacted>&token=keep HTTP/1.1" 403 Forbidden'
    )
    assert expected in line


def test_an_encoded_secret_name_is_redacted_and_the_path_is_quoted_as_uvicorn_quotes_it() -> None:
    log = started(io.StringIO())
    line = log.line(scope("/ons/t/a b", b"api%5Fsignature=x"), 404)
    assert '"GET /ons/t/a%20b?api%5Fsignature=<redacted> HTTP/1.1" 404 Not Found' in line


def test_an_unknown_status_keeps_an_empty_phrase() -> None:
    assert started(io.StringIO()).line(scope("/x"), 599).endswith('"GET /x HTTP/1.1" 599 \n')


def test_a_terminal_gets_uvicorns_colours() -> None:
    line = started(Tty()).line(scope("/x"), 201)
    assert (
        line == '\x1b[32mINFO\x1b[0m:     10.0.0.7:4711 - "\x1b[1mGET /x HTTP/1.1\x1b[0m" \x1b[32m201 Created\x1b[0m\n'
    )


def test_a_remembered_request_line_is_the_same_line() -> None:
    log = started(io.StringIO())
    first = log.line(scope("/onlineafspraken/APIREST", b"api_signature=s1"), 200)
    assert log.line(scope("/onlineafspraken/APIREST", b"api_signature=s1"), 200) == first
    assert log.line(scope("/onlineafspraken/APIREST", b"api_signature=s2"), 200) == first


def test_an_app_writes_nothing_until_started_then_one_line_per_response() -> None:
    app = create_app(Settings(seed=1), clock=Clock())
    stream = io.StringIO()
    with TestClient(app) as client:
        client.get("/ons/t/teams", headers={"Accept": "application/json"})
        assert stream.getvalue() == ""
        app.state.request_log.start(stream)
        client.get("/ons/t/teams?token=TOKSECRET", headers={"Accept": "application/json"})
        client.get("/__admin/health")
        client.get("/ons/t/teams", headers={f"x-pad-{n}": "v" * 8000 for n in range(50)})
    app.state.request_log.stop()  # writes what waits for the next batch
    lines = stream.getvalue().splitlines()
    assert [line.split(" - ", 1)[1] for line in lines] == [
        '"GET /ons/t/teams?token=<redacted> HTTP/1.1" 200 OK',
        '"GET /__admin/health HTTP/1.1" 200 OK',
        '"GET /ons/t/teams HTTP/1.1" 431 Request Header Fields Too Large',
    ]
    assert all(line.startswith("INFO:     testclient:") for line in lines)


class Flushes(io.StringIO):
    """A stream that tells how much of it had been flushed at each flush."""

    def __init__(self) -> None:
        super().__init__()
        self.flushed: list[int] = []

    def flush(self) -> None:
        self.flushed.append(len(self.getvalue().splitlines()))


class ManualTimeLoop(asyncio.SelectorEventLoop):
    """An event loop whose clock moves only when the test moves it: timers fire without waiting."""

    now = 1000.0

    def time(self) -> float:
        return self.now


def run_on_manual_time(test: Any) -> Any:
    loop = ManualTimeLoop()
    try:
        return loop.run_until_complete(test(loop))
    finally:
        loop.close()


async def turns(count: int = 3) -> None:
    for _ in range(count):
        await asyncio.sleep(0)


def test_lines_wait_a_hundredth_of_a_second_then_are_written_and_flushed_together() -> None:
    stream = Flushes()
    log = RequestLog(secrets_for)
    log.start(stream)

    async def answer_then_let_time_pass(loop: ManualTimeLoop) -> list[list[int]]:
        seen = []
        for path in ("/a", "/b", "/c"):
            log.write(scope(path), 200)
            await turns()  # turns of the loop: no time passes
        seen.append(list(stream.flushed))
        loop.now += 0.009
        await turns()
        seen.append(list(stream.flushed))
        loop.now += 0.001  # 0.01 s after the first line
        await turns()
        seen.append(list(stream.flushed))
        log.write(scope("/d"), 200)  # the next line starts the next wait
        loop.now += 0.01
        await turns()
        seen.append(list(stream.flushed))
        return seen

    assert run_on_manual_time(answer_then_let_time_pass) == [[], [], [3], [3, 4]]
    assert [line.split(" - ", 1)[1] for line in stream.getvalue().splitlines()] == [
        f'"GET {path} HTTP/1.1" 200 OK' for path in ("/a", "/b", "/c", "/d")
    ]


def test_a_burst_of_1024_lines_is_written_at_once_without_waiting() -> None:
    stream = Flushes()
    log = RequestLog(secrets_for)
    log.start(stream)

    async def burst(loop: ManualTimeLoop) -> list[int]:
        for number in range(1023):
            log.write(scope(f"/{number}"), 200)
        before = list(stream.flushed)
        log.write(scope("/last"), 200)
        return before

    assert run_on_manual_time(burst) == []
    assert stream.flushed == [1024]


def test_the_delay_is_the_logs_own() -> None:
    stream = Flushes()
    log = RequestLog(secrets_for, flush_delay=0.5)
    log.start(stream)

    async def wait(loop: ManualTimeLoop) -> list[int]:
        log.write(scope("/a"), 200)
        loop.now += 0.4
        await turns()
        before = list(stream.flushed)
        loop.now += 0.1
        await turns()
        return before

    assert run_on_manual_time(wait) == []
    assert stream.flushed == [1]


def test_a_line_written_outside_an_event_loop_is_flushed_at_once() -> None:
    stream = Flushes()
    started_log = RequestLog(secrets_for)
    started_log.start(stream)
    started_log.write(scope("/a"), 204)
    assert stream.flushed == [1]


def test_stopping_the_log_flushes_what_waits() -> None:
    stream = Flushes()
    log = RequestLog(secrets_for)
    log.start(stream)

    async def write_then_stop() -> None:
        log.write(scope("/a"), 200)
        log.stop()

    asyncio.run(write_then_stop())
    assert stream.flushed == [1]


def test_stopping_with_nothing_waiting_neither_writes_nor_flushes() -> None:
    stream = Flushes()
    log = RequestLog(secrets_for)
    log.start(stream)
    log.stop()
    assert (stream.getvalue(), stream.flushed) == ("", [])


def test_a_request_without_a_client_or_version_is_logged_without_them() -> None:
    line = started(io.StringIO()).line({"method": "GET", "path": "/x"}, 200)
    assert line == 'INFO:      - "GET /x HTTP/1.1" 200 OK\n'


def test_a_query_that_is_not_ascii_is_logged_with_replacement_characters() -> None:
    line = started(io.StringIO()).line(scope("/x", "a=é".encode()), 200)
    assert '"GET /x?a=\ufffd\ufffd HTTP/1.1"' in line


class Counted:
    """secrets_for that counts the request lines worked out (each query's redaction asks for its secrets once)."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, path: str) -> frozenset[str]:
        self.asked.append(path)
        return secrets_for(path)


def test_a_request_line_is_worked_out_once_per_method_path_query_and_version() -> None:
    counted = Counted()
    log = RequestLog(counted)
    log.start(io.StringIO())
    for _ in range(3):
        log.line(scope("/x", b"token=a"), 200)
        log.line(scope("/x", b"token=a"), 404)
    assert counted.asked == ["/x"]
    log.line(scope("/x", b"token=b"), 200)
    log.line(scope("/x", b"token=a", method="POST"), 200)
    log.line(scope("/y", b"token=a"), 200)
    log.line(scope("/x", b"token=a") | {"http_version": "1.0"}, 200)
    assert counted.asked == ["/x", "/x", "/x", "/y", "/x"]


def test_the_request_lines_kept_start_over_past_4096() -> None:
    counted = Counted()
    log = RequestLog(counted)
    log.start(io.StringIO())
    for number in range(4096):
        log.line(scope("/x", f"n={number}".encode()), 200)
    log.line(scope("/x", b"n=0"), 200)  # 4096 kept: still remembered
    assert len(counted.asked) == 4096
    log.line(scope("/x", b"n=4096"), 200)  # the 4097th: the kept lines start over with it
    log.line(scope("/x", b"n=4096"), 200)
    log.line(scope("/x", b"n=0"), 200)
    assert len(counted.asked) == 4098


def test_starting_again_on_a_terminal_colours_lines_remembered_plain() -> None:
    log = started(io.StringIO())
    assert log.line(scope("/x"), 200) == 'INFO:     10.0.0.7:4711 - "GET /x HTTP/1.1" 200 OK\n'
    log.start(Tty())
    line = log.line(scope("/x"), 200)
    assert line == '\x1b[32mINFO\x1b[0m:     10.0.0.7:4711 - "\x1b[1mGET /x HTTP/1.1\x1b[0m" \x1b[32m200 OK\x1b[0m\n'


@pytest.mark.parametrize(
    ("status", "coloured"),
    [
        (101, "\x1b[97m101 Switching Protocols\x1b[0m"),
        (302, "\x1b[33m302 Found\x1b[0m"),
        (404, "\x1b[31m404 Not Found\x1b[0m"),
        (503, "\x1b[91m503 Service Unavailable\x1b[0m"),
        (600, "600 "),
    ],
)
def test_each_status_class_has_uvicorns_colour(status: int, coloured: str) -> None:
    assert started(Tty()).line(scope("/x"), status).endswith(f'HTTP/1.1\x1b[0m" {coloured}\n')


class WriteOnly:
    """A stream with no isatty: not a terminal."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def write(self, text: str) -> None:
        self.written.append(text)

    def flush(self) -> None:
        pass


def test_a_stream_without_isatty_gets_plain_lines() -> None:
    stream = WriteOnly()
    log = RequestLog(secrets_for)
    log.start(stream)  # type: ignore[arg-type]
    log.write(scope("/x"), 200)
    assert stream.written == ['INFO:     10.0.0.7:4711 - "GET /x HTTP/1.1" 200 OK\n']


def test_a_log_not_started_or_stopped_writes_nothing() -> None:
    stream = Flushes()
    log = RequestLog(secrets_for)
    log.write(scope("/x"), 200)
    assert log.line(scope("/x"), 200) == 'INFO:     10.0.0.7:4711 - "GET /x HTTP/1.1" 200 OK\n'
    log.start(stream)
    log.stop()
    log.write(scope("/y"), 200)
    assert (stream.getvalue(), stream.flushed) == ("", [])


def test_a_line_waits_the_delay_after_the_first_line_of_its_own_batch() -> None:
    stream = Flushes()
    log = started(stream)

    async def two_batches(loop: ManualTimeLoop) -> list[list[int]]:
        seen = []
        log.write(scope("/a"), 200)
        loop.now += 0.005
        await turns()
        log.write(scope("/b"), 200)
        loop.now += 0.005  # 0.01 s after /a: /a and /b
        await turns()
        seen.append(list(stream.flushed))
        loop.now += 0.002
        log.write(scope("/c"), 200)
        loop.now += 0.003  # 0.01 s after /b, 0.003 s after /c
        await turns()
        seen.append(list(stream.flushed))
        loop.now += 0.007  # 0.01 s after /c
        await turns()
        seen.append(list(stream.flushed))
        return seen

    assert run_on_manual_time(two_batches) == [[2], [2], [2, 3]]
