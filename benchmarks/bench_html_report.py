"""The HTML report on a large run: what writing it costs next to the convert, and how fast it opens.

Not a test: it prints figures. On a synthetic corpus (benchmarks/corpus.py; 2,466 pages by default,
the size of the whole legacy wiki) and, when ../shared is there, on the 400 real pages:

1. ``python -m migrate convert IN OUT --report r.json -q`` wall time;
2. ``python -m migrate report r.json --html DIR`` wall time, start-up included, and its share of (1)
   (goal: under 10 %);
3. the report opened from disk in headless Chromium (Debian's ``chromium``, Playwright): time to the
   ``load`` event and until the report's script is done, for the summary, the page table and the
   largest page (goal: under 2 s).

    .venv/bin/python benchmarks/bench_html_report.py [--pages 2466] [--kb 17] [--jobs 0] [--no-browser]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from corpus import write_corpus  # noqa: E402

REAL = ROOT.parent / "shared" / "corpus" / "vdw-dev"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip


def _migrate(cwd: Path, *args: str) -> tuple[float, float]:
    """Wall time and CPU time (this command and its worker processes) of one ``migrate`` command."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")} | {"PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "migrate", *args], cwd=cwd, capture_output=True, text=True, env=env)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"migrate {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return took, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _open_times(html: Path) -> list[tuple[str, float, float]]:
    from playwright.sync_api import sync_playwright

    biggest = max((html / "p").iterdir(), key=lambda p: p.stat().st_size)
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            for label, target in (("summary", html / "index.html"), ("page table", html / "pages.html"),
                                  (f"largest page ({biggest.stat().st_size / 1e6:.1f} MB)", biggest)):  # fmt: skip
                context = browser.new_context()  # a cold cache each time
                page = context.new_page()
                start = time.perf_counter()
                page.goto(target.as_uri(), wait_until="domcontentloaded")
                page.wait_for_selector("html[data-ready-ms]")
                loaded = time.perf_counter() - start
                ready = float(page.get_attribute("html", "data-ready-ms") or 0) / 1000
                rows.append((label, loaded, ready))
                context.close()
        finally:
            browser.close()
    return rows


def run(name: str, source: Path, work: Path, jobs: int, browser: bool) -> None:
    pages = sum(1 for _ in source.glob("*.md"))
    size = sum(p.stat().st_size for p in source.glob("*.md"))
    convert = _migrate(work, "convert", str(source), "out", "--report", "r.json", "-q", "-j", str(jobs))
    report = _migrate(work, "report", "r.json", "--html", "html", "-j", str(jobs))
    summary = json.loads((work / "r.json").read_text(encoding="utf-8"))["summary"]
    html_mb = sum(p.stat().st_size for p in (work / "html").rglob("*") if p.is_file()) / 1e6
    data_mb = (work / "html" / "assets" / "data.js").stat().st_size / 1e6
    print(f"\n## {name}: {pages:,} pages, {size / 1e6:.1f} MB, {summary['warnings']:,} warnings")
    (cw, cc), (rw, rc) = convert, report
    print(f"convert (CLI, -q)               {cw:7.1f} s wall {cc:7.1f} s CPU")
    print(f"report --html (CLI)             {rw:7.1f} s wall {rc:7.1f} s CPU")
    print(f"report / convert                {100 * rw / cw:7.1f} % wall {100 * rc / cc:5.1f} % CPU (goal < 10 %)")
    print(f"report folder                   {html_mb:7.1f} MB ({data_mb:.2f} MB of table data)")
    if browser:
        for label, loaded, ready in _open_times(work / "html"):
            print(f"open {label:<27}{loaded:7.2f} s to usable (script done at {ready:.2f} s; goal < 2 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2466)
    parser.add_argument("--kb", type=float, default=17, help="average synthetic page size (the real pages': 17)")
    parser.add_argument("-j", "--jobs", type=int, default=0, help="processes for convert and report (0: one per core)")
    parser.add_argument("--no-browser", action="store_true", help="skip opening the report in Chromium")
    parser.add_argument("--no-real", action="store_true", help="skip the 400 real pages")
    args = parser.parse_args()
    browser = not args.no_browser and Path(CHROMIUM).exists()
    with tempfile.TemporaryDirectory(prefix="bench-html-") as tmp:
        work = Path(tmp)
        if REAL.is_dir() and not args.no_real:
            (work / "real").mkdir()
            run("400 real pages", REAL, work / "real", args.jobs, browser)
        (work / "synthetic").mkdir()
        write_corpus(work / "synthetic" / "in", args.pages, target_kb=args.kb)
        run("synthetic", work / "synthetic" / "in", work / "synthetic", args.jobs, browser)
    load = os.getloadavg()[0]
    print(f"\n{os.cpu_count()} cores; load average {load:.1f} (other work on the machine slows both sides)")


if __name__ == "__main__":
    main()
