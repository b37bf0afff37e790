"""Build one tenant's store: its named workspaces and projects, then made-up projects, crawls and comparisons."""

from __future__ import annotations

from mockserver.core.clock import Clock
from mockserver.core.seeding import faker, rng
from mockserver.core.state import StoreContext
from mockserver.providers.oncrawl.config import OnCrawlConfig, ProjectRecord, Tenant
from mockserver.providers.oncrawl.crawls import Crawl
from mockserver.providers.oncrawl.store import OnCrawlStore

DAY_MS = 24 * 3600 * 1000
#: How long a seeded crawl took: a second per 20 pages, at least ten minutes.
MS_PER_PAGE = 50
MIN_CRAWL_MS = 10 * 60 * 1000


def make_store(ctx: StoreContext) -> OnCrawlStore:
    """One tenant's store; a tenant the fixtures do not name gets an empty account."""
    config: OnCrawlConfig = ctx.config
    tenant = config.tenant(ctx.tenant) or Tenant(name=ctx.tenant, workspaces=config.tenants[0].workspaces)
    return build_store(ctx.seed, tenant, config, ctx.clock)


def build_store(seed: int, tenant: Tenant, config: OnCrawlConfig, clock: Clock) -> OnCrawlStore:
    store = OnCrawlStore(seed, tenant, config.options, clock)
    now = store.now()
    for workspace in tenant.workspaces:
        store.workspaces[workspace.id] = {"id": workspace.id, "name": workspace.name, "created_at": now - 400 * DAY_MS}
    for record in tenant.projects:
        _seed_project(store, record, now)
    fake = faker(seed, "oncrawl", tenant.name, "projects", locale="en_US")
    draw = rng(seed, "oncrawl", tenant.name, "projects")
    sizes = config.sizes
    for k in range(sizes.projects):
        domain = fake.unique.domain_name()
        crawls = [
            {"pages": max(1, int(sizes.pages_per_crawl * draw.uniform(0.8, 1.2))), "days_ago": 30 * (n + 1) - 29}
            for n in reversed(range(sizes.crawls_per_project))
        ]
        record = ProjectRecord(
            name=domain.split(".")[0].capitalize(),
            start_url=f"https://www.{domain}/",
            workspace=tenant.workspaces[k % len(tenant.workspaces)].id,
            crawls=crawls,
        )
        _seed_project(store, record, now)
    return store


def _seed_project(store: OnCrawlStore, record: ProjectRecord, now: int) -> None:
    oldest = max((c.days_ago for c in record.crawls), default=0)
    workspace_id = record.workspace or store.tenant.workspaces[0].id
    created = now - int((oldest + 30) * DAY_MS)
    project = store.add_project(record.name, record.start_url, workspace_id, created, record.id, record.config_id)
    default_config = next(c for c in store.configs.values() if c["project_id"] == project["id"])
    crawl_ids: list[str] = []
    for spec in sorted(record.crawls, key=lambda c: -c.days_ago):
        duration = max(MIN_CRAWL_MS, spec.pages * MS_PER_PAGE)
        crawl = Crawl.finished(
            ended_at=now - int(spec.days_ago * DAY_MS),
            duration_ms=duration,
            id=spec.id or store.new_id(),
            project_id=project["id"],
            workspace_id=workspace_id,
            config={k: v for k, v in default_config.items() if k != "project_id"} | {"max_url": spec.pages},
            pages=spec.pages,
        )
        store.crawls[crawl.id] = crawl
        crawl_ids.append(crawl.id)
    if len(crawl_ids) >= 2:
        coc_id = record.crawl_over_crawl_id or store.new_id()
        store.cocs[coc_id] = {
            "id": coc_id,
            "project_id": project["id"],
            "crawl_id": crawl_ids[-1],
            "previous_crawl_id": crawl_ids[-2],
            "created_at": store.crawls[crawl_ids[-1]].ended_at,
        }
