"""Deterministic generators: same seed and path give the same values; paths are independent."""

import gc

import pytest

from mockserver.core.seeding import collector_paused, derive_seed, faker, rng, uuid_from


def test_same_seed_and_path_give_the_same_values() -> None:
    assert [rng(7, "ons", "t", "clients").random() for _ in range(2)] == [
        rng(7, "ons", "t", "clients").random() for _ in range(2)
    ]
    assert faker(7, "ons", "t", "clients").name() == faker(7, "ons", "t", "clients").name()


def test_collections_and_tenants_draw_from_their_own_streams() -> None:
    seeds = {derive_seed(7, *p) for p in [("ons", "a", "clients"), ("ons", "a", "teams"), ("ons", "b", "clients")]}
    assert len(seeds) == 3
    assert derive_seed(7, "x") != derive_seed(8, "x")


def test_known_seed_gives_a_known_value_on_any_machine() -> None:
    # sha256-derived, not Python's salted hash(): stable across processes and machines.
    assert derive_seed(42, "ons") == int.from_bytes(__import__("hashlib").sha256(b"42:ons").digest()[:8], "big")


def test_uuid_from_a_seeded_generator_is_version_4_and_repeatable() -> None:
    first = uuid_from(rng(1, "ids"))
    assert first == uuid_from(rng(1, "ids"))
    assert first[14] == "4"


def test_the_cycle_collector_is_paused_while_a_store_is_seeded() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_overlapping_seedings_resume_the_collector_after_the_last() -> None:
    first, second = collector_paused(), collector_paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()  # the second seeding still runs
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_on_again_after_a_seeding_that_failed() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("seeding failed")
    assert gc.isenabled()
