"""Seeded crawl data: the same for the same seed, one site, a realistic mix, links that agree with counts."""

from __future__ import annotations

import random
from collections import Counter
from urllib.parse import urlsplit

import orjson

from mockserver.core.clock import Clock
from mockserver.providers.oncrawl.config import load
from mockserver.providers.oncrawl.crawldata import Vocabulary, build_pages
from mockserver.providers.oncrawl.datasets import CrawlData
from mockserver.providers.oncrawl.export import export_rows
from mockserver.providers.oncrawl.fields import PAGES
from mockserver.providers.oncrawl.query import read_search
from mockserver.providers.oncrawl.seed import build_store
from tests.conftest import FROZEN_AT

VOCAB = Vocabulary(
    ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"], ["One sentence.", "Another; with a semicolon."]
)


def pages(count: int = 3000, seed: int = 7):
    return build_pages(random.Random(seed), VOCAB, "https://www.shop.example/", count, 1_700_000_000_000, 3_600_000)


def test_same_seed_same_rows_other_seed_other_rows() -> None:
    assert pages().columns == pages().columns
    assert pages(seed=8).columns["status_code"] != pages().columns["status_code"]


def test_every_url_is_on_the_start_url_host_and_unique() -> None:
    urls = pages().columns["url"]
    assert {urlsplit(u).netloc for u in urls} == {"www.shop.example"}
    assert len(set(urls)) == len(urls) == 3000
    assert urls[0] == "https://www.shop.example/"


def test_status_mix_is_mostly_200_with_some_redirects_and_errors() -> None:
    statuses = Counter(pages(20_000).columns["status_code"])
    share = {code: n / 20_000 for code, n in statuses.items()}
    assert 0.85 < share[200] < 0.92
    assert 0.04 < share[301] < 0.08
    assert 0.02 < share[404] < 0.05
    assert set(statuses) <= {200, 301, 302, 404, 410, 500, 503}


def test_depth_starts_at_one_on_the_home_page_and_stays_shallow() -> None:
    cols = pages().columns
    assert cols["depth"][0] == 1
    assert min(cols["depth"]) == 1
    assert max(cols["depth"]) <= 10


def test_inlink_counts_agree_with_the_links_table() -> None:
    built = pages()
    data = CrawlData(built, random.Random(1))
    links = data.table("links")
    targets = Counter(t for t, f in zip(links.column("target"), links.column("follow"), strict=True) if f)
    cols = built.columns
    for i in (0, 5, 100, 2999):
        assert cols["follow_inlinks"][i] == targets.get(cols["url"][i], 0)
    assert 0 < cols["follow_inlinks"].count(0) < 300  # a few orphans, found through sitemaps


def test_csv_export_quotes_values_with_the_separator_and_writes_booleans_as_words() -> None:
    table = CrawlData(pages(50), random.Random(1)).table("pages")
    search = read_search({"fields": ["url", "indexable", "meta_description"]}, PAGES, "pages", ["url"])
    text = b"".join(export_rows(table, search, "csv")).decode()
    lines = text.splitlines()
    assert lines[0] == "url;indexable;meta_description"
    assert len(lines) == 51
    assert lines[1].startswith("https://www.shop.example/;true;")
    assert any(line.endswith(';"Another; with a semicolon."') for line in lines)


def test_json_export_is_one_object_per_line() -> None:
    table = CrawlData(pages(50), random.Random(1)).table("pages")
    search = read_search({"fields": ["url", "depth"]}, PAGES, "pages", ["url"])
    lines = b"".join(export_rows(table, search, "json")).splitlines()
    assert len(lines) == 50
    assert orjson.loads(lines[0]) == {"url": "https://www.shop.example/", "depth": 1}


def test_store_is_the_same_for_the_same_seed() -> None:
    config = load({}, "fixtures", {})
    clock = Clock()
    clock.freeze(FROZEN_AT)
    first = build_store(5, config.tenants[0], config, clock)
    second = build_store(5, config.tenants[0], config, clock)
    assert first.dump("projects") == second.dump("projects")
    assert first.dump("crawls") == second.dump("crawls")
    crawl_id = next(iter(first.crawls))
    assert first.crawl_table(crawl_id, "pages").column("title") == second.crawl_table(crawl_id, "pages").column("title")
