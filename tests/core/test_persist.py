"""The state codec (values a store holds, as plain JSON and back) and the all-or-nothing file write."""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mockserver.core.persist import PersistError, decode, encode
from mockserver.core.statefile import write_atomically
from mockserver.providers.leanlaw.models import PracticeArea

AREA = "mockserver.providers.leanlaw.models:PracticeArea"


@dataclass(frozen=True)
class Outside:
    """A dataclass that is no provider's record: a document may not name it."""

    name: str = ""
    tags: list[str] = field(default_factory=list)


def test_every_kind_of_value_a_store_holds_comes_back_equal() -> None:
    generator = random.Random(7)
    generator.random()
    value: dict[str, Any] = {
        "stamps": [datetime(2026, 3, 2, 9, 30, tzinfo=UTC), datetime(2026, 3, 2, 10, 30), date(2026, 1, 1)],
        "times": (time(8, 15), timedelta(minutes=90)),
        "money": Decimal("12.50"),
        "by_id": {1061: {"name": "Smit"}, 1062: None},
        "by_pair": {("orders", 0, "ERP-1"): 20004},
        "odd_keys": {"$datetime": "not a tag"},
        "ids": {3, 1, 2},
        "plain": {"a": [1, 2.5, True, None, "x"]},
    }
    data = json.loads(json.dumps({**encode(value), "dice": encode(generator)}))
    assert data["stamps"][0] == {"$datetime": "2026-03-02T09:30:00+00:00"}
    assert data["by_id"] == {"$map": [[1061, {"name": "Smit"}], [1062, None]]}
    back = decode(data)
    assert back.pop("dice").random() == generator.random()
    assert back == value


def test_a_provider_record_keeps_its_class_and_fields() -> None:
    area = PracticeArea("pa-1", 1, datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 2, tzinfo=UTC), "Appeals")
    data = json.loads(json.dumps(encode(area)))
    assert data["$record"] == "mockserver.providers.leanlaw.models:PracticeArea"
    assert decode(data, package="mockserver.providers.leanlaw.") == area


@pytest.mark.parametrize(
    ("data", "package", "where"),
    [
        ({"$record": f"{__name__}:Outside", "fields": {}}, "mockserver.providers.", "x.$record"),
        ({"$record": AREA, "fields": {}}, "mockserver.providers.ons.", "x.$record"),
        ({"$record": AREA, "fields": {"seq": 1}}, "", "x.fields.id"),
        ({"$record": AREA, "fields": {"id": "1", "x": 1}}, "", "x.fields.x"),
        ({"$record": "mockserver.providers.leanlaw.models:os", "fields": {}}, "", "x.$record"),
        ({"$datetime": "yesterday"}, "", "x.$datetime"),
        ({"$datetime": "2026-01-01", "other": 1}, "", "x"),
        ({"$map": [[1, 2, 3]]}, "", "x.$map[0]"),
        ({"$map": [[[1], 2]]}, "", "x.$map[0]"),
        ({"$random": [3, "no", None]}, "", "x.$random"),
        ({"$eval": "1"}, "", "x"),
    ],
)
def test_data_that_is_no_saved_value_is_refused_naming_where(data: Any, package: str, where: str) -> None:
    with pytest.raises(PersistError) as caught:
        decode(data, "x", package=package or "mockserver.providers.")
    assert caught.value.field == where, caught.value


def test_a_value_the_codec_does_not_know_is_not_saved() -> None:
    with pytest.raises(TypeError):
        encode(object())


def test_the_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    target.write_text("old")
    size = write_atomically(target, {"big": ["x" * 1000] * 200})
    assert size == target.stat().st_size
    assert json.loads(target.read_text()) == {"big": ["x" * 1000] * 200}
    assert list(tmp_path.iterdir()) == [target]


def test_a_crash_between_writing_and_renaming_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "state.json"
    target.write_text('{"old": true}')
    seen: list[bytes] = []

    def crash(source: str, destination: object) -> None:
        seen.append(Path(source).read_bytes())  # the new document was whole on disk ...
        raise OSError(28, "No space left on device")  # ... and the process went down before the rename

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        write_atomically(target, {"new": True})
    assert json.loads(seen[0]) == {"new": True}
    assert target.read_text() == '{"old": true}'
    assert list(tmp_path.iterdir()) == [target]
