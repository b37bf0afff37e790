"""PerConfig: a value built once per config object, built again when another config is in force."""

from __future__ import annotations

from mockserver.core.derived import PerConfig


class Config:
    """A stand-in config: two are never the same object, whatever they hold."""

    def __init__(self, keys: tuple[str, ...]) -> None:
        self.keys = keys


def test_per_config_builds_once_for_the_same_config() -> None:
    builds: list[tuple[str, ...]] = []

    def build(config: Config) -> set[str]:
        builds.append(config.keys)
        return set(config.keys)

    table = PerConfig(build)
    config = Config(("a", "b"))
    assert table.of(config) == {"a", "b"}
    assert table.of(config) == {"a", "b"}
    assert builds == [("a", "b")]


def test_per_config_builds_again_for_another_config_even_an_equal_one() -> None:
    builds: list[tuple[str, ...]] = []

    def build(config: Config) -> set[str]:
        builds.append(config.keys)
        return set(config.keys)

    table = PerConfig(build)
    first, second = Config(("a",)), Config(("b",))
    assert table.of(first) == {"a"}
    assert table.of(second) == {"b"}
    assert table.of(first) == {"a"}
    assert table.of(Config(("a",))) == {"a"}
    assert builds == [("a",), ("b",), ("a",), ("a",)]
