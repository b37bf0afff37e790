"""PerConfig: a value built once per config object, built again when another config is in force."""

from __future__ import annotations

from mockserver.core.derived import PerConfig


class Config:
    """A stand-in config: two are never the same object, whatever they hold."""

    def __init__(self, keys: tuple[str, ...]) -> None:
        self.keys = keys


class Counted:
    """A PerConfig whose builds are written down: the keys of each config it was built for."""

    def __init__(self) -> None:
        self.builds: list[tuple[str, ...]] = []
        self.table = PerConfig(self.build)

    def build(self, config: Config) -> set[str]:
        self.builds.append(config.keys)
        return set(config.keys)


def test_per_config_builds_once_for_the_same_config() -> None:
    counted, config = Counted(), Config(("a", "b"))
    assert [counted.table.of(config), counted.table.of(config)] == [{"a", "b"}, {"a", "b"}]
    assert counted.builds == [("a", "b")]


def test_per_config_builds_again_for_another_config_even_an_equal_one() -> None:
    counted, first, second = Counted(), Config(("a",)), Config(("b",))
    answers = [counted.table.of(first), counted.table.of(second), counted.table.of(first)]
    assert answers + [counted.table.of(Config(("a",)))] == [{"a"}, {"b"}, {"a"}, {"a"}]
    assert counted.builds == [("a",), ("b",), ("a",), ("a",)]
