"""The list engine on its own: select tokens, sort text, paging bounds, filters, totals."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mockserver.providers.leanlaw import params
from mockserver.providers.leanlaw.errors import InvalidRequest
from mockserver.providers.leanlaw.query import Filter, ListSpec, read_query, read_select, read_sort, run

SPEC = ListSpec(
    operation="ListThings",
    select=("contact", "meta", "customFields"),
    defaults=frozenset({"meta"}),
    sort={"name": lambda r, s: r.name, "size": lambda r, s: r.size},
    default_sort="name",
    filters=(Filter("big", params.boolean, lambda r, v, s: (r.size > 5) == v),),
)


@dataclass
class Thing:
    seq: int
    name: str | None
    size: int


THINGS = [Thing(1, "beta", 3), Thing(2, "Alpha", 9), Thing(3, None, 9), Thing(4, "gamma", 1)]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, {"meta"}),
        ("", {"meta"}),
        ("contact", {"contact", "meta"}),
        ("contact,-meta", {"contact"}),
        ("-meta,meta", {"meta"}),
        ("meta,-meta", set()),
        ("CONTACT, customfields", {"contact", "meta", "customFields"}),
        (",,contact,", {"contact", "meta"}),
    ],
)
def test_select_tokens_apply_in_order(raw: str | None, expected: set[str]) -> None:
    assert read_select(SPEC, raw) == expected


@pytest.mark.parametrize(
    ("raw", "token"), [("address", "address"), ("-nope", "-nope"), ("contact,x", "x"), ("Xcontact", "Xcontact")]
)
def test_unknown_select_token_is_400_naming_it_and_the_supported_ones(raw: str, token: str) -> None:
    with pytest.raises(InvalidRequest) as caught:
        read_select(SPEC, raw)
    assert caught.value.errors == {
        "select": [f"Unknown select field '{token}'. Supported fields: contact, meta, customFields."]
    }


def test_select_token_may_carry_a_plus() -> None:
    assert read_select(SPEC, "+contact") == {"contact", "meta"}


@pytest.mark.parametrize(
    ("raw", "keys", "echo"),
    [
        (None, (("name", False),), "name"),
        ("-size", (("size", True),), "-size"),
        ("SIZE,-Name", (("size", False), ("name", True)), "size,-name"),
        ("name,,-size", (("name", False), ("size", True)), "name,-size"),
        ("+size", (("size", False),), "size"),
    ],
)
def test_sort_is_read_and_echoed(raw: str | None, keys: tuple[tuple[str, bool], ...], echo: str) -> None:
    assert read_sort(SPEC, raw) == (keys, echo)


@pytest.mark.parametrize(("raw", "token"), [("name,colour", "colour"), ("Xname", "Xname")])
def test_unknown_sort_field_is_400_on_sort(raw: str, token: str) -> None:
    with pytest.raises(InvalidRequest) as caught:
        read_sort(SPEC, raw)
    assert caught.value.errors == {"sort": [f"Unknown sort field '{token}'. Supported sort fields: name, size."]}


def test_endpoint_without_select_or_sort_ignores_them() -> None:
    bare = ListSpec(operation="ListBare", paged=False)
    q = read_query(bare, {"select": "anything", "sort": "-whatever", "limit": "5000"})
    assert (q.include, q.sort, q.sort_text, q.limit) == (frozenset(), (), None, 1000)


def test_empty_filter_value_is_no_filter() -> None:
    assert read_query(SPEC, {"big": ""}).filters == {}


def test_offset_zero_and_limit_bounds_are_accepted() -> None:
    assert (read_query(SPEC, {"offset": "0", "limit": "1"}).offset, read_query(SPEC, {"limit": "1000"}).limit) == (
        0,
        1000,
    )


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "1001"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"offset": "2147483648"}, "offset"),
        ({"offset": "1.5"}, "offset"),
        ({"big": "yes"}, "big"),
    ],
)
def test_bad_paging_or_filter_is_400_naming_it(query: dict[str, str], field: str) -> None:
    with pytest.raises(InvalidRequest) as caught:
        read_query(SPEC, query)
    assert list(caught.value.errors) == [field]


def test_paging_defaults_to_a_thousand_from_zero() -> None:
    q = read_query(SPEC, {})
    assert (q.limit, q.offset) == (1000, 0)


def test_sort_puts_nulls_first_and_ignores_case() -> None:
    page, total = run(SPEC, read_query(SPEC, {}), THINGS, None)
    assert [t.seq for t in page] == [3, 2, 1, 4]
    assert total == 4


def test_multi_key_sort_with_directions() -> None:
    page, _ = run(SPEC, read_query(SPEC, {"sort": "-size,name"}), THINGS, None)
    assert [t.seq for t in page] == [3, 2, 1, 4]
    page, _ = run(SPEC, read_query(SPEC, {"sort": "-size,-name"}), THINGS, None)
    assert [t.seq for t in page] == [2, 3, 1, 4]


def test_total_counts_every_match_after_filters_not_the_page() -> None:
    page, total = run(SPEC, read_query(SPEC, {"big": "true", "limit": "1", "offset": "1"}), THINGS, None)
    assert total == 2
    assert [t.seq for t in page] == [2]


def test_offset_past_the_end_gives_an_empty_page_and_the_total() -> None:
    page, total = run(SPEC, read_query(SPEC, {"offset": "50"}), THINGS, None)
    assert (page, total) == ([], 4)


def test_filters_and_sort_keys_see_the_store() -> None:
    ranks = {"beta": 2, "Alpha": 1, "gamma": 3}
    spec = ListSpec(
        operation="ListRanked",
        sort={"rank": lambda r, s: s.get(r.name)},
        filters=(Filter("ranked", params.boolean, lambda r, v, s: (r.name in s) == v),),
    )
    page, total = run(spec, read_query(spec, {"ranked": "true", "sort": "-rank"}), THINGS, ranks)
    assert [t.name for t in page] == ["gamma", "beta", "Alpha"]
    assert total == 3


def test_select_and_sort_read_again_give_the_same_answer_and_a_bad_one_is_refused_every_time() -> None:
    assert [read_select(SPEC, "contact,-meta") for _ in range(2)] == [frozenset({"contact"})] * 2
    assert [read_sort(SPEC, "-size,name") for _ in range(2)] == [((("size", True), ("name", False)), "-size,name")] * 2
    for _ in range(2):
        with pytest.raises(InvalidRequest):
            read_select(SPEC, "colour")
        with pytest.raises(InvalidRequest):
            read_sort(SPEC, "colour")


def test_select_and_sort_text_is_read_per_endpoint() -> None:
    other = ListSpec(operation="ListOther", select=("notes",), sort={"size": lambda r, s: r.size})
    assert (read_select(SPEC, "contact"), read_sort(SPEC, "size")) == (
        {"contact", "meta"},
        ((("size", False),), "size"),
    )
    with pytest.raises(InvalidRequest):
        read_select(other, "contact")
    assert read_sort(other, None) == ((), None)
    assert read_select(other, "notes") == {"notes"}
