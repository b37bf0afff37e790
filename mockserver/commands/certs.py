"""`mockserver certs`: a local CA, a server certificate and client certificates for mTLS."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from mockserver.commands import SUMMARIES

DEFAULT_DIR = "certs"
#: An Ons connector CN has the vendor's shape: connector name, customer code, free part.
EXAMPLE_CN = "hr_integration-TE1002-free_text"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "certs",
        help=SUMMARIES["certs"],
        description="Certificates for serving HTTPS with client certificates (mutual TLS), as Nedap Ons does. "
        "Keys are written unencrypted, readable by their owner only; they are for local testing.",
    )
    actions = parser.add_subparsers(dest="certs_command", metavar="ACTION", required=True)

    init = actions.add_parser(
        "init",
        help="a new CA plus a server certificate for localhost, 127.0.0.1 and ::1",
        description="Write ca.pem, ca-key.pem, server.pem and server-key.pem into DIR.",
    )
    init.add_argument(
        "dir", metavar="DIR", nargs="?", default=DEFAULT_DIR, help=f"target directory (default {DEFAULT_DIR})"
    )
    init.add_argument(
        "--force", action="store_true", help="replace an existing CA (its client certificates stop working)"
    )
    init.set_defaults(handler=run_init)

    client = actions.add_parser(
        "client",
        help="a client certificate with the given CN, signed by the CA in --dir",
        description="Write client-<CN>.pem and client-<CN>-key.pem into DIR. For Ons, the CN names the connector "
        f"and so the tenant (e.g. {EXAMPLE_CN}).",
    )
    client.add_argument("cn", metavar="CN", help="the certificate subject's common name")
    client.add_argument("--dir", default=DEFAULT_DIR, help=f"directory holding the CA (default {DEFAULT_DIR})")
    client.set_defaults(handler=run_client)


def _q(path: Path) -> str:
    return shlex.quote(str(path))


def serve_line(directory: Path) -> str:
    return (
        f"mockserver serve --tls-cert {_q(directory / 'server.pem')} --tls-key {_q(directory / 'server-key.pem')} "
        f"--tls-client-ca {_q(directory / 'ca.pem')}"
    )


def curl_line(directory: Path, cert: Path | None = None, key: Path | None = None) -> str:
    client = f" --cert {_q(cert)} --key {_q(key)}" if cert and key else ""
    return f"curl --cacert {_q(directory / 'ca.pem')}{client} https://127.0.0.1:8080/ons/t/teams"


def run_init(args: argparse.Namespace) -> int:
    from mockserver.core.certs import CA_CERT, init_directory

    directory = Path(args.dir)
    if (directory / CA_CERT).exists() and not args.force:
        print(
            f"mockserver certs init: error: {directory / CA_CERT} exists; use --force to replace the CA",
            file=sys.stderr,
        )
        return 2
    try:
        files = init_directory(directory)
    except OSError as exc:
        print(f"mockserver certs init: error: cannot write to {directory}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"wrote {', '.join(str(p) for p in files.values())}")
    print("serve HTTPS, asking clients for a certificate:")
    print(f"  {serve_line(directory)}")
    print("make a client certificate for an Ons connector:")
    print(f"  mockserver certs client {EXAMPLE_CN} --dir {_q(directory)}")
    print("call it without a client certificate (Ons then uses its default connector):")
    print(f"  {curl_line(directory)}")
    return 0


def run_client(args: argparse.Namespace) -> int:
    from mockserver.core.certs import CA_CERT, issue_client_files

    directory = Path(args.dir)
    if not (directory / CA_CERT).is_file():
        print(
            f"mockserver certs client: error: no CA in {directory}; run 'mockserver certs init {directory}' first",
            file=sys.stderr,
        )
        return 2
    try:
        files = issue_client_files(directory, args.cn)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        print(f"mockserver certs client: error: {reason}", file=sys.stderr)
        return 2
    print(f"wrote {files['cert']} and {files['key']} (CN={args.cn})")
    print("with the server started by:")
    print(f"  {serve_line(directory)}")
    print("call Ons as this connector:")
    print(f"  {curl_line(directory, files['cert'], files['key'])}")
    return 0
