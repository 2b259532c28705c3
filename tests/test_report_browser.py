"""The HTML report (`analyze --html`) in a real browser: headless Chromium from Debian's packages
(scripts/ensure-debian.sh installs it; `make test` runs that first).

The page is loaded from disk with every request routed to a local recording proxy: the test checks
that it renders (a chart per standard, each with drawn paths; the totals equal to the JSON), that no
request left the page, and saves a screenshot under build/report-browser/ for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from kefu_check.cli import main
from kefu_check.money import grouped

REPO = Path(__file__).resolve().parents[1]
DISPUTE = REPO / "fixtures" / "sequences" / "dispute-quarter"
SHOTS = REPO / "build" / "report-browser"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
# Chromium's own background services (network time, component update, accounts) talk to these hosts on
# their own whatever the page; any other request through the proxy came from the page.
BROWSER_SERVICES = re.compile(rb"^(GET|POST|CONNECT) (https?://)?[a-z0-9.-]*(google\.com|googleapis\.com|gvt1\.com)[:/]")
CHARTS = ["first_response:chat", "first_response:phone", "resolution", "satisfaction", "availability:2026-01-01"]

# Skipped only outside CI: in CI (CI=true) `make test` has installed Chromium, and its absence is a failure.
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and os.environ.get("CI") != "true",
    reason="no Chromium: run scripts/ensure-debian.sh (make test does)",
)


class RecordingProxy:
    """A local TCP listener used as the browser's proxy: every connection is a request that tried to leave."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.requests: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    self.requests.append(conn.recv(1024))
                except OSError:
                    self.requests.append(b"?")

    def close(self) -> None:
        self.server.close()

    def from_page(self) -> list[bytes]:
        """The requests lines not made by the browser's own services."""
        lines = [r.split(b"\r\n")[0] for r in self.requests]
        return [line for line in lines if not BROWSER_SERVICES.match(line)]


def run_cli(*args: str | Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main([str(a) for a in args])
    return capsys.readouterr().out


def chromium(page: Path, proxy: RecordingProxy, profile: Path, *extra: str) -> str:
    done = subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--proxy-server=http://127.0.0.1:{proxy.port}",
            "--proxy-bypass-list=<-loopback>",
            *extra,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_renders_offline(lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / f"report.{lang}.html"
    doc = json.loads(run_cli("analyze", DISPUTE, "--format", "json", "--lang", lang, "--html", page, capsys=capsys))
    source = page.read_text(encoding="utf-8")
    assert not re.search(r"https?:|//[a-z0-9.-]+\.[a-z]{2,}/|<script|<link|<img|@import|url\((?!#)", source, re.I)

    proxy = RecordingProxy()
    try:
        dom = chromium(page, proxy, tmp_path / "profile-dom", "--dump-dom")
        SHOTS.mkdir(parents=True, exist_ok=True)
        shot = SHOTS / f"dispute-quarter.{lang}.png"
        chromium(page, proxy, tmp_path / "profile-shot", "--window-size=1280,2600", f"--screenshot={shot}")
    finally:
        proxy.close()
    assert proxy.from_page() == []
    assert shot.stat().st_size > 50_000

    charts = re.findall(r'<figure class="chart" data-chart="([^"]+)">(.*?)</figure>', dom, re.S)
    assert [name for name, _ in charts] == CHARTS
    for name, body in charts:
        drawn = re.findall(r'<path [^>]*d="M[^"]+"', body)
        assert len(drawn) >= 5, name
    totals = dict(re.findall(r'data-total="(\w+)" data-value="([^"]+)">', dom))
    assert totals == {k: str(v) for k, v in doc["totals"].items()}
    shown = dict(re.findall(r'data-total="(\w+)" data-value="[^"]+">([^<]+)<', dom))
    assert shown["net_to_provider"] == grouped(Decimal(doc["totals"]["net_to_provider"])) == "-51,610.00"
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in dom
    assert dom.count('<tr data-id="') == len(doc["timeline"])


def test_the_proxy_sees_a_page_request(tmp_path: Path) -> None:
    """Control: a page that does load something from the network is caught."""
    page = tmp_path / "leaky.html"
    page.write_text('<!DOCTYPE html><img src="http://kefu-check.invalid/pixel.png">', encoding="utf-8")
    proxy = RecordingProxy()
    try:
        chromium(page, proxy, tmp_path / "profile", "--dump-dom")
    finally:
        proxy.close()
    assert any(b"kefu-check.invalid" in line for line in proxy.from_page())


def test_report_is_deterministic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = [tmp_path / "a.html", tmp_path / "b.html"]
    for page in pages:
        run_cli("analyze", DISPUTE, "--html", page, "--output", tmp_path / "out.txt", capsys=capsys)
    assert pages[0].read_bytes() == pages[1].read_bytes()
