"""A crawl's pages and links, made up deterministically: one site, realistic depths, statuses and links.

The site has a home page, a few static pages, categories (two levels), products, blog articles,
paginated listings and tag pages. Statuses follow a mix seen on real shop crawls (mostly 200,
some redirects and 404s, a few 5xx). Links are kept as two arrays of page numbers; inlink and
outlink counts come from them, so the numbers agree with the links table.
"""

from __future__ import annotations

import math
import random
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

STATIC = ("about", "contact", "blog", "faq", "shipping", "returns", "privacy", "terms", "careers")
STATUS_CODES = (200, 301, 302, 404, 410, 500, 503)
STATUS_WEIGHTS = (88.4, 6.0, 1.0, 3.3, 0.4, 0.6, 0.3)
BODY_GROUPS = ("product", "article", "listing", "tag")
BODY_WEIGHTS = (0.55, 0.20, 0.15, 0.10)
WORD_COUNTS = {"home": 600, "static": 450, "category": 180, "product": 380, "article": 950, "listing": 140, "tag": 90}
ORPHAN_RATE = 0.02


@dataclass
class Pages:
    """The page columns (lists indexed by page number) and the link arrays."""

    columns: dict[str, list[Any]]
    origins: array[int]
    targets: array[int]
    follow: bytearray

    @property
    def size(self) -> int:
        return len(self.columns["url"])


class Vocabulary:
    """Words and sentences drawn once per crawl from a seeded Faker; rows pick from them."""

    def __init__(self, words: Sequence[str], sentences: Sequence[str]) -> None:
        self.words = list(dict.fromkeys(w.lower() for w in words if w.isalpha())) or ["page"]
        self.sentences = list(sentences) or ["A page of the site."]


def build_pages(
    rng: random.Random, vocab: Vocabulary, start_url: str, count: int, started_ms: int, span_ms: int
) -> Pages:
    """``count`` pages of the site at ``start_url`` fetched between ``started_ms`` and ``+span_ms``."""
    split = urlsplit(start_url)
    host = split.netloc or "www.example.com"
    root = f"{split.scheme or 'https'}://{host}"
    site = host.removeprefix("www.").split(".")[0].capitalize()
    layout = _layout(rng, vocab, count)
    n = len(layout.paths)
    urls = [root + p for p in layout.paths]
    statuses = rng.choices(STATUS_CODES, STATUS_WEIGHTS, k=n)
    for i, group in enumerate(layout.groups):
        if group in ("home", "static", "category"):
            statuses[i] = 200
    ok = [s == 200 for s in statuses]
    titles, h1s = _titles(layout, statuses, site)
    links = _links(rng, layout, ok)
    follow_in, nofollow_in, follow_out, nofollow_out = _link_counts(n, links)
    canonicals = _canonicals(rng, layout, urls, ok)
    robots = [("noindex, follow" if rng.random() < 0.6 else None) if g == "tag" else None for g in layout.groups]
    x_robots = [("noindex" if rng.random() < 0.005 else None) for _ in range(n)]
    reasons = [_reason(statuses[i], robots[i], x_robots[i], canonicals[i], urls[i]) for i in range(n)]
    indexable = [r == "indexable" for r in reasons]
    sentences = vocab.sentences
    meta = [rng.choice(sentences) if ok[i] and rng.random() > 0.11 else None for i in range(n)]
    load = [int(rng.lognormvariate(5.8 if ok[i] else 4.6, 0.55)) for i in range(n)]
    words = [
        int(abs(rng.gauss(WORD_COUNTS[g], WORD_COUNTS[g] / 3))) if ok[i] else (40 if statuses[i] >= 400 else 0)
        for i, g in enumerate(layout.groups)
    ]
    step = span_ms // max(n, 1)
    redirect_to = [urls[rng.randrange(n)] if 300 <= s < 400 else None for s in statuses]
    clicks, impressions, ctr, position = _search_console(rng, indexable, layout.depths)
    columns: dict[str, list[Any]] = {
        "url": urls,
        "urlpath": layout.paths,
        "host": [host] * n,
        "page_group": layout.groups,
        "depth": layout.depths,
        "status_code": statuses,
        "fetched": [True] * n,
        "fetch_date": list(range(started_ms, started_ms + step * n, step)) if step else [started_ms] * n,
        "content_type": [None if 300 <= s < 400 else "text/html" for s in statuses],
        "title": titles,
        "h1": h1s,
        "meta_description": meta,
        "word_count": words,
        "language": ["en" if k else None for k in ok],
        "canonical_url": canonicals,
        "meta_robots": robots,
        "x_robots_tag": x_robots,
        "indexable": indexable,
        "indexable_reason": reasons,
        "redirect_to": redirect_to,
        "follow_inlinks": follow_in,
        "nofollow_inlinks": nofollow_in,
        "follow_outlinks": follow_out,
        "nofollow_outlinks": nofollow_out,
        "inrank": [_inrank(d, f) for d, f in zip(layout.depths, follow_in, strict=True)],
        "load_time": load,
        "gsc_clicks": clicks,
        "gsc_impressions": impressions,
        "gsc_ctr": ctr,
        "gsc_position": position,
    }
    return Pages(columns, *links)


