"""The HTML report (`analyze --html`) in a real browser: headless Chromium from Debian's packages
(scripts/ensure-debian.sh installs it; `make test` runs that first).

The page is loaded from disk with every request routed to a local recording proxy: the test checks
that it renders (a chart per standard, each with drawn paths; the totals equal to the JSON), that no
request left the page, and saves a screenshot under build/report-browser/ for a person to look at.
It is also printed to PDF (Chromium's print to PDF, as a reader's "Save as PDF"): A4 pages, each headed
with the contract and the period and numbered, no table row, chart or reason list cut by a page break and
nothing past the right margin (the PDF is saved beside the screenshots).
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
from kefu_check.sequence.words import WORDS

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
BROWSER_SERVICES = re.compile(
    rb"^(GET|POST|CONNECT) (https?://)?[a-z0-9.-]*(google\.com|googleapis\.com|gvt1\.com)[:/]"
)
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
        """The requests lines not made by the browser's own services.

        A connection closed with no byte sent is Chromium's speculative preconnect to its proxy (seen
        once in a CI run): nothing was asked and nothing left, so it is not a request. A connection that
        stayed open silently for 2 s is still counted (as b"?").
        """
        lines = [r.split(b"\r\n")[0] for r in self.requests if r]
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
    assert shown["net_to_provider"] == grouped(-Decimal(doc["totals"]["net_to_provider"])) == "51,610.00"
    assert f'<tr class="net"><th scope="row">{WORDS[lang]["net_row_client"]}</th>' in dom  # who owes whom, unsigned
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


def marked(html: str) -> str:
    """The page with a marker at the start and at the end of every table row (header rows aside) and chart
    (`R7A` … `R7Z`): a row cut by a page break has its two markers on different pages of the PDF."""
    count = iter(range(10_000))

    def row(match: re.Match[str]) -> str:
        if "<td" not in match.group(2):  # a header row: repeated on every page a table spans
            return match.group(0)
        n, body = next(count), match.group(2)
        body = re.sub(r"^(<t[hd][^>]*>)", rf"\g<1>R{n}A ", body, count=1)
        body = re.sub(r"(</t[hd]>)$", rf" R{n}Z\g<1>", body)
        return f"{match.group(1)}{body}</tr>"

    def figure(match: re.Match[str]) -> str:
        n = next(count)
        return f"{match.group(1)}R{n}A {match.group(2)}<span>R{n}Z</span></figure>"

    html = re.sub(r"(<tr[^>]*>)(.*?)</tr>", row, html, flags=re.S)
    return re.sub(r"(<figure[^>]*><figcaption>)(.*?)</figure>", figure, html, flags=re.S)


def pdf_text(pdf: Path) -> list[tuple[str, list[tuple[float, str]]]]:
    """Per page: its text, and each text run's x position (points from the left edge)."""
    import pypdf

    pages = []
    for page in pypdf.PdfReader(pdf).pages:
        runs: list[tuple[float, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float, runs=runs) -> None:
            if text.strip():
                runs.append((cm[0] * tm[4] + cm[2] * tm[5] + cm[4], text))

        pages.append((page.extract_text(visitor_text=visit), runs))
    return pages


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_prints_to_a4(lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import pypdf

    page = tmp_path / f"report.{lang}.html"
    run_cli("analyze", DISPUTE, "--lang", lang, "--html", page, "--output", tmp_path / "out.txt", capsys=capsys)
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf, probe = SHOTS / f"dispute-quarter.{lang}.pdf", tmp_path / "marked.pdf"
    test_page = tmp_path / f"marked.{lang}.html"
    test_page.write_text(marked(page.read_text(encoding="utf-8")), encoding="utf-8")
    proxy = RecordingProxy()
    try:
        for source, target in ((page, pdf), (test_page, probe)):
            chromium(source, proxy, tmp_path / "profile-pdf", "--no-pdf-header-footer", f"--print-to-pdf={target}")
    finally:
        proxy.close()
    assert proxy.from_page() == []

    reader = pypdf.PdfReader(pdf)
    n = len(reader.pages)
    assert 3 <= n <= 8, n  # the dispute quarter: five pages (terms and money, charts, timeline, the months)
    for p in reader.pages:
        assert (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == (595, 842)  # A4 in points
    pages = pdf_text(pdf)
    for i, (text, _) in enumerate(pages):
        assert "KF-2026-SEQ" in text and "2026-10" in text and "2026-12" in text, f"page {i + 1} header"
        assert f"{i + 1} / {n}" in text, f"page {i + 1} number"

    marks = pdf_text(probe)
    where: dict[str, list[int]] = {}
    for i, (text, runs) in enumerate(marks):
        for mark in re.findall(r"R\d+[AZ]", text):
            where.setdefault(mark, []).append(i)
        assert all(x < 595 - 12 / 25.4 * 72 + 1 for x, _ in runs), f"page {i + 1}: text past the right margin"
    rows = {m[:-1] for m in where}
    assert len(rows) > 40  # every row of the terms, totals and timeline tables, and every chart
    cut = sorted(r for r in rows if where.get(r + "A") != where.get(r + "Z") or len(where[r + "A"]) != 1)
    assert cut == [], f"cut by a page break: {cut}"
