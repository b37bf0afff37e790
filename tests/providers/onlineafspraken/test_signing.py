"""Signature and salt window: the documented form, real clients' variants, strict mode, edges."""

from __future__ import annotations

from datetime import datetime

import pytest

from mockserver.core.clock import Clock
from mockserver.providers.onlineafspraken.signing import sign, signature_base, verify
from tests.providers.onlineafspraken.conftest import Api, failure_of, status_of


def test_signature_base_matches_vendor_example() -> None:
    # seeds/onlineafspraken-how-the-api-works.txt: id8methodgetResourceAPISECRETSALT
    base = signature_base([("method", "getResource"), ("id", "8"), ("api_key", "k")], "APISECRET", "SALT")
    assert base == "id8methodgetResourceAPISECRETSALT"


def test_signature_base_leaves_out_every_api_parameter() -> None:
    reserved = ["api_key", "api_salt", "api_signature", "api_format", "api_lang", "api_jsonp_callback"]
    base = signature_base([("method", "getAgendas"), *((name, "x") for name in reserved)], "S", 1)
    assert base == "methodgetAgendasS1"


@pytest.mark.parametrize("offset", [0, -300], ids=["salt-equals-now", "salt-300-behind"])
def test_salt_inside_window_is_accepted(shared_api: Api, offset: int) -> None:
    api = shared_api
    root = api.send(api.query("getAgendas", {}, salt=api.now() + offset))
    assert status_of(root) == "success"


RESYNC = (
    "Sign again with the server time as the salt: it is Status/Timestamp of this reply "
    "(mockserver sign --sync does that)."
)


@pytest.mark.parametrize(
    ("offset", "code", "why"),
    [
        (-301, "M03", "API salt 1772443499 is more than 300 seconds older than the server time 1772443800."),
        (1, "M04", "API salt 1772443801 is later than the server time 1772443800."),
    ],
    ids=["salt-301-behind", "salt-1-ahead"],
)
def test_salt_outside_window_fails_with_server_timestamp(
    api: Api, clock: Clock, offset: int, code: str, why: str
) -> None:
    root = api.send(api.query("getAgendas", {}, salt=api.now() + offset))
    assert failure_of(root)[0] == code
    assert root.findtext("Status/Message") == f"{why} {RESYNC}"
    assert root.findtext("Status/Timestamp") == str(api.now())
    local = datetime.strptime(str(root.findtext("Status/Date")), "%Y-%m-%d %H:%M:%S")
    assert int((local - clock.now().replace(tzinfo=None)).total_seconds()) == 3600  # GMT+1


def test_a_write_with_a_stale_salt_changes_nothing(api: Api) -> None:
    before = api.ok("getCustomers").findtext("Status/Stats/TotalRecords")
    params = {"FirstName": "Piet", "LastName": "Jansen", "Email": "piet@example.nl"}
    root = api.send(api.query("setCustomer", params, salt=api.now() - 301))
    assert failure_of(root) == (
        "M03",
        f"API salt 1772443499 is more than 300 seconds older than the server time 1772443800. {RESYNC}",
    )
    assert api.ok("getCustomers").findtext("Status/Stats/TotalRecords") == before == "26"


@pytest.mark.parametrize(("advance", "accepted"), [(0, True), (300, True), (301, False)])
def test_signed_url_expires_when_virtual_clock_moves_past_window(
    api: Api, clock: Clock, advance: int, accepted: bool
) -> None:
    query = api.query("getAgendas", {})
    clock.advance(advance)
    root = api.send(query)
    assert (status_of(root) == "success") is accepted


def test_salt_compares_whole_seconds_of_a_fractional_clock(api: Api, clock: Clock) -> None:
    clock.advance(0.75)
    root = api.send(api.query("getAgendas", {}, salt=api.now()))
    assert status_of(root) == "success"


@pytest.mark.parametrize("salt", ["abc", "12.5", "-5", "1e9", " 1"])
def test_non_numeric_salt_fails(shared_api: Api, salt: str) -> None:
    api = shared_api
    query = [(k, salt if k == "api_salt" else v) for k, v in api.query("getAgendas", {})]
    assert failure_of(api.send(query))[0] == "M02"


# The client variants and strict mode are pinned by literal vectors in test_signing_vectors.py.


SIGNED_CALL = {"AgendaId": "270", "StartDate": "2026-03-01", "EndDate": "2026-03-31", "Limit": "5"}


@pytest.mark.parametrize("key", ["method", *SIGNED_CALL])
def test_one_character_change_in_a_signed_value_fails(shared_api: Api, key: str) -> None:
    api = shared_api
    query = api.query("getAppointments", SIGNED_CALL)
    assert status_of(api.send(query)) == "success"
    tampered = [(k, v[:-1] + ("X" if v[-1] != "X" else "Y") if k == key else v) for k, v in query]
    assert failure_of(api.send(tampered))[0] == "M05"


