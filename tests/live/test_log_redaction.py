"""The request log of a real `mockserver serve` keeps out what the journal redacts: signatures, tokens, passwords."""

from __future__ import annotations

import signal
import subprocess
import sys

import httpx
import pytest

from tests.live.test_serve import clean_env, free_ports, stop, wait_healthy

pytestmark = pytest.mark.live

SECRETS = ["SIGSECRET1", "SIGSECRET2", "APISECRET3", "TOKSECRET4", "PWSECRET5", "SIGSECRET6", "KEYSECRET7"]


@pytest.mark.parametrize("level", ["info", "trace"])
def test_request_log_redacts_secret_query_parameters(level: str) -> None:
    main_port, own_port = free_ports(2)
    command = [sys.executable, "-m", "mockserver", "serve", "--port", str(main_port), "--log-level", level]
    command += ["--provider-port", f"onlineafspraken={own_port}"]
    proc = subprocess.Popen(command, env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        main = f"http://127.0.0.1:{main_port}"
        wait_healthy(proc, main)
        oa = "method=getAgendas&api_key=oa-demo-key&api_salt=1"
        httpx.get(f"{main}/onlineafspraken/APIREST?{oa}&api_signature=SIGSECRET1")
        httpx.get(f"http://127.0.0.1:{own_port}/APIREST?{oa}&api_signature=SIGSECRET2")
        httpx.get(f"{main}/onlineafspraken/APIREST?{oa}&api_secret=APISECRET3")
        httpx.get(f"{main}/ons/t/teams?token=TOKSECRET4&password=PWSECRET5&limit=5")
        httpx.get(f"{main}/onlineafspraken/APIREST?{oa}&api%5Fsignature=SIGSECRET6")
        httpx.get(f"{main}/nowhere?key=KEYSECRET7")
    finally:
        # Stopped as a container is: the server writes out the lines that wait (a killed one loses the last 0.01 s).
        proc.send_signal(signal.SIGTERM)
        try:
            out, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            out, err = stop(proc)
    log = out + err
    assert [secret for secret in SECRETS if secret in log] == []
    assert f'"GET /onlineafspraken/APIREST?{oa}&api_signature=<redacted> HTTP/1.1" 200' in log
    assert f'"GET /APIREST?{oa}&api_signature=<redacted> HTTP/1.1" 200' in log
    assert '"GET /ons/t/teams?token=<redacted>&password=<redacted>&limit=5 HTTP/1.1"' in log
    assert f'"GET /onlineafspraken/APIREST?{oa}&api%5Fsignature=<redacted> HTTP/1.1"' in log
    if level == "trace":
        assert "'query_string': b'token=<redacted>&password=<redacted>&limit=5'" in log
