"""The dashboard driven in headless Chromium against a real server: scenarios, the journal, the clock, the data."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import httpx
from playwright.sync_api import Page, expect

from mockserver.app import create_app
from mockserver.settings import Settings
from mockserver.threaded import ThreadedServer, serve_in_thread
from tests.browser.conftest import frozen_clock

ONS_CN = {"X-Client-Cert-CN": "hr_integration-TE1002-free_text"}
LEANLAW_KEY = {"Authorization": "Bearer ll-hartwell-full-0001"}
#: Where the screenshot goes when asked for (`MOCKSERVER_SCREENSHOT=docs/dashboard.png make test`); a plain run
#: writes it under the test's temporary directory, so the work tree stays as it was.
SCREENSHOT = "MOCKSERVER_SCREENSHOT"


def open_dashboard(page: Page, server: ThreadedServer) -> None:
    page.goto(server.url + "/__admin/ui")
    expect(page.locator("#clock-now")).to_contain_text("2026-03-02 09:30:00")


def journal_row(page: Page, path: str, status: int) -> object:
    return page.locator("#journal-table tbody tr", has_text=path).filter(has_text=str(status)).first


def test_a_scenario_applied_from_the_page_shows_its_rule_and_fault_on_the_next_request(
    page: Page, server: ThreadedServer
) -> None:
    open_dashboard(page, server)
    page.select_option("#scenario-name", "ons-maintenance")
    page.click("#scenario-apply button[type=submit]")
    expect(page.locator("#scenario-list .scenario[data-name=ons-maintenance]")).to_be_visible()

    answer = httpx.get(server.url + "/ons/t/teams", headers=ONS_CN)
    assert answer.status_code == 503

    row = journal_row(page, "/ons/t/teams", 503)
    expect(row.locator("td.rule")).to_have_text("ons-maintenance/maintenance")
    expect(row.locator("td.fault")).to_have_text("respond ServiceUnavailable")
    expect(page.locator(".scenario[data-name=ons-maintenance] table")).to_contain_text("maintenance11")

    row.click()  # the detail: request headers redacted as in the journal, the response's body
    detail = page.locator("#journal-detail")
    expect(detail).to_contain_text("x-client-cert-cn")
    expect(detail.locator(".response pre")).to_contain_text("Ons is down for scheduled maintenance")

    page.click(".scenario[data-name=ons-maintenance] button:has-text('Remove')")
    expect(page.locator("#scenario-list")).to_contain_text("No scenario is applied.")
    assert httpx.get(server.url + "/__admin/scenarios").json()["scenarios"] == []


def test_a_scenario_file_the_api_refuses_is_refused_with_its_message(
    page: Page, server: ThreadedServer, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: broken\nrules:\n  - fault: {type: teleport}\n")
    expected = httpx.post(server.url + "/__admin/scenarios", content=bad.read_bytes()).json()["error"]
    open_dashboard(page, server)
    page.set_input_files("#scenario-file", str(bad))
    expect(page.locator("#message")).to_have_text(expected)


SWITCH = """name: switch
provider: ons
states: [broken]
rules:
  - name: broken-teams
    when: broken
    match: {path: /ons/t/teams}
    fault: {type: respond, status: 503}
