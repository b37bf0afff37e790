"""Run the app under uvicorn: one process, the main port plus one socket per provider port."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import errno
import logging
import signal
import socket
import ssl
import sys
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from uvicorn.config import LOGGING_CONFIG

from mockserver import __version__
from mockserver.core.access_log import SecretRedaction, secrets_by_path
from mockserver.core.slow_clients import with_header_timeout
from mockserver.core.tls import TlsHttpProtocol
from mockserver.settings import Settings
from mockserver.warmup import start_warming

log = logging.getLogger("mockserver")

#: How long an idle keep-alive connection stays open after a response (uvicorn's timeout_keep_alive).
KEEP_ALIVE_SECONDS = 5
#: Ticks of uvicorn's main loop (0.1 s each) after which warming up starts even if no request came.
WARM_UP_TICKS = 10


class ServeError(Exception):
    """A problem that stops the server from starting, told in one line."""


@dataclass(frozen=True)
class Listener:
    """One bound socket and what it serves: everything (``provider`` None) or one provider at the root."""

    sock: socket.socket
    provider: str | None

    @property
    def port(self) -> int:
        return int(self.sock.getsockname()[1])


def bind(host: str, port: int, what: str) -> socket.socket:
    """A listening-ready TCP socket on ``host:port``; a clear ServeError when that is impossible."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as exc:
        raise ServeError(f"cannot listen on host {host!r} (--host / MOCKSERVER_HOST): {exc.strerror}") from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ServeError(f"port {port} on {host} is already in use ({what})") from None
        if exc.errno == errno.EACCES:
            raise ServeError(f"no permission to listen on port {port} on {host} ({what})") from None
        raise ServeError(f"cannot listen on {host}:{port} ({what}): {exc.strerror}") from None
    sock.set_inheritable(True)
    return sock


def bind_all(settings: Settings) -> list[Listener]:
    """The main socket, then one per ``--provider-port``; all or none."""
    seen: dict[int, str] = {}
    if settings.port:
        seen[settings.port] = "--port"
    for name, port in settings.provider_ports.items():
        if port in seen:
            raise ServeError(f"port {port} is given twice ({seen[port]} and --provider-port {name}={port})")
        seen[port] = f"--provider-port {name}={port}"
    listeners: list[Listener] = []
    try:
        listeners.append(Listener(bind(settings.host, settings.port, "--port / MOCKSERVER_PORT"), None))
        for name, port in settings.provider_ports.items():
            listeners.append(Listener(bind(settings.host, port, f"--provider-port {name}={port}"), name))
    except ServeError:
        for listener in listeners:
            listener.sock.close()
        raise
    return listeners


def check_tls_files(settings: Settings) -> None:
    """Refuse half a TLS setup and files that cannot be read, naming the flag."""
    if settings.tls_key and not settings.tls_cert:
        raise ServeError("--tls-key needs --tls-cert (MOCKSERVER_TLS_CERT)")
    if settings.tls_client_ca and not settings.tls_cert:
        raise ServeError("--tls-client-ca needs --tls-cert: client certificates are only asked for over TLS")
    for flag, path in (
        ("--tls-cert", settings.tls_cert),
        ("--tls-key", settings.tls_key),
        ("--tls-client-ca", settings.tls_client_ca),
    ):
        if path is not None and not Path(path).is_file():
            raise ServeError(f"{flag}: {path}: no such file")


