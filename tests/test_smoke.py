"""The app builds and the admin API answers."""

from fastapi.testclient import TestClient


def test_health_lists_providers_and_seed(client: TestClient) -> None:
    body = client.get("/__admin/health").json()
    assert body["status"] == "ok"
    assert body["seed"] == 1234
    assert {p["name"] for p in body["providers"]} >= {"ons", "onlineafspraken"}
