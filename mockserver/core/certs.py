"""Mint a local CA, a loopback server certificate and client certificates for mTLS."""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CA_CERT = "ca.pem"
CA_KEY = "ca-key.pem"
SERVER_CERT = "server.pem"
SERVER_KEY = "server-key.pem"
#: Names the server certificate is valid for: every loopback spelling.
SERVER_DNS_NAMES = ("localhost",)
SERVER_IPS = ("127.0.0.1", "::1")
VALID_DAYS = 825


@dataclass(frozen=True)
class Minted:
    """A certificate and its private key, both PEM."""

    cert_pem: bytes
    key_pem: bytes


def _new_key() -> ec.EllipticCurvePrivateKey:
    # P-256 keys are generated in milliseconds, where RSA-2048 takes a noticeable fraction of a second.
    return ec.generate_private_key(ec.SECP256R1())


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _validity(now: dt.datetime | None) -> tuple[dt.datetime, dt.datetime]:
    start = (now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=1)
    return start, start + dt.timedelta(days=VALID_DAYS)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "mockserver"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def mint_ca(common_name: str = "mockserver local CA", now: dt.datetime | None = None) -> Minted:
    """A self-signed CA that signs the server and client certificates."""
    key = _new_key()
    start, end = _validity(now)
    name = _name(common_name)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Minted(cert.public_bytes(serialization.Encoding.PEM), _key_pem(key))


def _issue(ca: Minted, common_name: str, *, server: bool, now: dt.datetime | None) -> Minted:
    ca_cert = x509.load_pem_x509_certificate(ca.cert_pem)
    ca_key = serialization.load_pem_private_key(ca.key_pem, password=None)
    if not isinstance(ca_key, ec.EllipticCurvePrivateKey):
        raise ValueError("the CA key must be an EC key minted by mockserver")
    key = _new_key()
    start, end = _validity(now)
    usage = ExtendedKeyUsageOID.SERVER_AUTH if server else ExtendedKeyUsageOID.CLIENT_AUTH
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
    )
    if server:
        alt_names: list[x509.GeneralName] = [x509.DNSName(n) for n in SERVER_DNS_NAMES]
        alt_names += [x509.IPAddress(ipaddress.ip_address(ip)) for ip in SERVER_IPS]
        builder = builder.add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
    cert = builder.sign(ca_key, hashes.SHA256())
    return Minted(cert.public_bytes(serialization.Encoding.PEM), _key_pem(key))


def mint_server(ca: Minted, now: dt.datetime | None = None) -> Minted:
    """A server certificate for localhost, 127.0.0.1 and ::1, signed by ``ca``."""
    return _issue(ca, "localhost", server=True, now=now)


def mint_client(ca: Minted, common_name: str, now: dt.datetime | None = None) -> Minted:
    """A client certificate whose subject CN is ``common_name`` (Ons: the connector's name)."""
    if not common_name.strip():
        raise ValueError("a client certificate needs a non-empty common name")
    return _issue(ca, common_name, server=False, now=now)


def write_pair(minted: Minted, cert_path: Path, key_path: Path) -> None:
    """Write a certificate and its key; the key is readable by its owner only."""
    cert_path.write_bytes(minted.cert_pem)
    key_path.touch(mode=0o600, exist_ok=True)
    key_path.chmod(0o600)
    key_path.write_bytes(minted.key_pem)


def load_ca(directory: Path) -> Minted:
    """The CA written by ``init_directory``."""
    return Minted((directory / CA_CERT).read_bytes(), (directory / CA_KEY).read_bytes())


def init_directory(directory: Path) -> dict[str, Path]:
    """A fresh CA plus a server certificate in ``directory``; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    ca = mint_ca()
    server = mint_server(ca)
    files = {
        "ca": directory / CA_CERT,
        "ca_key": directory / CA_KEY,
        "cert": directory / SERVER_CERT,
        "key": directory / SERVER_KEY,
    }
    write_pair(ca, files["ca"], files["ca_key"])
    write_pair(server, files["cert"], files["key"])
    return files


def client_file_stem(common_name: str) -> str:
    """A file name for a CN: letters, digits, dot, dash and underscore kept, the rest become '_'."""
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in common_name.strip()) or "client"


def issue_client_files(directory: Path, common_name: str) -> dict[str, Path]:
    """A client certificate and key for ``common_name``, signed by the CA in ``directory``."""
    client = mint_client(load_ca(directory), common_name)
    stem = client_file_stem(common_name)
    files = {"cert": directory / f"client-{stem}.pem", "key": directory / f"client-{stem}-key.pem"}
    write_pair(client, files["cert"], files["key"])
    return files


def common_name_of(cert: x509.Certificate) -> str | None:
    """The subject's first CN, or None."""
    attrs = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    value = attrs[0].value if attrs else None
    return value if isinstance(value, str) else None