def test_one_character_change_in_the_signature_fails(shared_api: Api) -> None:
    api = shared_api
    query = api.query("getAgendas", {})
    flipped = [(k, v[:-1] + ("0" if v[-1] != "0" else "1") if k == "api_signature" else v) for k, v in query]
    assert failure_of(api.send(flipped))[0] == "M05"


@pytest.mark.parametrize("signature", ["", "xyz", "ab" * 31, "g" * 64, "a" * 63])
def test_signature_that_is_no_hex_digest_fails(shared_api: Api, signature: str) -> None:
    api = shared_api
    query = [(k, signature if k == "api_signature" else v) for k, v in api.query("getAgendas", {})]
    code, _ = failure_of(api.send(query))
    assert code == ("B57" if signature == "" else "M05")


def test_other_tenants_secret_does_not_verify(shared_api: Api) -> None:
    api = shared_api
    query = [(k, "oa-west-key" if k == "api_key" else v) for k, v in api.query("getAgendas", {})]
    assert failure_of(api.send(query))[0] == "M05"


def test_verify_refuses_signature_over_other_parameters() -> None:
    signature = sign({"method": "getResource", "id": "8"}, "s", 10)
    assert verify({"method": "getResource", "id": "8"}, "s", 10, signature)
    assert not verify({"method": "getResource", "id": "9"}, "s", 10, signature)
    assert not verify({"method": "getResource", "id": "8"}, "s", 11, signature)


# Spaces and a tab in the values: with a secret without spaces the 8 forms give 6 different base
# strings (removing spaces everywhere equals removing them from the values), hand-counted from
# research/provider-onlineafspraken-oncrawl.md §1.3 and test_signing_vectors.SPACED_VECTORS.
SPACED = [("method", "getAgendas"), ("Zeta", "a b\tc"), ("Alpha", "x y")]
#: SHA-256 of the documented form, "AlphaxyZetaab\tcmethodgetAgendasoa-demo-secret1772443800".
SPACED_DOCUMENTED = "559d326009cca6eaab37a1cd6c2c2cd0253876177222d80840288f66b9d8ebd1"
#: SHA-256 of the last distinct form tried, caseless sort with all whitespace removed.
SPACED_CASELESS_WHITESPACE = "f9d81d4f97c16129d5f3ae2cf674f784aa1b873632957cd233662081fecfa719"


def hashed_by_verify(monkeypatch: pytest.MonkeyPatch, *args: object, **kwargs: object) -> tuple[bool, list[str]]:
    """verify's answer and the base strings it hashed, in order."""
    from mockserver.providers.onlineafspraken import signing

    hashed: list[str] = []
    real = signing.digest

    def counting(text: str, algorithm: signing.Algorithm = "sha256") -> str:
        hashed.append(text)
        return real(text, algorithm)

    monkeypatch.setattr(signing, "digest", counting)
    return verify(*args, **kwargs), hashed  # type: ignore[arg-type]


def test_verify_stops_at_the_documented_form_when_it_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    accepted, hashed = hashed_by_verify(monkeypatch, SPACED, "oa-demo-secret", 1772443800, SPACED_DOCUMENTED)
    assert accepted is True
    assert hashed == ["AlphaxyZetaab\tcmethodgetAgendasoa-demo-secret1772443800"]


def test_verify_hashes_each_distinct_base_string_once(monkeypatch: pytest.MonkeyPatch) -> None:
    accepted, hashed = hashed_by_verify(monkeypatch, SPACED, "oa-demo-secret", 1772443800, "0" * 64)
    assert accepted is False
    assert len(hashed) == 6
    assert len(set(hashed)) == 6


def test_verify_tries_the_variants_when_the_documented_form_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    accepted, hashed = hashed_by_verify(monkeypatch, SPACED, "oa-demo-secret", 1772443800, SPACED_CASELESS_WHITESPACE)
    assert accepted is True
    assert hashed[0] == "AlphaxyZetaab\tcmethodgetAgendasoa-demo-secret1772443800"
    assert hashed[-1] == "AlphaxymethodgetAgendasZetaabcoa-demo-secret1772443800"
    assert len(hashed) == 6


def test_verify_hashes_one_string_when_every_form_agrees(monkeypatch: pytest.MonkeyPatch) -> None:
    # No spaces and keys in the same order both ways: all 8 forms give "id8methodgetResources10".
    accepted, hashed = hashed_by_verify(monkeypatch, [("method", "getResource"), ("id", "8")], "s", 10, "0" * 40)
    assert accepted is False
    assert hashed == ["id8methodgetResources10"]
