"""v2 workspaces, projects, crawl configs and scheduled crawls (developer.oncrawl.com; OC-PHP, OC-R)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from mockserver.providers.oncrawl import listing
from mockserver.providers.oncrawl.auth import OnCrawlApp
from mockserver.providers.oncrawl.routes.call import call, json_body, no_content, reply

READ, WRITE, ACCOUNT = "project:read", "project:write", "account:read"


def add_routes(router: APIRouter, app: OnCrawlApp, v2: str) -> None:
    async def list_workspaces(request: Request) -> Response:
        c = await call(app, request, ACCOUNT)
        return reply(listing.list_reply("workspaces", list(c.store.workspaces.values()), listing.WORKSPACES, c.query))

    async def get_workspace(request: Request, workspace_id: str) -> Response:
        c = await call(app, request, ACCOUNT)
        return reply({"workspace": c.store.workspace(workspace_id)})

    async def list_workspace_projects(request: Request, workspace_id: str) -> Response:
        c = await call(app, request, READ)
        return reply(listing.list_reply("projects", c.store.project_views(workspace_id), listing.PROJECTS, c.query))

    async def list_workspace_crawls(request: Request, workspace_id: str) -> Response:
        c = await call(app, request, READ)
        c.store.workspace(workspace_id)
        records = c.store.crawl_views(workspace_id=workspace_id)
        return reply(listing.list_reply("crawls", records, listing.CRAWLS, c.query))

    async def list_projects(request: Request) -> Response:
        c = await call(app, request, READ)
        return reply(listing.list_reply("projects", c.store.project_views(), listing.PROJECTS, c.query))

    async def create_project(request: Request) -> Response:
        c = await call(app, request, WRITE)
        return reply({"project": c.store.create_project(await json_body(app, request))})

    async def get_project(request: Request, project_id: str) -> Response:
        c = await call(app, request, READ)
        return reply(c.store.project_details(project_id))

    async def delete_project(request: Request, project_id: str) -> Response:
        c = await call(app, request, WRITE)
        c.store.delete_project(project_id)
        return no_content()

    async def list_crawl_configs(request: Request, project_id: str) -> Response:
        c = await call(app, request, READ)
        records = c.store.project_configs(project_id)
        return reply(listing.list_reply("crawl_configs", records, listing.CRAWL_CONFIGS, c.query))

    async def create_crawl_config(request: Request, project_id: str) -> Response:
        c = await call(app, request, WRITE)
        return reply({"crawl_config": c.store.create_config(project_id, await json_body(app, request))})

    async def validate_crawl_config(request: Request, project_id: str) -> Response:
        c = await call(app, request, READ)
        return reply({"crawl_config": c.store.validate_config(project_id, await json_body(app, request))})

    async def get_crawl_config(request: Request, project_id: str, config_id: str) -> Response:
        c = await call(app, request, READ)
        return reply({"crawl_config": c.store.config(project_id, config_id)})

    async def update_crawl_config(request: Request, project_id: str, config_id: str) -> Response:
        c = await call(app, request, WRITE)
        return reply({"crawl_config": c.store.replace_config(project_id, config_id, await json_body(app, request))})

    async def delete_crawl_config(request: Request, project_id: str, config_id: str) -> Response:
        c = await call(app, request, WRITE)
        c.store.delete_config(project_id, config_id)
        return no_content()

    async def launch_crawl(request: Request, project_id: str) -> Response:
        """POST /projects/{id}/launch_crawl?configId=… (OC-PHP); the crawl runs on the clock."""
        c = await call(app, request, WRITE)
        body = await json_body(app, request)
        config_id = c.query.get("configId") or (body.get("configId") if isinstance(body, dict) else None)
        return reply({"crawl": c.store.launch_crawl(project_id, config_id)})

    async def list_scheduled_crawls(request: Request, project_id: str) -> Response:
        c = await call(app, request, READ)
        records = c.store.schedules_of(project_id)
        return reply(listing.list_reply("scheduled_crawls", records, listing.SCHEDULED_CRAWLS, c.query))

    async def create_scheduled_crawl(request: Request, project_id: str) -> Response:
        c = await call(app, request, WRITE)
        return reply({"scheduled_crawl": c.store.create_schedule(project_id, await json_body(app, request))})

    async def delete_scheduled_crawl(request: Request, project_id: str, scheduled_crawl_id: str) -> Response:
        c = await call(app, request, WRITE)
        c.store.delete_schedule(project_id, scheduled_crawl_id)
        return no_content()

    routes: list[tuple[str, str, Callable[..., Any]]] = [
        ("/workspaces", "GET", list_workspaces),
        ("/workspaces/{workspace_id}", "GET", get_workspace),
        ("/workspaces/{workspace_id}/projects", "GET", list_workspace_projects),
        ("/workspaces/{workspace_id}/crawls", "GET", list_workspace_crawls),
        ("/projects", "GET", list_projects),
        ("/projects", "POST", create_project),
        ("/projects/{project_id}", "GET", get_project),
        ("/projects/{project_id}", "DELETE", delete_project),
        ("/projects/{project_id}/crawl_configs", "GET", list_crawl_configs),
        ("/projects/{project_id}/crawl_configs", "POST", create_crawl_config),
        ("/projects/{project_id}/crawl_configs/validate", "POST", validate_crawl_config),
        ("/projects/{project_id}/crawl_configs/{config_id}", "GET", get_crawl_config),
        ("/projects/{project_id}/crawl_configs/{config_id}", "PUT", update_crawl_config),
        ("/projects/{project_id}/crawl_configs/{config_id}", "DELETE", delete_crawl_config),
        ("/projects/{project_id}/launch_crawl", "POST", launch_crawl),
        ("/projects/{project_id}/scheduled_crawls", "GET", list_scheduled_crawls),
        ("/projects/{project_id}/scheduled_crawls", "POST", create_scheduled_crawl),
        ("/projects/{project_id}/scheduled_crawls/{scheduled_crawl_id}", "DELETE", delete_scheduled_crawl),
    ]
    for path, method, endpoint in routes:
        router.add_api_route(v2 + path, endpoint, methods=[method], name=endpoint.__name__)
