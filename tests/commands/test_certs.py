"""`mockserver certs`: a CA, a loopback server certificate and client certificates with a chosen CN."""

from __future__ import annotations

import ipaddress
import stat
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID

from mockserver.cli import main
from mockserver.core.certs import common_name_of

CN = "hr_integration-TE1002-free_text"


def load(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


def test_certs_init_writes_ca_and_server_certificate_for_loopback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["certs", "init", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    ca, server = load(tmp_path / "ca.pem"), load(tmp_path / "server.pem")
    server.verify_directly_issued_by(ca)
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    names = server.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["localhost"]
    ips = names.get_values_for_type(x509.IPAddress)
    assert set(ips) == {ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1")}
    assert stat.S_IMODE((tmp_path / "server-key.pem").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "ca-key.pem").stat().st_mode) == 0o600
    assert (
        f"mockserver serve --tls-cert {tmp_path}/server.pem --tls-key {tmp_path}/server-key.pem "
        f"--tls-client-ca {tmp_path}/ca.pem" in out
    )
    assert f"curl --cacert {tmp_path}/ca.pem https://127.0.0.1:8080/ons/t/teams" in out


def test_certs_init_twice_refuses_to_replace_the_ca(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["certs", "init", str(tmp_path)]) == 0
    before = (tmp_path / "ca.pem").read_bytes()
    capsys.readouterr()
    assert main(["certs", "init", str(tmp_path)]) == 2
    assert "exists; use --force" in capsys.readouterr().err
    assert (tmp_path / "ca.pem").read_bytes() == before
    assert main(["certs", "init", str(tmp_path), "--force"]) == 0
    assert (tmp_path / "ca.pem").read_bytes() != before


def test_certs_client_issues_certificate_with_cn_signed_by_the_ca(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["certs", "init", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["certs", "client", CN, "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    cert = load(tmp_path / f"client-{CN}.pem")
    cert.verify_directly_issued_by(load(tmp_path / "ca.pem"))
    assert common_name_of(cert) == CN
    usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(usage) == [ExtendedKeyUsageOID.CLIENT_AUTH]
    assert stat.S_IMODE((tmp_path / f"client-{CN}-key.pem").stat().st_mode) == 0o600
    assert (
        f"curl --cacert {tmp_path}/ca.pem --cert {tmp_path}/client-{CN}.pem --key {tmp_path}/client-{CN}-key.pem "
        "https://127.0.0.1:8080/ons/t/teams" in out
    )


def test_certs_client_cn_with_odd_characters_gets_a_safe_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["certs", "init", str(tmp_path)]) == 0
    assert main(["certs", "client", "a b/c", "--dir", str(tmp_path)]) == 0
    assert common_name_of(load(tmp_path / "client-a_b_c.pem")) == "a b/c"


def test_certs_client_without_ca_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["certs", "client", CN, "--dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err == f"mockserver certs client: error: no CA in {tmp_path}; run 'mockserver certs init {tmp_path}' first\n"


def test_certs_without_action_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["certs"])
    assert info.value.code == 2
    assert "the following arguments are required: ACTION" in capsys.readouterr().err
