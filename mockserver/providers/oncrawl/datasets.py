"""The data API's tables of one crawl (pages, links, clusters, structured data) and of a crawl over crawl.

Pages are made in one go; the other tables are views built from them on first use (links from
the two page-number arrays, clusters from duplicate titles, structured data by page group).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

from mockserver.providers.oncrawl import fields
from mockserver.providers.oncrawl.crawldata import Pages
from mockserver.providers.oncrawl.table import Table


class CrawlData:
    """Tables of one finished crawl, each built when first asked for."""

    def __init__(self, pages: Pages, rng: random.Random) -> None:
        self.pages = pages
        self._rng = rng
        self._tables: dict[str, Table] = {"pages": Table(fields.PAGES, pages.size, dict(pages.columns))}
        self._builders: dict[str, Callable[[], Table]] = {
            "links": self._links,
            "clusters": self._clusters,
            "structured_data": self._structured_data,
        }

    def table(self, data_type: str) -> Table:
        table = self._tables.get(data_type)
        if table is None:
            table = self._tables[data_type] = self._builders[data_type]()
        return table

    def _links(self) -> Table:
        p = self.pages
        cols = p.columns
        origins, targets = p.origins, p.targets

        def pick(column: str, ends: Sequence[int]) -> Callable[[], list[Any]]:
            return lambda: list(map(cols[column].__getitem__, ends))

        return Table(
            fields.LINKS,
            len(origins),
            {
                "origin": pick("url", origins),
                "target": pick("url", targets),
                "anchor": lambda: [cols["h1"][t] or cols["urlpath"][t] for t in targets],
                "follow": lambda: [bool(f) for f in p.follow],
                "intern": lambda: [True] * len(origins),
                "origin_page_group": pick("page_group", origins),
                "origin_depth": pick("depth", origins),
                "target_status_code": pick("status_code", targets),
                "target_depth": pick("depth", targets),
            },
        )

    def _clusters(self) -> Table:
        """Near-duplicate clusters: pages answering 200 that share a title (paginated listings, mostly)."""
        cols = self.pages.columns
        by_title: dict[str, list[int]] = {}
        for i, (title, status) in enumerate(zip(cols["title"], cols["status_code"], strict=True)):
            if status == 200 and title:
                by_title.setdefault(title, []).append(i)
        members = [group for group in by_title.values() if len(group) > 1]
        rows: dict[str, list[Any]] = {name: [] for name in fields.CLUSTERS}
        for cluster_id, group in enumerate(members, start=1):
            for i in group:
                rows["cluster_id"].append(cluster_id)
                rows["cluster_size"].append(len(group))
                rows["url"].append(cols["url"][i])
                rows["title"].append(cols["title"][i])
                rows["similarity"].append(1.0 if i == group[0] else round(self._rng.uniform(0.82, 1.0), 3))
                rows["status_code"].append(200)
                rows["page_group"].append(cols["page_group"][i])
        return Table(fields.CLUSTERS, len(rows["url"]), dict(rows))

    def _structured_data(self) -> Table:
        """Schema.org items by page group: Organization and WebSite on home, Product, Article, BreadcrumbList."""
        cols = self.pages.columns
        kinds = {
            "home": (("Organization", "json-ld"), ("WebSite", "json-ld")),
            "product": (("Product", "json-ld"), ("BreadcrumbList", "microdata")),
            "article": (("Article", "json-ld"), ("BreadcrumbList", "json-ld")),
            "category": (("BreadcrumbList", "microdata"),),
        }
        rows: dict[str, list[Any]] = {name: [] for name in fields.STRUCTURED_DATA}
        rng = self._rng
        for i, (group, status) in enumerate(zip(cols["page_group"], cols["status_code"], strict=True)):
            if status != 200:
                continue
            for kind, fmt in kinds.get(group, ()):
                errors = rng.choice((1, 2, 3)) if rng.random() < 0.06 else 0
                rows["url"].append(cols["url"][i])
                rows["type"].append(kind)
                rows["format"].append(fmt)
                rows["properties_count"].append(rng.randint(3, 14))
                rows["errors_count"].append(errors)
                rows["valid"].append(errors == 0)
                rows["page_group"].append(group)
        return Table(fields.STRUCTURED_DATA, len(rows["url"]), dict(rows))


CHANGES = ("unchanged", "status_changed", "new", "content_changed")
CHANGE_WEIGHTS = (0.84, 0.04, 0.05, 0.07)


def crawl_over_crawl(current: Pages, rng: random.Random) -> Table:
    """What changed since the previous crawl: new, removed, status or content changes, per URL."""
    cols = current.columns
    n = current.size
    kinds = rng.choices(CHANGES, CHANGE_WEIGHTS, k=n)
    rows: dict[str, list[Any]] = {name: [] for name in fields.COC_PAGES}

    def add(url: str, kind: str, group: str, before: tuple[Any, ...], after: tuple[Any, ...]) -> None:
        rows["url"].append(url)
        rows["change_type"].append(kind)
        rows["page_group"].append(group)
        for name, value in zip(("status_code", "depth", "title", "follow_inlinks"), before, strict=True):
            rows[f"previous_{name}"].append(value)
        for name, value in zip(("status_code", "depth", "title", "follow_inlinks"), after, strict=True):
            rows[f"current_{name}"].append(value)

    for i in range(n):
        kind = "unchanged" if i == 0 else kinds[i]
        after = (cols["status_code"][i], cols["depth"][i], cols["title"][i], cols["follow_inlinks"][i])
        if kind == "new":
            before: tuple[Any, ...] = (None, None, None, None)
        elif kind == "status_changed":
            old = 200 if after[0] != 200 else rng.choice((301, 404, 500))
            before = (old, after[1], after[2], after[3])
        elif kind == "content_changed":
            before = (after[0], after[1] + rng.choice((-1, 1)) if after[1] > 1 else 2, after[2], after[3] + 1)
        else:
            before = after
        add(cols["url"][i], kind, cols["page_group"][i], before, after)
    for k in range(n // 30):
        i = rng.randrange(n)
        url = cols["url"][i].rstrip("/") + f"-old-{k}"
        add(url, "removed", cols["page_group"][i], (200, cols["depth"][i], cols["title"][i], 1), (None,) * 4)
    return Table(fields.COC_PAGES, len(rows["url"]), dict(rows))
