"""Fixed signing vectors: literal base strings and digests, written down once from the contract.

How the literals were made: each base string was written by hand from the rule in
seeds/onlineafspraken-how-the-api-works.txt (``method`` and the other parameters except ``api_*``,
sorted by key, key+value with no separators and no spaces, then the api secret, then the salt)
and from the client variants in research/provider-onlineafspraken-oncrawl.md §1.3. Its digests
came from a throw-away snippet outside the project, ``hashlib.sha256(base.encode()).hexdigest()``
and ``hashlib.sha1(...)``, and were pasted here. Nothing below is computed by mockserver code:
if the signing code changes its mind, these tests say so.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from mockserver.cli import main
from mockserver.providers.onlineafspraken.signing import (
    algorithm_for,
    digest,
    sign,
    signature_base,
    signed_query,
    verify,
    verify_sent,
)
from tests.providers.onlineafspraken.conftest import KEY, SECRET, Api, failure_of, status_of

#: tests.conftest.FROZEN_AT (2026-03-02 09:30 UTC) in Unix seconds: the salt every vector uses.
SALT = 1772443800

# The seed's own example, with its placeholders taken literally.
VENDOR_EXAMPLE = "id8methodgetResourceAPISECRETSALT"
VENDOR_EXAMPLE_SHA256 = "9e7996d5b85cdd4ad4706de302516af480a62d0c274b145094453abfc62bcbb9"
VENDOR_EXAMPLE_SHA1 = "b37af3d152051145de7578ffa184111b7514d9c3"

# getResource id 8 with the demo tenant's secret.
RESOURCE_8 = [("method", "getResource"), ("id", "8")]
RESOURCE_8_BASE = "id8methodgetResourceoa-demo-secret1772443800"
RESOURCE_8_SHA256 = "3bde75f7d648d08be44640c18ba29367948188f2e37cb44328539df96cf1849c"
RESOURCE_8_SHA1 = "bd38a27046183f60872505e843663f31a102420c"
#: The seeded data has no resource 8: a call whose signature passed gets this far.
PAST_THE_SIGNATURE = ("M09", "Resource 8 not found.")

# Several CamelCase keys: an ordinal sort puts every upper-case key before ``method``; a
# case-insensitive sort (.NET's default comparer, the MPOST client) puts ``method`` before ``StartDate``.
APPOINTMENTS = [
    ("method", "getAppointments"),
    ("AgendaId", "270"),
    ("StartDate", "2026-03-01"),
    ("EndDate", "2026-03-31"),
    ("Limit", "5"),
]
APPOINTMENTS_ORDINAL = (
    "AgendaId270EndDate2026-03-31Limit5StartDate2026-03-01methodgetAppointmentsoa-demo-secret1772443800"
)
APPOINTMENTS_ORDINAL_SHA256 = "d9db0a985fcbf125247df774694d5cf2fad2739b31a8b53a55e9877bba3f8b1e"
APPOINTMENTS_ORDINAL_SHA1 = "0fac052c9c7170adf6f7401ece6c549de0e01c09"
APPOINTMENTS_CASELESS = (
    "AgendaId270EndDate2026-03-31Limit5methodgetAppointmentsStartDate2026-03-01oa-demo-secret1772443800"
)
APPOINTMENTS_CASELESS_SHA256 = "81cda06b511ee11bcee926a51ae6514de3f81a373737b14138a0e5939d74b605"
APPOINTMENTS_CASELESS_SHA1 = "cd2af7408e125adaec0951bbe5265fceeaa4ce6c"

# Values with a space and a tab tell the space-handling variants apart; Zeta sorts after Alpha
# and before ``method`` ordinally, after ``method`` case-insensitively.
SPACED = [("method", "getAgendas"), ("Zeta", "a b\tc"), ("Alpha", "x y")]

#: (sort, spaces) -> (base string, SHA-256, SHA-1). "strip" removes spaces from the values (the
#: documented form), "keep" signs values as sent (MASIRA), "whitespace" removes all whitespace
#: from each key+value piece (RANDOCK). "everywhere" (MPOST) differs only with a spaced secret.
SPACED_VECTORS = {
    ("ordinal", "strip"): (
        "AlphaxyZetaab\tcmethodgetAgendasoa-demo-secret1772443800",
        "559d326009cca6eaab37a1cd6c2c2cd0253876177222d80840288f66b9d8ebd1",
        "31c2853a7a422a32eaa7ebd1b7b83922622d1f4f",
    ),
    ("ordinal", "keep"): (
        "Alphax yZetaa b\tcmethodgetAgendasoa-demo-secret1772443800",
        "786496f1abc51c214afd154509dffbc946867cc4b4d0c3b089d32ff9757a89e4",
        "ec521b6b6062981ef630f87f227d85feddcf3429",
    ),
    ("ordinal", "whitespace"): (
        "AlphaxyZetaabcmethodgetAgendasoa-demo-secret1772443800",
        "a7050c6565af4127f1326514c2b470a3ac21bb715628deac8bcc7aa10e8085f5",
        "4eb16270cb97c184ea42858ca886141ed81ecb8b",
    ),
    ("caseless", "strip"): (
        "AlphaxymethodgetAgendasZetaab\tcoa-demo-secret1772443800",
        "a47f75aae62efaa19c64ee7bf1f0a0ba850ca6989f5b7245a33059d2e73d0f81",
        "69049735dd226ea913d4913b601485799ba273d7",
    ),
    ("caseless", "keep"): (
        "Alphax ymethodgetAgendasZetaa b\tcoa-demo-secret1772443800",
        "673b52b3c1505b5dcdebc19667987bfae22d780dfd34503d7cecf4019227f0cc",
        "0dd26a3d7115fd1f9364e24e92329246cd90ca89",
    ),
    ("caseless", "whitespace"): (
        "AlphaxymethodgetAgendasZetaabcoa-demo-secret1772443800",
        "f9d81d4f97c16129d5f3ae2cf674f784aa1b873632957cd233662081fecfa719",
        "faee1df1d19704ad7eda3c81d59c1584b37e81b1",
    ),
}
VARIANT_IDS = [f"{sort}-{spaces}" for sort, spaces in SPACED_VECTORS]

# A secret with a space: the documented form keeps it, MPOST strips every space of the whole string.
SPACED_SECRET, SMALL_SALT = "my secret", 10
SECRET_KEPT = "AlphaxyZetaab\tcmethodgetAgendasmy secret10"
SECRET_KEPT_SHA256 = "064f0ec9c2c4b464a796bbda3855156e079b785cdb78b6da64029d00c5bbe9f4"
SECRET_STRIPPED = "AlphaxyZetaab\tcmethodgetAgendasmysecret10"
SECRET_STRIPPED_SHA256 = "403b61fea2814f3778543c71bff95436e2d9cc606e5dc6bb5388b3ddab7bdfd8"


def signed(pairs: list[tuple[str, str]], signature: str, *, key: str = KEY) -> list[tuple[str, str]]:
    return [*pairs, ("api_key", key), ("api_salt", str(SALT)), ("api_signature", signature)]


# -- the base strings and digests -----------------------------------------------------------


def test_vendor_example_base_and_digests() -> None:
    base = signature_base([("method", "getResource"), ("id", "8")], "APISECRET", "SALT")
    assert base == VENDOR_EXAMPLE
    assert sign(RESOURCE_8, "APISECRET", "SALT") == VENDOR_EXAMPLE_SHA256
    assert sign(RESOURCE_8, "APISECRET", "SALT", algorithm="sha1") == VENDOR_EXAMPLE_SHA1


def test_vendor_example_with_the_demo_secret_and_a_numeric_salt() -> None:
    assert signature_base(RESOURCE_8, SECRET, SALT) == RESOURCE_8_BASE
    assert sign(RESOURCE_8, SECRET, SALT) == RESOURCE_8_SHA256
    assert sign(RESOURCE_8, SECRET, str(SALT), algorithm="sha1") == RESOURCE_8_SHA1


def test_documented_form_of_camel_case_keys_sorts_ordinally() -> None:
    assert signature_base(APPOINTMENTS, SECRET, SALT) == APPOINTMENTS_ORDINAL
    assert sign(APPOINTMENTS, SECRET, SALT) == APPOINTMENTS_ORDINAL_SHA256
    assert sign(APPOINTMENTS, SECRET, SALT, algorithm="sha1") == APPOINTMENTS_ORDINAL_SHA1


def test_caseless_sort_puts_method_before_upper_case_keys() -> None:
    assert signature_base(APPOINTMENTS, SECRET, SALT, sort="caseless") == APPOINTMENTS_CASELESS
    assert sign(APPOINTMENTS, SECRET, SALT, sort="caseless") == APPOINTMENTS_CASELESS_SHA256


@pytest.mark.parametrize(("variant", "expected"), SPACED_VECTORS.items(), ids=VARIANT_IDS)
def test_each_variant_builds_its_literal_base_and_digests(variant: tuple[str, str], expected: tuple) -> None:
    sort, spaces = variant
    base, sha256, sha1 = expected
    assert signature_base(SPACED, SECRET, SALT, sort=sort, spaces=spaces) == base  # type: ignore[arg-type]
    assert sign(SPACED, SECRET, SALT, sort=sort, spaces=spaces) == sha256  # type: ignore[arg-type]
    assert sign(SPACED, SECRET, SALT, algorithm="sha1", sort=sort, spaces=spaces) == sha1  # type: ignore[arg-type]


def test_whole_string_variant_strips_the_secret_too() -> None:
    assert signature_base(SPACED, SPACED_SECRET, SMALL_SALT) == SECRET_KEPT
    assert signature_base(SPACED, SPACED_SECRET, SMALL_SALT, spaces="everywhere") == SECRET_STRIPPED
    assert signature_base(SPACED, SPACED_SECRET, SMALL_SALT, sort="caseless", spaces="everywhere") == (
        "AlphaxymethodgetAgendasZetaab\tcmysecret10"
    )


@pytest.mark.parametrize(
    ("strict", "signature", "accepted"),
    [
        (False, SECRET_KEPT_SHA256, True),
        (False, SECRET_STRIPPED_SHA256, True),
        (True, SECRET_KEPT_SHA256, True),
        (True, SECRET_STRIPPED_SHA256, False),
    ],
    ids=["lenient-documented", "lenient-whole-string", "strict-documented", "strict-whole-string"],
)
def test_verify_with_a_spaced_secret(strict: bool, signature: str, accepted: bool) -> None:
    assert verify(SPACED, SPACED_SECRET, SMALL_SALT, signature, strict=strict) is accepted


# FIPS 180 test vectors for "abc", and a UTF-8 value hashed by hand.
ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
ABC_SHA1 = "a9993e364706816aba3e25717850c26c9cd0d89d"
E_ACUTE_SHA256 = "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c"
CAFE = [("method", "getAgendas"), ("Name", "café")]
CAFE_BASE = "NamecafémethodgetAgendasoa-demo-secret1772443800"
CAFE_SHA256 = "7b1dd61b90cc2ae647ccbf81c329dc26fa0c6384d00b34747604e7739e591118"


def test_digest_is_lower_case_hex_of_the_utf8_text() -> None:
    assert digest("abc") == ABC_SHA256
    assert digest("abc", "sha1") == ABC_SHA1
    assert digest("é") == E_ACUTE_SHA256


@pytest.mark.parametrize(
    ("signature", "algorithm"),
    [("a" * 64, "sha256"), ("A" * 40, "sha1"), (ABC_SHA256.upper(), "sha256"), ("a" * 63, None), ("a" * 41, None)]
    + [("g" * 64, None), ("", None), ("a" * 40 + "\n", None), (" " + "a" * 40, None)],
)
def test_algorithm_for_goes_by_length_of_a_hex_digest(signature: str, algorithm: str | None) -> None:
    assert algorithm_for(signature) == algorithm


def test_sign_and_signed_query_default_to_the_documented_form_in_sha256() -> None:
    assert sign(SPACED, SECRET, SALT) == SPACED_VECTORS[("ordinal", "strip")][1]
    assert signed_query("getResource", [("id", "8")], KEY, SECRET, SALT) == [
        *RESOURCE_8,
        ("api_key", KEY),
        ("api_salt", "1772443800"),
        ("api_signature", RESOURCE_8_SHA256),
    ]
    assert signed_query("getResource", [("id", "8")], KEY, SECRET, SALT, algorithm="sha1")[-1] == (
        "api_signature",
        RESOURCE_8_SHA1,
    )


def test_values_are_signed_as_utf8() -> None:
    assert signature_base(CAFE, SECRET, SALT) == CAFE_BASE
    assert sign(CAFE, SECRET, SALT) == CAFE_SHA256


def test_verify_is_lenient_unless_told_to_be_strict() -> None:
    caseless_keep = SPACED_VECTORS[("caseless", "keep")][1]
    assert verify(SPACED, SECRET, SALT, caseless_keep) is True
    assert verify(SPACED, SECRET, SALT, caseless_keep.upper()) is True
    assert verify(SPACED, SECRET, SALT, caseless_keep, strict=True) is False


@pytest.mark.parametrize("signature", ["", "xyz", "a" * 63, "g" * 64])
def test_verify_refuses_what_is_no_hex_digest(signature: str) -> None:
    assert verify(SPACED, SECRET, SALT, signature) is False


def test_verify_sent_reads_the_digest_with_the_algorithm_given() -> None:
    # The request path reads the algorithm once, from the signature's length, and hands it on.
    assert verify_sent(RESOURCE_8, SECRET, SALT, RESOURCE_8_SHA1, "sha1", strict=True) is True
    assert verify_sent(RESOURCE_8, SECRET, SALT, RESOURCE_8_SHA1.upper(), "sha1", strict=False) is True
    assert verify_sent(RESOURCE_8, SECRET, SALT, RESOURCE_8_SHA1, "sha256", strict=False) is False


def test_verify_sent_leaves_the_auth_parameters_out_in_any_case() -> None:
    sent = [*RESOURCE_8, ("API_KEY", KEY), ("Api_Salt", str(SALT)), ("api_SIGNATURE", RESOURCE_8_SHA256)]
    assert verify_sent(sent, SECRET, SALT, RESOURCE_8_SHA256, "sha256", strict=True) is True


# -- the same literals through HTTP ---------------------------------------------------------


@pytest.mark.parametrize("signature", [RESOURCE_8_SHA256, RESOURCE_8_SHA1, RESOURCE_8_SHA256.upper()])
def test_vendor_example_with_demo_secret_is_accepted(shared_api: Api, signature: str) -> None:
    root = shared_api.send(signed(RESOURCE_8, signature))
    assert failure_of(root) == PAST_THE_SIGNATURE


@pytest.mark.parametrize(
    "signature",
    [APPOINTMENTS_ORDINAL_SHA256, APPOINTMENTS_ORDINAL_SHA1, APPOINTMENTS_CASELESS_SHA256, APPOINTMENTS_CASELESS_SHA1],
    ids=["ordinal-sha256", "ordinal-sha1", "caseless-sha256", "caseless-sha1"],
)
def test_lenient_mode_accepts_both_sorts_of_camel_case_keys(shared_api: Api, signature: str) -> None:
    assert status_of(shared_api.send(signed(APPOINTMENTS, signature))) == "success"


@pytest.mark.parametrize(("variant", "expected"), SPACED_VECTORS.items(), ids=VARIANT_IDS)
@pytest.mark.parametrize("algorithm", ["sha256", "sha1"])
def test_lenient_mode_accepts_each_client_variant(
    shared_api: Api, variant: tuple[str, str], expected: tuple, algorithm: str
) -> None:
    signature = expected[1] if algorithm == "sha256" else expected[2]
    assert status_of(shared_api.send(signed(SPACED, signature))) == "success"


def test_non_ascii_value_is_signed_as_utf8(shared_api: Api) -> None:
    assert status_of(shared_api.send(signed(CAFE, CAFE_SHA256))) == "success"


def test_upper_case_hex_sha1_of_a_variant_is_accepted(shared_api: Api) -> None:
    # MPOST sends upper-case SHA-1 hex over a case-insensitive sort.
    signature = SPACED_VECTORS[("caseless", "strip")][2].upper()
    assert status_of(shared_api.send(signed(SPACED, signature))) == "success"


@pytest.mark.parametrize(("variant", "expected"), SPACED_VECTORS.items(), ids=VARIANT_IDS)
def test_strict_mode_accepts_only_the_documented_form(
    strict_api: Api, variant: tuple[str, str], expected: tuple
) -> None:
    for signature in expected[1:]:
        root = strict_api.send(signed(SPACED, signature))
        if variant == ("ordinal", "strip"):
            assert status_of(root) == "success"
        else:
            assert failure_of(root)[0] == "M05"


def test_strict_mode_refuses_the_caseless_sort(strict_api: Api) -> None:
    assert status_of(strict_api.send(signed(APPOINTMENTS, APPOINTMENTS_ORDINAL_SHA1))) == "success"
    assert status_of(strict_api.send(signed(APPOINTMENTS, APPOINTMENTS_ORDINAL_SHA256.upper()))) == "success"
    assert failure_of(strict_api.send(signed(APPOINTMENTS, APPOINTMENTS_CASELESS_SHA256)))[0] == "M05"


def test_auth_parameters_in_other_case_are_left_out_of_the_base(shared_api: Api) -> None:
    # Names are looked up case-insensitively, so API_KEY is the api key and is never signed.
    query = [*RESOURCE_8, ("API_KEY", KEY), ("Api_Salt", str(SALT)), ("API_SIGNATURE", RESOURCE_8_SHA256)]
    assert failure_of(shared_api.send(query)) == PAST_THE_SIGNATURE


@pytest.mark.parametrize("reserved", ["api_format", "api_lang", "api_jsonp_callback"])
def test_reserved_api_parameters_are_not_signed(shared_api: Api, reserved: str) -> None:
    query = signed([*RESOURCE_8, (reserved, "x")], RESOURCE_8_SHA256)
    assert failure_of(shared_api.send(query)) == PAST_THE_SIGNATURE


def test_a_parameter_outside_the_base_breaks_the_signature(shared_api: Api) -> None:
    query = signed([*RESOURCE_8, ("api_other", "x")], RESOURCE_8_SHA256)
    assert failure_of(shared_api.send(query))[0] == "M05"


# -- mockserver sign ------------------------------------------------------------------------


@pytest.mark.parametrize(("flag", "expected"), [([], RESOURCE_8_SHA256), (["--sha1"], RESOURCE_8_SHA1)])
def test_sign_command_prints_the_literal_signature(
    capsys: pytest.CaptureFixture[str], shared_api: Api, flag: list[str], expected: str
) -> None:
    assert main(["sign", "getResource", "id=8", "--salt", str(SALT), *flag]) == 0
    url = capsys.readouterr().out.strip()
    query = parse_qsl(urlsplit(url).query)
    signature = dict(query)["api_signature"]
    assert re.fullmatch("[0-9a-f]{64}" if not flag else "[0-9a-f]{40}", signature)
    assert signature == expected
    assert failure_of(shared_api.send(query)) == PAST_THE_SIGNATURE
