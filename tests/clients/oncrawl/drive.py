"""Run the public OnCrawlClient (PyPI oncrawl-mcp-server), unmodified, against a running mockserver.

Started with the client's own virtualenv (``.venv-clients/oncrawl``) by test_public_client.py beside it.
Every method of the client is called once; the answers are summed up as one JSON line on stdout.
Usage: drive.py BASE_URL TOKEN WORKSPACE_ID PROJECT_ID CRAWL_ID COC_ID
"""

import json
import sys

from oncrawl_mcp_server.oncrawl_client import OnCrawlClient


def main(base_url: str, token: str, workspace: str, project: str, crawl: str, coc: str) -> None:
    # The client's documented way to point it elsewhere: its BASE_URL class attribute.
    OnCrawlClient.BASE_URL = base_url
    client = OnCrawlClient(api_token=token)
    not_found = {"field": ["status_code", "equals", 404]}
    fields = ["url", "status_code", "depth", "title", "follow_inlinks"]
    out = {}
    out["list_projects"] = [p["id"] for p in client.list_projects(workspace)["projects"]]
    out["get_project"] = client.get_project(project)["project"]["crawl_ids"]
    out["get_fields"] = len(client.get_fields(crawl)["fields"])
    out["get_fields_links"] = len(client.get_fields(crawl, "links")["fields"])
    sort = [{"field": "follow_inlinks", "order": "desc"}]
    pages = client.search_pages(crawl, fields, oql=not_found, limit=5, sort=sort)
    out["search_pages"] = [pages["meta"]["total_hits"], len(pages["urls"])]
    links = client.search_links(crawl, ["origin", "target"], limit=10)
    out["search_links"] = [links["meta"]["total_hits"], len(links["links"])]
    all_links = client.search_all_links(crawl, ["origin", "target"])
    out["search_all_links"] = [all_links["meta"]["total_hits"], all_links["meta"]["returned"]]
    all_pages = client.search_all_pages(crawl, ["url"], oql=not_found, sort=sort)
    out["search_all_pages"] = [all_pages["meta"]["total_hits"], all_pages["meta"]["returned"]]
    aggs = client.aggregate(crawl, [{"fields": [{"name": "depth"}], "value": "count"}])
    out["aggregate"] = aggs["aggs"][0]["cols"]
    ranges = [{"name": "0", "to": 1}, {"name": "1-10", "from": 1, "to": 11}, {"name": "10+", "from": 11}]
    by_inlinks = client.aggregate(crawl, [{"fields": [{"name": "follow_inlinks", "ranges": ranges}]}])
    out["aggregate_ranges"] = [row[0] for row in by_inlinks["aggs"][0]["rows"]]
    out["export_pages_json"] = len(client.export_pages(crawl, ["url", "status_code"]).splitlines())
    csv_text = client.export_pages(crawl, ["url", "status_code"], oql=not_found, file_type="csv")
    out["export_pages_csv"] = csv_text.splitlines()[0]
    out["export_links"] = len(client.export_links(crawl, ["origin", "target"]).splitlines())
    out["export_links_json"] = len(json.loads(client.export_links(crawl, ["origin"], file_type="json")))
    out["search_clusters"] = len(client.search_clusters(crawl, ["cluster_id", "url"], limit=5)["clusters"])
    sd = client.search_structured_data(crawl, ["url", "type"], oql={"field": ["type", "equals", "Product"]}, limit=5)
    out["search_structured_data"] = sd["meta"]["total_hits"]
    out["get_crawl_over_crawl_fields"] = len(client.get_crawl_over_crawl_fields(coc)["fields"])
    now_404 = {"field": ["current_status_code", "equals", 404]}
    changed = {"and": [now_404, {"field": ["previous_status_code", "not_equals", 404]}]}
    coc_fields = ["url", "previous_status_code", "current_status_code"]
    coc_rows = client.search_crawl_over_crawl(coc, coc_fields, oql=changed, limit=10)
    out["search_crawl_over_crawl"] = coc_rows["meta"]["total_hits"]
    coc_aggs = client.aggregate_crawl_over_crawl(coc, [{"fields": [{"name": "change_type"}]}])
    out["aggregate_crawl_over_crawl"] = sorted(row[0] for row in coc_aggs["aggs"][0]["rows"])
    try:
        client.search_pages(crawl, ["no_such_field"])
    except Exception as exc:  # the client raises a plain Exception with the status and the parsed body
        out["error"] = str(exc)[:40]
    print(json.dumps(out))


if __name__ == "__main__":
    main(*sys.argv[1:7])
