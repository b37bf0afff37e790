"""A Skeleton tenant's data, the same for the same seed, tenant and config."""

from __future__ import annotations

from datetime import timedelta

from mockserver.core import seeding
from mockserver.core.state import StoreContext
from mockserver.providers._template.config import SkeletonConfig
from mockserver.providers._template.models import Item
from mockserver.providers._template.store import SkeletonStore


def make_store(ctx: StoreContext) -> SkeletonStore:
    config: SkeletonConfig = ctx.config
    fake = seeding.faker(ctx.seed, ctx.provider, ctx.tenant, "items")
    rng = seeding.rng(ctx.seed, ctx.provider, ctx.tenant, "items")
    now = ctx.clock.now()
    items = [
        Item(1001 + n, fake.company(), (now - timedelta(days=rng.randint(1, 365))).isoformat(timespec="seconds"))
        for n in range(config.options.items)
    ]
    return SkeletonStore(ctx.clock, items)