"""


def test_an_uploaded_scenario_is_moved_to_a_state_and_reset_from_the_page(
    page: Page, server: ThreadedServer, tmp_path: Path
) -> None:
    upload = tmp_path / "switch.yaml"
    upload.write_text(SWITCH)
    open_dashboard(page, server)
    page.set_input_files("#scenario-file", str(upload))
    expect(page.locator("#message")).to_have_text("switch applied from switch.yaml")
    assert httpx.get(server.url + "/ons/t/teams", headers=ONS_CN).status_code == 200

    page.select_option(".scenario[data-name=switch] select", "broken")
    expect(page.locator("#message")).to_have_text("switch: state broken")
    assert httpx.get(server.url + "/ons/t/teams", headers=ONS_CN).status_code == 503
    expect(journal_row(page, "/ons/t/teams", 503).locator("td.rule")).to_have_text("switch/broken-teams")

    page.fill("#filter-status", "5xx")  # the filters: only the refused request is left
    expect(page.locator("#journal-table tbody tr")).to_have_count(1)
    page.fill("#filter-status", "")
    page.fill("#filter-path", "teams")
    expect(page.locator("#journal-table tbody tr")).to_have_count(2)

    page.click(".scenario[data-name=switch] button:has-text('Reset')")
    expect(page.locator(".scenario[data-name=switch] select")).to_have_value("started")
    assert httpx.get(server.url + "/__admin/scenarios").json()["scenarios"][0]["state"] == "started"


def test_the_clock_moves_from_the_page(page: Page, server: ThreadedServer) -> None:
    open_dashboard(page, server)
    page.fill("#clock-step", "90")
    page.select_option("#clock-unit", "60")  # minutes
    page.click("#clock-advance")
    expect(page.locator("#clock-now")).to_contain_text("2026-03-02 11:00:00")
    assert httpx.get(server.url + "/__admin/clock").json()["now"].startswith("2026-03-02T11:00:00")
    page.click("#clock-system")
    expect(page.locator("#clock-mode")).to_have_text("system")
    page.click("#clock-freeze")
    expect(page.locator("#clock-mode")).to_have_text("frozen")
    assert httpx.get(server.url + "/__admin/clock").json()["mode"] == "frozen"


def test_a_record_created_through_the_api_appears_in_the_data_panel(page: Page, server: ThreadedServer) -> None:
    open_dashboard(page, server)
    page.select_option("#data-provider", "leanlaw")
    page.select_option("#data-collection", "practice_areas")
    expect(page.locator("#data-page")).to_have_text("1–6 of 6")
    created = httpx.post(server.url + "/leanlaw/v2/practice-areas", json={"label": "Appeals"}, headers=LEANLAW_KEY)
    assert created.status_code == 201
    expect(page.locator("#data-table tbody")).to_contain_text("Appeals")
    expect(page.locator("#data-page")).to_have_text("1–7 of 7")
    expect(journal_row(page, "/leanlaw/v2/practice-areas", 201)).to_be_visible()

    page.click("#data-reset-tenant")
    expect(page.locator("#data-page")).to_have_text("1–6 of 6")
    expect(page.locator("#data-table tbody")).not_to_contain_text("Appeals")

    httpx.post(server.url + "/leanlaw/v2/practice-areas", json={"label": "Tax"}, headers=LEANLAW_KEY)
    expect(page.locator("#data-page")).to_have_text("1–7 of 7")
    page.click("#data-reset-all")  # every store and the journal
    expect(page.locator("#data-page")).to_have_text("1–6 of 6")
    expect(page.locator("#journal-table tbody tr")).to_have_count(0)


def request_of(line: str) -> httpx.Request:
    """The request a curl line of the page sends (its -X, -H and -d, and its URL)."""
    words = shlex.split(line)
    assert words[0] == "curl", line
    method, headers, data, url = "GET", {}, None, None
    args = iter(words[1:])
    for word in args:
        if word == "-X":
            method = next(args)
        elif word == "-H":
            name, _, value = next(args).partition(":")
            headers[name.strip()] = value.strip()
        elif word == "-d":
            data, method = next(args), "POST" if method == "GET" else method
        elif not word.startswith("-"):
            url = word
    assert url is not None, line
    return httpx.Request(method, url, headers=headers, content=data)


def test_every_providers_curl_line_works_as_shown(page: Page, server: ThreadedServer, tmp_path: Path) -> None:
    open_dashboard(page, server)
    lines = page.locator("#provider-list .curl-line")
    expect(lines).to_have_count(5)
    with httpx.Client() as client:
        for line in lines.all_inner_texts():
            answer = client.send(request_of(line))
            assert 200 <= answer.status_code < 300, (line, answer.status_code, answer.text[:300])
            assert "<Status>failed</Status>" not in answer.text, line  # APIREST's refusals come with 200
    expect(page.locator("#journal-table tbody tr")).to_have_count(5)

    # The screenshot: a scenario at work, the request it decided opened, the providers' panel.
    page.select_option("#scenario-name", "ons-maintenance")
    page.click("#scenario-apply button[type=submit]")
    expect(page.locator("#scenario-list .scenario")).to_have_count(1)
    assert httpx.get(server.url + "/ons/t/teams", headers=ONS_CN).status_code == 503
    row = journal_row(page, "/ons/t/teams", 503)
    row.click()
    expect(page.locator("#journal-detail")).to_contain_text("Ons is down for scheduled maintenance")
    page.locator("#provider-list details").first.evaluate("node => node.open = true")
    page.screenshot(path=os.environ.get(SCREENSHOT) or str(tmp_path / "dashboard.png"), full_page=True)


def test_with_an_admin_token_the_page_asks_for_it_and_sends_it(page: Page) -> None:
    app = create_app(Settings(seed=1234, admin_token="s3cret-token"), clock=frozen_clock())
    with serve_in_thread(app) as server:
        page.goto(server.url + "/__admin/ui")
        expect(page.locator("#token-form")).to_be_visible()
        expect(page.locator("#message")).to_contain_text("admin token")
        page.fill("#token", "s3cret-token")
        page.click("#token-form button[type=submit]")
        expect(page.locator("#clock-now")).to_contain_text("2026-03-02 09:30:00")
        expect(page.locator("#token-form")).to_be_hidden()
        expect(page.locator("#provider-list .provider")).to_have_count(5)