@dataclass
class _Layout:
    paths: list[str]
    groups: list[str]
    depths: list[int]
    #: For each page, the page that links to it in the site tree (-1: none, e.g. the home page).
    parents: list[int]
    #: Words naming each page (its slug words), for titles.
    names: list[str]
    categories: list[int]


def _layout(rng: random.Random, vocab: Vocabulary, count: int) -> _Layout:
    words = vocab.words
    paths, groups, depths, parents, names = ["/"], ["home"], [1], [-1], [""]

    def add(path: str, group: str, depth: int, parent: int, name: str) -> None:
        paths.append(path)
        groups.append(group)
        depths.append(depth)
        parents.append(parent)
        names.append(name)

    for slug in STATIC[: max(0, min(len(STATIC), count - 1))]:
        add(f"/{slug}/", "static", 2, 0, slug)
    blog = paths.index("/blog/") if "/blog/" in paths else 0
    top = min(12, max(0, (count - len(paths)) // 20))
    sub = min(400, max(0, (count - len(paths)) // 40 - top))
    categories: list[int] = []
    for k in range(top + sub):
        word = words[k % len(words)] + ("" if k < len(words) else str(k))
        if k < top:
            add(f"/category/{word}/", "category", 2, 0, word)
        else:
            parent = categories[rng.randrange(top)] if top else 0
            add(f"{paths[parent]}{word}/", "category", depths[parent] + 1, parent, word)
        categories.append(len(paths) - 1)
    remaining = max(0, count - len(paths))
    kinds = rng.choices(BODY_GROUPS, BODY_WEIGHTS, k=remaining) if categories else ["article"] * remaining
    picks = rng.choices(words, k=3 * remaining)
    cats = rng.choices(categories, k=remaining) if categories else [0] * remaining
    extra = rng.choices((0, 1, 2), (0.6, 0.3, 0.1), k=remaining)
    page_no: dict[int, int] = {}
    for j, kind in enumerate(kinds):
        i = len(paths)
        a, b, c = picks[3 * j], picks[3 * j + 1], picks[3 * j + 2]
        cat = cats[j]
        if kind == "product":
            add(f"/product/{a}-{b}-{i}", kind, depths[cat] + 1 + extra[j], cat, f"{a} {b}")
        elif kind == "article":
            add(f"/blog/{2019 + i % 7}/{a}-{b}-{c}-{i}/", kind, 3 + extra[j], blog, f"{a} {b} {c}")
        elif kind == "listing":
            number = page_no[cat] = page_no.get(cat, 1) + 1
            add(f"{paths[cat]}?page={number}", kind, depths[cat] + min(number - 1, 4), cat, names[cat])
        else:
            add(f"/tag/{a}-{i}/", kind, 4 + extra[j], blog, a)
    return _Layout(paths, groups, depths, parents, names, categories)


def _titles(layout: _Layout, statuses: Sequence[int], site: str) -> tuple[list[Any], list[Any]]:
    titles: list[Any] = []
    h1s: list[Any] = []
    for group, name, status in zip(layout.groups, layout.names, statuses, strict=True):
        if status != 200:
            h1 = "Page not found" if status in (404, 410) else None if status < 400 else "Service unavailable"
            titles.append(f"{h1} | {site}" if h1 else None)
            h1s.append(h1)
            continue
        if group == "home":
            h1 = f"{site}: official store"
        elif group == "tag":
            h1 = f"Tagged: {name}"
        else:
            h1 = name.capitalize()
        h1s.append(h1)
        titles.append(f"{h1} | {site}")
    return titles, h1s


def _links(rng: random.Random, layout: _Layout, ok: Sequence[bool]) -> tuple[array[int], array[int], bytearray]:
    """The tree links (parent → child, except orphans), menu links to the top pages, related links."""
    n = len(layout.paths)
    origins, targets, follow = array("I"), array("I"), bytearray()
    # The menu on every page: home, the blog and the first top categories.
    menu = [0, *(i for i, g in enumerate(layout.groups) if g == "static" and layout.paths[i] == "/blog/")]
    menu += [i for i in layout.categories if layout.depths[i] == 2][:4]
    orphan = [rng.random() < ORPHAN_RATE for _ in range(n)]
    related = rng.choices(range(n), k=2 * n) if n else []
    nofollow = [rng.random() < 0.03 for _ in range(2 * n)]
    for i in range(n):
        parent = layout.parents[i]
        if parent >= 0 and not orphan[i] and ok[parent]:
            origins.append(parent)
            targets.append(i)
            follow.append(1)
        if not ok[i]:
            continue
        for target in menu:
            if target != i:
                origins.append(i)
                targets.append(target)
                follow.append(1)
        for k in (2 * i, 2 * i + 1):
            if related[k] != i and not orphan[related[k]]:
                origins.append(i)
                targets.append(related[k])
                follow.append(0 if nofollow[k] else 1)
    return origins, targets, follow


def _link_counts(n: int, links: tuple[array[int], array[int], bytearray]) -> tuple[list[int], ...]:
    origins, targets, follow = links
    follow_in, nofollow_in, follow_out, nofollow_out = [0] * n, [0] * n, [0] * n, [0] * n
    for o, t, f in zip(origins, targets, follow, strict=True):
        if f:
            follow_in[t] += 1
            follow_out[o] += 1
        else:
            nofollow_in[t] += 1
            nofollow_out[o] += 1
    return follow_in, nofollow_in, follow_out, nofollow_out


def _canonicals(rng: random.Random, layout: _Layout, urls: Sequence[str], ok: Sequence[bool]) -> list[Any]:
    out: list[Any] = []
    for i, group in enumerate(layout.groups):
        if not ok[i]:
            out.append(None)
        elif group == "listing":
            out.append(urls[layout.parents[i]])
        elif group == "product" and rng.random() < 0.03:
            out.append(urls[rng.randrange(len(urls))])
        else:
            out.append(urls[i])
    return out


def _reason(status: int, robots: str | None, x_robots: str | None, canonical: str | None, url: str) -> str:
    if status != 200:
        return "non_200_status"
    if robots and "noindex" in robots:
        return "meta_noindex"
    if x_robots and "noindex" in x_robots:
        return "x_robots_noindex"
    if canonical != url:
        return "canonicalized"
    return "indexable"


def _inrank(depth: int, inlinks: int) -> float:
    return round(max(0.0, min(10.0, 10.5 - 1.3 * depth + math.log10(inlinks + 1))), 2)


def _search_console(
    rng: random.Random, indexable: Sequence[bool], depths: Sequence[int]
) -> tuple[list[int], list[int], list[float], list[Any]]:
    clicks: list[int] = []
    impressions: list[int] = []
    ctr: list[float] = []
    position: list[Any] = []
    for keep, depth in zip(indexable, depths, strict=True):
        if not keep or rng.random() < 0.35:
            clicks.append(0)
            impressions.append(0)
            ctr.append(0.0)
            position.append(None)
            continue
        shown = int(rng.lognormvariate(6.5 - depth * 0.6, 1.2))
        rate = min(0.6, rng.random() * 0.12)
        clicks.append(int(shown * rate))
        impressions.append(shown)
        ctr.append(round(rate, 4))
        position.append(round(rng.uniform(1.0, 8.0 + depth * 6), 1))
    return clicks, impressions, ctr, position
