"""The admin state view answers for the fixtures' tenants only, and never builds a store for any other name."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("provider", "collection", "known"),
    [("ons", "clients", "TE1002, DF0000"), ("onlineafspraken", "customers", "default, praktijk-west")],
)
def test_state_of_an_unknown_tenant_is_404_naming_the_known_ones(
    client: TestClient, provider: str, collection: str, known: str
) -> None:
    response = client.get(f"/__admin/state/{provider}/{collection}", params={"tenant": "nope"})
    assert response.status_code == 404
    assert response.json() == {"error": f"{provider} has no tenant 'nope'; known tenants: {known}"}


def test_reading_state_of_many_unknown_tenants_builds_no_store(client: TestClient) -> None:
    for n in range(50):
        assert client.get("/__admin/state/ons/clients", params={"tenant": f"t{n}"}).status_code == 404
    assert client.app.state.mock.built() == []  # type: ignore[attr-defined]
    assert client.get("/__admin/state/ons/clients", params={"tenant": "DF0000"}).status_code == 200
    assert client.app.state.mock.built() == [("ons", "DF0000")]  # type: ignore[attr-defined]