def uvicorn_config(app: Any, settings: Settings) -> uvicorn.Config:
    """uvicorn settings for ``app``; TLS asks for a client certificate but never requires one."""
    log_config = copy.deepcopy(LOGGING_CONFIG)
    log_config["loggers"]["mockserver"] = {"handlers": ["default"], "level": settings.log_level.upper()}
    state = getattr(app, "state", None)
    registry = getattr(state, "registry", None)
    if registry is not None:
        # What the journal redacts stays out of the log too (query strings carry signatures and tokens).
        log_config["filters"] = {"redact": {"()": SecretRedaction, "secrets_for": secrets_by_path(registry)}}
        for handler in log_config["handlers"].values():
            handler["filters"] = ["redact"]
    # The request log is the app's own line (core/request_log.py), in uvicorn's access-log format: uvicorn's
    # access logger stays off, it cost about a third of a request through the logging module.
    request_log = getattr(state, "request_log", None)
    logs_requests = settings.log_level in ("info", "debug", "trace")
    if request_log is not None and logs_requests:
        request_log.start(sys.stdout)
    tls: dict[str, Any] = {}
    if settings.tls_cert:
        tls = {"ssl_certfile": str(settings.tls_cert), "ssl_keyfile": str(settings.tls_key or settings.tls_cert)}
        if settings.tls_client_ca:
            # CERT_OPTIONAL: Ons connectors present a certificate, the other providers' clients need none.
            tls.update(ssl_ca_certs=str(settings.tls_client_ca), ssl_cert_reqs=ssl.CERT_OPTIONAL)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        http=with_header_timeout(TlsHttpProtocol, settings.header_timeout),
        # Slow and idle clients: a connection cap (503 past it), idle keep-alive connections closed after 5 s,
        # and (h11 only; httptools has no such limit, --max-header-bytes applies to both) a head size limit.
        limit_concurrency=settings.max_connections,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        h11_max_incomplete_event_size=settings.max_header_bytes + 1024,
        ws="none",  # no emulated API uses WebSockets; not loading them saves start-up time
        lifespan="auto",
        log_level=settings.log_level,
        log_config=log_config,
        access_log=request_log is None and logs_requests,
        server_header=False,
        **tls,
    )
    try:
        config.load()
    except (ssl.SSLError, OSError) as exc:
        reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or str(exc)
        raise ServeError(f"cannot load the TLS certificate, key or client CA: {reason}") from None
    return config


class MockServer(uvicorn.Server):
    """uvicorn's server, ending with exit status 0 on SIGINT and SIGTERM after a graceful shutdown."""

    #: Printed on stdout once the sockets accept connections (a script may connect as soon as it reads it).
    ready_message: str | None = None
    #: The app to warm up (mockserver/warmup.py) once the first requests are answered; None once started.
    warm_up: Any = None

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started and self.ready_message:
            print(self.ready_message, flush=True)

    async def on_tick(self, counter: int) -> bool:
        # Every 0.1 s. Warming up waits until a request has been answered and none is in progress (or a
        # second has passed), so that it never slows the client's first request: its health check.
        state = self.server_state
        if self.warm_up is not None and (counter >= WARM_UP_TICKS or (state.total_requests and not state.tasks)):
            start_warming(self.warm_up, asyncio.get_running_loop())
            self.warm_up = None
        return await super().on_tick(counter)

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        # uvicorn re-raises the signal after shutting down, which turns a clean stop into a
        # "killed by SIGTERM" status (or a KeyboardInterrupt trace); a mock server stops quietly.
        signals = (signal.SIGINT, signal.SIGTERM)
        try:
            previous = {sig: signal.signal(sig, self.handle_exit) for sig in signals}
        except ValueError:  # not the main thread: the caller owns signals
            yield
            return
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def describe(settings: Settings, listeners: Sequence[Listener], base_paths: dict[str, str]) -> list[str]:
    """The start-up lines: where each provider and the admin API can be reached."""
    main = settings.model_copy(update={"port": listeners[0].port}).base_url()
    own = {listener.provider: listener.port for listener in listeners if listener.provider}
    mtls = " (mTLS: client certificates requested)" if settings.tls_client_ca else ""
    lines = [f"mockserver {__version__} on {main}, seed {settings.seed}{mtls}"]
    width = max((len(name) for name in base_paths), default=0)
    for name, path in base_paths.items():
        extra = ""
        if name in own:
            alone = settings.model_copy(update={"port": own[name]}).base_url()
            extra = f"  and {alone}{path.removeprefix('/' + name)}"
        lines.append(f"  {name.ljust(width)}  {main}{path}{extra}")
    lines.append(f"  {'admin'.ljust(width)}  {main}/__admin/health")
    return lines


def ready_line(settings: Settings, listeners: Sequence[Listener]) -> str:
    """One stdout line a script can parse (``... listening on URL``: the URL is the last word)."""
    return f"mockserver listening on {settings.model_copy(update={'port': listeners[0].port}).base_url()}"


def serve(config: uvicorn.Config, settings: Settings, listeners: Sequence[Listener], base_paths: dict[str, str]) -> int:
    """Serve until SIGINT or SIGTERM; the sockets are already bound."""
    server = MockServer(config)
    server.warm_up = config.app
    for line in describe(settings, listeners, base_paths):
        log.info(line)
    server.ready_message = ready_line(settings, listeners)
    try:
        server.run(sockets=[listener.sock for listener in listeners])
    finally:
        for listener in listeners:
            listener.sock.close()
        request_log = getattr(getattr(config.app, "state", None), "request_log", None)
        if request_log is not None:
            request_log.stop()  # the lines of the last moments
    return 0
