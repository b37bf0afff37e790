"""One tenant's OnCrawl account: workspaces, projects, crawl configs, crawls on the clock, their data."""

from __future__ import annotations

import functools
import hashlib
import random
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from mockserver.core.clock import Clock
from mockserver.core.persist import SavedFields
from mockserver.core.seeding import derive_seed, faker, rng
from mockserver.providers.oncrawl import bodies
from mockserver.providers.oncrawl.config import Options, Tenant
from mockserver.providers.oncrawl.crawldata import Vocabulary, build_pages
from mockserver.providers.oncrawl.crawls import Crawl
from mockserver.providers.oncrawl.datasets import CrawlData, crawl_over_crawl
from mockserver.providers.oncrawl.errors import (
    DuplicateEntry,
    InvalidRequestParameters,
    InvalidStateForRequest,
    QuotaError,
    ResourceNotFound,
    field_error,
)
from mockserver.providers.oncrawl.fields import CRAWL_DATA
from mockserver.providers.oncrawl.table import Table

F = TypeVar("F", bound=Callable[..., Any])
#: Crawls whose data stays built; older ones are rebuilt from the seed when asked for again.
DATA_CACHE = 4
FEATURES = {"api": True, "log_monitoring": False, "crawl_over_crawl": True, "data_explorer": True}


def locked(method: F) -> F:
    """Run a store method under the store's lock (the Store protocol's rule)."""

    @functools.wraps(method)
    def wrapper(self: OnCrawlStore, *args: Any, **kwargs: Any) -> Any:
        with self.lock:
            return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


