"""Cursor paging: opaque cursors walk a collection page by page; foreign cursors are refused."""

from __future__ import annotations

import pytest

from mockserver.core.pagination import BadCursor, paginate_cursor


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
