"""The auth rules without HTTP: header parsing, each refusal's challenge, expiry to the second, the token call."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from mockserver.core.clock import Clock
from mockserver.core.tokens import TokenIssuer
from mockserver.providers.onix.auth import OnixCaller, authenticate, expired_text, login, split
from mockserver.providers.onix.config import OnixConfig, load_config
from mockserver.providers.onix.errors import BadRequest, TokenExpired, Unauthorized
from tests.conftest import FROZEN_AT

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "onix.yaml"
KEY = "onix-key-nordlys-5c1f0e93d2a84b76"
USER, PASSWORD = "api@nordlys.example", "Nordlys-Demo-2026"


@pytest.fixture
def config() -> OnixConfig:
    return load_config(yaml.safe_load(FIXTURES.read_text(encoding="utf-8")), str(FIXTURES), {})


@pytest.fixture
def issuer() -> TokenIssuer:
    clock = Clock()
    clock.freeze(FROZEN_AT)
    return TokenIssuer(clock, None, rng=random.Random(1))


def challenge(exc: pytest.ExceptionInfo[Unauthorized]) -> str:
    assert exc.value.status == 401
    return exc.value.headers["WWW-Authenticate"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("abc", ("key", "abc")),
        ("  abc  ", ("key", "abc")),
        ("Key abc", ("key", "abc")),
        ("KEY  abc ", ("key", "abc")),
        ("Bearer abc", ("bearer", "abc")),
        ("bEaReR abc", ("bearer", "abc")),
        ("Basic abc", ("other", "abc")),
        ("Bearer a b", ("bearer", "a b")),
        ("Key a b", ("key", "a b")),
    ],
)
def test_split_reads_scheme_and_credential(header: str | None, expected: tuple[str, str] | None) -> None:
    assert split(header) == expected


def test_expired_text_is_the_aspnet_wording_in_utc() -> None:
    assert expired_text(FROZEN_AT.timestamp()) == "The token expired at '03/02/2026 09:30:00'"
    assert expired_text(0) == "The token expired at '01/01/1970 00:00:00'"


def test_login_issues_a_token_for_the_users_company(config: OnixConfig, issuer: TokenIssuer) -> None:
    caller, value = login(USER.upper(), PASSWORD, config, issuer)
    assert caller == OnixCaller("nordlys", USER)
    token = issuer.find(value)
    assert token is not None and (token.tenant, token.credential) == ("nordlys", USER)
    assert token.expires_at == FROZEN_AT.timestamp() + 3600


@pytest.mark.parametrize(
    ("username", "password"),
    [(USER, "wrong"), ("nobody@x.example", PASSWORD), (None, PASSWORD), (USER, None), (5, PASSWORD), (USER, 5)],
)
def test_login_refusals_are_bad_request(
    config: OnixConfig, issuer: TokenIssuer, username: object, password: object
) -> None:
    with pytest.raises(BadRequest):
        login(username, password, config, issuer)
    assert len(issuer) == 0


def test_key_opens_its_company_with_or_without_the_scheme(config: OnixConfig, issuer: TokenIssuer) -> None:
    assert authenticate(f"Key {KEY}", config, issuer) == OnixCaller("nordlys", KEY)
    assert authenticate(KEY, config, issuer) == OnixCaller("nordlys", KEY)
    other = "onix-key-fjordkontroll-8a2d4c61b0e9f357"
    assert authenticate(other, config, issuer) == OnixCaller("fjordkontroll", other)


def test_token_opens_its_company_until_it_expires(config: OnixConfig, issuer: TokenIssuer) -> None:
    _, value = login(USER, PASSWORD, config, issuer)
    assert authenticate(f"Bearer {value}", config, issuer) == OnixCaller("nordlys", value)
    issuer.clock.advance(3599)
    assert authenticate(f"Bearer {value}", config, issuer).tenant == "nordlys"
    issuer.clock.advance(1)
    with pytest.raises(TokenExpired) as caught:
        authenticate(f"Bearer {value}", config, issuer)
    assert challenge(caught) == (
        'Bearer error="invalid_token", error_description="The token expired at \'03/02/2026 10:30:00\'"'
    )


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "Bearer"),
        (
            f"Bearer {KEY}",
            'Bearer error="invalid_token", error_description="A long-lived company key goes under the Key scheme"',
        ),
        ("Bearer nope", 'Bearer error="invalid_token", error_description="The token is not valid"'),
        ("Key nope", 'Key error="invalid_token", error_description="The company key is not valid"'),
        (
            "Basic abc",
            'Bearer error="invalid_token", error_description="Use the Bearer scheme for a short-lived token, '
            'Key for the company key"',
        ),
    ],
)
def test_refusals_name_the_reason_in_the_challenge(
    config: OnixConfig, issuer: TokenIssuer, header: str | None, expected: str
) -> None:
    with pytest.raises(Unauthorized) as caught:
        authenticate(header, config, issuer)
    assert challenge(caught) == expected


@pytest.mark.parametrize("form", ["Key {}", "{}"])
def test_token_under_key_is_refused(config: OnixConfig, issuer: TokenIssuer, form: str) -> None:
    _, value = login(USER, PASSWORD, config, issuer)
    with pytest.raises(Unauthorized) as caught:
        authenticate(form.format(value), config, issuer)
    assert (
        challenge(caught)
        == 'Key error="invalid_token", error_description="A short-lived token goes under the Bearer scheme"'
    )


def test_revoked_token_is_not_valid(config: OnixConfig, issuer: TokenIssuer) -> None:
    _, value = login(USER, PASSWORD, config, issuer)
    issuer.revoke(value)
    with pytest.raises(Unauthorized) as caught:
        authenticate(f"Bearer {value}", config, issuer)
    assert challenge(caught) == 'Bearer error="invalid_token", error_description="The token is not valid"'


def test_token_of_a_company_no_longer_configured_is_refused(config: OnixConfig, issuer: TokenIssuer) -> None:
    value = issuer.issue("gone", USER, ttl_seconds=60).value
    with pytest.raises(Unauthorized) as caught:
        authenticate(f"Bearer {value}", config, issuer)
    assert (
        challenge(caught) == 'Bearer error="invalid_token", error_description="The token\'s company no longer exists"'
    )


def test_token_lifetime_follows_the_option(config: OnixConfig, issuer: TokenIssuer) -> None:
    short = config.model_copy(update={"options": config.options.model_copy(update={"token_minutes": 5})})
    _, value = login(USER, PASSWORD, short, issuer)
    token = issuer.find(value)
    assert token is not None and token.expires_at == FROZEN_AT.timestamp() + 300