class OnCrawlStore(SavedFields):
    """Every public method takes ``lock``; tables handed out are never changed, so they are read without it."""

    #: Crawl data (``_data``) is rebuilt from the seed, so it is no part of the saved state.
    SAVED = ("_ids", "workspaces", "projects", "configs", "crawls", "cocs", "schedules")

    def __init__(self, seed: int, tenant: Tenant, options: Options, clock: Clock) -> None:
        self.lock = threading.RLock()
        self.seed = seed
        self.tenant = tenant
        self.options = options
        self.clock = clock
        self._ids = rng(seed, "oncrawl", tenant.name, "ids")
        self.workspaces: dict[str, dict[str, Any]] = {}
        self.projects: dict[str, dict[str, Any]] = {}
        self.configs: dict[str, dict[str, Any]] = {}
        self.crawls: dict[str, Crawl] = {}
        self.cocs: dict[str, dict[str, Any]] = {}
        self.schedules: dict[str, dict[str, Any]] = {}
        self._data: OrderedDict[str, Any] = OrderedDict()

    def after_load(self) -> None:
        self._data.clear()

    # ids and time -------------------------------------------------------------------------------

    @locked
    def new_id(self) -> str:
        """A 24-hex-digit id like the vendor's (a MongoDB ObjectId), drawn from the seeded generator."""
        return f"{self._ids.getrandbits(96):024x}"

    def now(self) -> int:
        return int(self.clock.timestamp() * 1000)

    @locked
    def user_identity(self, username: str, email: str) -> tuple[str, str]:
        """(user_id, user_hash) of a user: 24 and 40 hex digits, the same for the same seed."""
        number = derive_seed(self.seed, "oncrawl", self.tenant.name, "user", username)
        user_id = f"{number:016x}{number % 2**32:08x}"
        return user_id, hashlib.sha1(f"{user_id}:{email}".encode()).hexdigest()

    # workspaces and projects --------------------------------------------------------------------

    @locked
    def workspace(self, workspace_id: str) -> dict[str, Any]:
        found = self.workspaces.get(workspace_id)
        if found is None:
            raise ResourceNotFound(f"workspace {workspace_id} not found")
        return found

    @locked
    def project(self, project_id: str) -> dict[str, Any]:
        found = self.projects.get(project_id)
        if found is None:
            raise ResourceNotFound(f"project {project_id} not found")
        return found

    @locked
    def project_views(self, workspace_id: str | None = None) -> list[dict[str, Any]]:
        if workspace_id is not None:
            self.workspace(workspace_id)
        return [self.project_view(p) for p in self.projects.values() if workspace_id in (None, p["workspace_id"])]

    @locked
    def project_view(self, project: dict[str, Any]) -> dict[str, Any]:
        pid = project["id"]
        crawls = sorted((c for c in self.crawls.values() if c.project_id == pid), key=lambda c: c.created_at)
        last = crawls[-1] if crawls else None
        return {
            **project,
            "crawl_config_ids": [c["id"] for c in self.configs.values() if c["project_id"] == pid],
            "crawl_ids": [c.id for c in crawls],
            "crawl_over_crawl_ids": [c["id"] for c in self.cocs.values() if c["project_id"] == pid],
            "last_crawl_id": last.id if last else None,
            "last_crawl_created_at": last.created_at if last else None,
        }

    @locked
    def project_details(self, project_id: str) -> dict[str, Any]:
        """GET /projects/{id}: the project, its crawl configs and its crawls (OC-R's three keys)."""
        project = self.project(project_id)
        return {
            "project": self.project_view(project),
            "crawl_configs": [c for c in self.configs.values() if c["project_id"] == project_id],
            "crawls": [c.view(self.now()) for c in self.crawls.values() if c.project_id == project_id],
        }

    @locked
    def add_project(
        self,
        name: str,
        start_url: str,
        workspace_id: str,
        created_at: int,
        project_id: str | None = None,
        config_id: str | None = None,
    ) -> dict[str, Any]:
        project: dict[str, Any] = {
            "id": project_id or self.new_id(),
            "name": name,
            "domain": urlsplit(start_url).netloc,
            "start_url": start_url,
            "workspace_id": workspace_id,
            "created_at": created_at,
            "features": dict(FEATURES),
            "limits": {"max_url": 2_000_000, "max_crawls": self.tenant.quota.crawls},
            "log_monitoring_ready": False,
            "log_monitoring_data_ready": False,
        }
        self.projects[project["id"]] = project
        self.add_config(project["id"], {"name": "default", "start_url": start_url, **_CONFIG_DEFAULTS}, config_id)
        return project

    @locked
    def create_project(self, body: Any) -> dict[str, Any]:
        fields = bodies.project_fields(body)
        workspace_id = fields["workspace_id"] or self.tenant.workspaces[0].id
        self.workspace(workspace_id)
        if any(p["name"] == fields["name"] for p in self.projects.values() if p["workspace_id"] == workspace_id):
            message = f"a project named {fields['name']!r} already exists"
            raise DuplicateEntry(message, fields=[field_error("name", message, "duplicate")])
        if len(self.projects) >= self.tenant.quota.projects:
            raise QuotaError(f"the account may have at most {self.tenant.quota.projects} projects")
        project = self.add_project(fields["name"], fields["start_url"], workspace_id, self.now())
        return self.project_view(project)

    @locked
    def delete_project(self, project_id: str) -> None:
        self.project(project_id)
        del self.projects[project_id]
        for table in (self.configs, self.cocs, self.schedules):
            for key in [k for k, v in table.items() if v["project_id"] == project_id]:
                del table[key]
        for key in [k for k, c in self.crawls.items() if c.project_id == project_id]:
            self._forget_crawl(key)

    # crawl configs and scheduled crawls ---------------------------------------------------------

    @locked
    def config(self, project_id: str, config_id: str) -> dict[str, Any]:
        self.project(project_id)
        found = self.configs.get(config_id)
        if found is None or found["project_id"] != project_id:
            raise ResourceNotFound(f"crawl config {config_id} not found in project {project_id}")
        return found

    @locked
    def project_configs(self, project_id: str) -> list[dict[str, Any]]:
        self.project(project_id)
        return [c for c in self.configs.values() if c["project_id"] == project_id]

    @locked
    def add_config(self, project_id: str, fields: dict[str, Any], config_id: str | None = None) -> dict[str, Any]:
        config = {"id": config_id or self.new_id(), "project_id": project_id, **fields}
        self.configs[config["id"]] = config
        return config

    @locked
    def create_config(self, project_id: str, body: Any) -> dict[str, Any]:
        fields = bodies.crawl_config_fields(body)
        self._unique_config_name(project_id, fields["name"], None)
        return self.add_config(project_id, fields)

    @locked
    def replace_config(self, project_id: str, config_id: str, body: Any) -> dict[str, Any]:
        self.config(project_id, config_id)
        fields = bodies.crawl_config_fields(body)
        self._unique_config_name(project_id, fields["name"], config_id)
        return self.add_config(project_id, fields, config_id)

    @locked
    def validate_config(self, project_id: str, body: Any) -> dict[str, Any]:
        self.project(project_id)
        return {"id": None, "project_id": project_id, **bodies.crawl_config_fields(body)}

    @locked
    def delete_config(self, project_id: str, config_id: str) -> None:
        self.config(project_id, config_id)
        del self.configs[config_id]

    def _unique_config_name(self, project_id: str, name: str, own_id: str | None) -> None:
        for other in self.project_configs(project_id):
            if other["name"] == name and other["id"] != own_id:
                message = f"a crawl config named {name!r} already exists in this project"
                raise DuplicateEntry(message, fields=[field_error("name", message, "duplicate")])

    @locked
    def schedules_of(self, project_id: str) -> list[dict[str, Any]]:
        self.project(project_id)
        return [s for s in self.schedules.values() if s["project_id"] == project_id]

    @locked
    def create_schedule(self, project_id: str, body: Any) -> dict[str, Any]:
        fields = bodies.scheduled_crawl_fields(body)
        self.config(project_id, fields["config_id"])
        schedule = {"id": self.new_id(), "project_id": project_id, **fields, "created_at": self.now()}
        self.schedules[schedule["id"]] = schedule
        return schedule

    @locked
    def delete_schedule(self, project_id: str, schedule_id: str) -> None:
        found = self.schedules.get(schedule_id)
        if found is None or found["project_id"] != self.project(project_id)["id"]:
            raise ResourceNotFound(f"scheduled crawl {schedule_id} not found in project {project_id}")
        del self.schedules[schedule_id]

    # crawls -------------------------------------------------------------------------------------

    @locked
    def crawl(self, crawl_id: str) -> Crawl:
        found = self.crawls.get(crawl_id)
        if found is None:
            raise ResourceNotFound(f"crawl {crawl_id} not found")
        return found

    @locked
    def crawl_views(self, project_id: str | None = None, workspace_id: str | None = None) -> list[dict[str, Any]]:
        now = self.now()
        return [
            c.view(now)
            for c in sorted(self.crawls.values(), key=lambda c: c.created_at)
            if project_id in (None, c.project_id) and workspace_id in (None, c.workspace_id)
        ]

    @locked
    def launch_crawl(self, project_id: str, config_id: str | None) -> dict[str, Any]:
        project = self.project(project_id)
        if not config_id:
            message = "configId is required"
            raise InvalidRequestParameters(message, fields=[field_error("configId", message, "required")])
        config = self.config(project_id, config_id)
        now = self.now()
        mine = [c for c in self.crawls.values() if c.project_id == project_id]
        for crawl in mine:
            crawl.refresh(now)
        if any(c.status != "done" for c in mine):
            raise InvalidStateForRequest(f"project {project_id} already has a crawl in progress")
        if len(self.crawls) >= self.tenant.quota.crawls:
            raise QuotaError(f"the account may have at most {self.tenant.quota.crawls} crawls")
        pages = min(int(config.get("max_url") or 1), self.options.launched_pages)
        crawl = Crawl.launched(
            now=now,
            duration_ms=self.options.crawl_seconds * 1000,
            id=self.new_id(),
            project_id=project_id,
            workspace_id=project["workspace_id"],
            config={k: v for k, v in config.items() if k != "project_id"},
            pages=pages,
        )
        self.crawls[crawl.id] = crawl
        return crawl.view(now)

    @locked
    def pilot(self, crawl_id: str, body: Any) -> dict[str, Any]:
        command = body.get("command") if isinstance(body, dict) else None
        crawl = self.crawl(crawl_id)
        crawl.pilot(command, self.now())
        return crawl.view(self.now())

    @locked
    def delete_crawl(self, crawl_id: str) -> None:
        self.crawl(crawl_id)
        self._forget_crawl(crawl_id)
        for key in [k for k, v in self.cocs.items() if crawl_id in (v["crawl_id"], v["previous_crawl_id"])]:
            del self.cocs[key]

    def _forget_crawl(self, crawl_id: str) -> None:
        self.crawls.pop(crawl_id, None)
        self._data.pop(crawl_id, None)

    # data ---------------------------------------------------------------------------------------

    @locked
    def crawl_table(self, crawl_id: str, data_type: str) -> Table:
        if data_type not in CRAWL_DATA:
            raise ResourceNotFound(f"unknown data type {data_type!r}; use {', '.join(CRAWL_DATA)}")
        return self._crawl_data(crawl_id).table(data_type)

    @locked
    def coc(self, coc_id: str) -> dict[str, Any]:
        found = self.cocs.get(coc_id)
        if found is None:
            raise ResourceNotFound(f"crawl over crawl {coc_id} not found")
        return found

    @locked
    def coc_table(self, coc_id: str, data_type: str) -> Table:
        coc = self.coc(coc_id)
        if data_type != "pages":
            raise ResourceNotFound(f"unknown crawl over crawl data type {data_type!r}; use pages")
        key = f"coc:{coc_id}"
        table: Table = self._cached(
            key, lambda: crawl_over_crawl(self._crawl_data(coc["crawl_id"]).pages, self._rng(key))
        )
        return table

    def _crawl_data(self, crawl_id: str) -> CrawlData:
        crawl = self.crawl(crawl_id)
        now = self.now()
        crawl.refresh(now)
        if crawl.status != "done":
            raise InvalidStateForRequest(f"crawl {crawl_id} is {crawl.status}; its data is ready once it is done")
        data: CrawlData = self._cached(crawl_id, lambda: self._build_data(crawl))
        return data

    def _build_data(self, crawl: Crawl) -> CrawlData:
        words = faker(self.seed, "oncrawl", self.tenant.name, "words", crawl.id, locale="en_US")
        vocab = Vocabulary(words.words(300), [words.sentence(nb_words=12) for _ in range(120)])
        pages = crawl.fetched(self.now()) or 1
        built = build_pages(
            self._rng(crawl.id), vocab, crawl.config["start_url"], pages, crawl.created_at, crawl.duration_ms
        )
        return CrawlData(built, self._rng(f"extra:{crawl.id}"))

    def _rng(self, key: str) -> random.Random:
        return rng(self.seed, "oncrawl", self.tenant.name, "crawl", key)

    def _cached(self, key: str, build: Callable[[], Any]) -> Any:
        found = self._data.get(key)
        if found is None:
            found = self._data[key] = build()
            while len(self._data) > DATA_CACHE:
                self._data.popitem(last=False)
        else:
            self._data.move_to_end(key)
        return found

    # admin view ---------------------------------------------------------------------------------

    @locked
    def collections(self) -> list[str]:
        return ["workspaces", "projects", "crawl_configs", "crawls", "crawl_over_crawls", "scheduled_crawls"]

    @locked
    def dump(self, collection: str) -> list[dict[str, Any]] | None:
        now = self.now()
        views: dict[str, Callable[[], list[dict[str, Any]]]] = {
            "workspaces": lambda: list(self.workspaces.values()),
            "projects": lambda: [self.project_view(p) for p in self.projects.values()],
            "crawl_configs": lambda: list(self.configs.values()),
            "crawls": lambda: [c.view(now) for c in self.crawls.values()],
            "crawl_over_crawls": lambda: list(self.cocs.values()),
            "scheduled_crawls": lambda: list(self.schedules.values()),
        }
        view = views.get(collection)
        return view() if view else None


_CONFIG_DEFAULTS = {"user_agent": "Oncrawl", "max_speed": 10, "max_depth": 15, "max_url": 2000}
