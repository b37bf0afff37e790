"""Cursor paging: opaque cursors walk a collection page by page; foreign cursors are refused."""

from __future__ import annotations

import pytest

from mockserver.core.pagination import BadCursor, decode_cursor, encode_cursor, paginate_cursor


def test_cursors_walk_every_item_once_and_the_last_page_has_none() -> None:
    items = list(range(7))
    seen, cursor, pages = [], None, 0
    while True:
        page = paginate_cursor(items, cursor, 3)
        seen += list(page.items)
        pages += 1
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == items and pages == 3


def test_an_exact_fit_ends_without_a_cursor_and_an_empty_collection_has_one_empty_page() -> None:
    assert paginate_cursor([1, 2], None, 2).next_cursor is None
    assert paginate_cursor([], None, 5).items == []


@pytest.mark.parametrize("cursor", ["", "!!", "YXQ6LTE", "Zm9vOjE", "YXQ6eA"])
def test_a_cursor_this_server_did_not_give_is_refused(cursor: str) -> None:
    with pytest.raises(BadCursor):
        paginate_cursor([1, 2, 3], cursor, 2)


# Cursors are URL-safe base64 of "at:<position>" without padding; these were encoded by hand with
# base64.urlsafe_b64encode outside the project (b"at:3" -> "YXQ6Mw==").
AT_0, AT_1, AT_3, AT_6, AT_10 = "YXQ6MA", "YXQ6MQ", "YXQ6Mw", "YXQ6Ng", "YXQ6MTA"


def test_encode_cursor_writes_the_position_as_unpadded_url_safe_base64() -> None:
    assert [encode_cursor(n) for n in (0, 1, 3, 6, 10)] == [AT_0, AT_1, AT_3, AT_6, AT_10]


@pytest.mark.parametrize(
    ("cursor", "position"), [(AT_0, 0), (AT_3, 3), (AT_10, 10), ("YXQ6Mw==", 3), ("YXQ6MTIzNA", 1234)]
)
def test_decode_cursor_reads_the_position_padded_or_not(cursor: str, position: int) -> None:
    assert decode_cursor(cursor) == position


@pytest.mark.parametrize("cursor", ["", "!!", "YXQ6LTE", "Zm9vOjE", "YXQ6eA", "YXQ6", "_w", "YXQ6MToy", "QVQ6MQ"])
def test_a_foreign_cursor_is_refused_by_name(cursor: str) -> None:
    with pytest.raises(BadCursor) as raised:
        decode_cursor(cursor)
    assert str(raised.value) == f"not a cursor: {cursor!r}"


def test_pages_carry_the_literal_cursor_of_the_next_item() -> None:
    items = list(range(7))
    first = paginate_cursor(items, None, 3)
    assert (list(first.items), first.next_cursor) == ([0, 1, 2], AT_3)
    second = paginate_cursor(items, AT_3, 3)
    assert (list(second.items), second.next_cursor) == ([3, 4, 5], AT_6)
    last = paginate_cursor(items, AT_6, 3)
    assert (list(last.items), last.next_cursor) == ([6], None)
    assert (list(paginate_cursor(items, AT_0, 1).items), paginate_cursor(items, AT_0, 1).next_cursor) == ([0], AT_1)


def test_a_cursor_past_the_end_gives_an_empty_last_page() -> None:
    page = paginate_cursor([1, 2, 3], AT_10, 2)
    assert (list(page.items), page.next_cursor) == ([], None)


@pytest.mark.parametrize("limit", [0, -1])
def test_a_cursor_page_needs_a_limit_of_one_or_more(limit: int) -> None:
    with pytest.raises(ValueError) as raised:
        paginate_cursor([1], None, limit)
    assert str(raised.value) == "limit must be at least 1"
    assert list(paginate_cursor([1, 2], None, 1).items) == [1]
