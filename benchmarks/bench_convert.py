"""``migrate convert`` on a synthetic corpus, next to a bare mistune parse + render of the same bodies.

Not a test: it prints figures. One run generates the corpus (benchmarks/corpus.py) in a temporary
folder and times, on the same pages:

1. bare mistune 3: ``create_markdown(plugins=["table", "strikethrough"])`` parse + HTML render of every body;
2. convert in-process through the library (read, every stage, report), audit on;
3. the same with audit off;
4. the CLI end to end as a user runs it: ``python -m migrate convert IN OUT -q``;

then where the time of (2) goes, stage by stage (and inside the body stage), and the CLI's start-up.
Goal: (2) within 3x of (1), and well over 100 pages per second per core on pages the seed's size.

    .venv/bin/python benchmarks/bench_convert.py [--pages 1000] [--kb 28] [--profile convert.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from corpus import write_corpus  # noqa: E402

Times = defaultdict[str, float]


class TimedStage:
    """A stage wrapped so the benchmark, not the package, measures it."""

    def __init__(self, stage: Any, times: Times) -> None:
        self.stage = stage
        self.name = stage.name
        self.times = times

    def prepare(self, pages: list[Any], ctx: Any) -> None:
        prepare = getattr(self.stage, "prepare", None)
        if prepare is not None:
            start = time.perf_counter()
            prepare(pages, ctx)
            self.times[f"{self.name} (prepare)"] += time.perf_counter() - start

    def run(self, page: Any, ctx: Any) -> None:
        start = time.perf_counter()
        try:
            self.stage.run(page, ctx)
        finally:
            self.times[self.name] += time.perf_counter() - start


def _timer(fn: Callable[..., Any], key: str, times: Times) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            times[key] += time.perf_counter() - start

    return timed


# (module, attribute path, label): the steps of convert_body, looked up at call time so wrapping works.
BODY_STEPS = (
    ("migrate.body.parser", "parse", "  body: mistune parse (source + output)"),
    ("migrate.body.audit", "reader_view", "  body: audit reader views"),
    ("migrate.body.audit", "compare", "  body: audit compare"),
    ("migrate.body.convert", "Converter.document", "  body: transform (Converter)"),
    ("migrate.body.writer", "MarkdownWriter.render", "  body: Markdown writer"),
)


@contextmanager
def body_steps_timed(times: Times) -> Iterator[None]:
    """Time the steps inside the body stage; a step the package no longer has is left out."""
    from importlib import import_module

    undo = []
    for module_name, path, label in BODY_STEPS:
        try:
            owner: Any = import_module(module_name)
            *parents, attr = path.split(".")
            for name in parents:
                owner = getattr(owner, name)
            original = getattr(owner, attr)
        except (ImportError, AttributeError):
            continue
        setattr(owner, attr, _timer(original, label, times))
        undo.append((owner, attr, original))
    try:
        yield
    finally:
        for owner, attr, original in reversed(undo):
            setattr(owner, attr, original)


def bare_mistune(bodies: list[str]) -> float:
    import mistune

    md = mistune.create_markdown(plugins=["table", "strikethrough"])
    for body in bodies[:20]:  # warm-up: first calls compile mistune's patterns
        md(body)
    start = time.perf_counter()
    for body in bodies:
        md(body)
    return time.perf_counter() - start


def convert_in_process(src: Path, out: Path, audit: bool, times: Times | None = None) -> tuple[float, int]:
    """Seconds for a whole library convert (read, stages, report) and how many pages failed."""
    from migrate.config import Config
    from migrate.pipeline import Context, run
    from migrate.report import Totals, build_report, report_entries
    from migrate.sources import find_pages, read_all
    from migrate.stages import build
    from migrate.targets import get_target

    times = times if times is not None else defaultdict(float)
    start = time.perf_counter()
    pages, unreadable = read_all(list(find_pages(src)), src)
    times["read"] += time.perf_counter() - start
    ctx = Context(config=Config(), target=get_target("hugo"), out_dir=out.resolve(), audit=audit)
    run(pages, ctx, stages=[TimedStage(s, times) for s in build()])
    mark = time.perf_counter()
    entries = report_entries(pages, unreadable, str(out))
    report = build_report(
        entries, Totals().of(entries), input_dir=str(src), output_dir=str(out), target="hugo",
        seconds=mark - start, dry_run=False, strict=False, extra=[],
    )  # fmt: skip
    times["report"] += time.perf_counter() - mark
    return time.perf_counter() - start, report["summary"]["failed"] + len(unreadable)


def cli_convert(src: Path, out: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "migrate", "convert", str(src), str(out), "-q"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"migrate convert exited {done.returncode}:\n{done.stderr[-2000:]}")
    return seconds


def startup(runs: int = 5) -> list[tuple[str, float]]:
    def median(cmd: list[str]) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    py = sys.executable
    return [
        ("python -c pass", median([py, "-c", "pass"])),
        ("python -m migrate --help", median([py, "-m", "migrate", "--help"])),
        ("python -m migrate convert --help", median([py, "-m", "migrate", "convert", "--help"])),
    ]


def top_imports(count: int = 8) -> tuple[float, list[tuple[float, str]]]:
    """Total import time of ``migrate convert --help`` and its most expensive top-level imports."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "migrate", "convert", "--help"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True,
    )  # fmt: skip
    rows = []
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m and len(m.group(3)) <= 1:  # one space: imported by the program itself, not by another module
            rows.append((int(m.group(2)) / 1e6, m.group(4)))
    return sum(s for s, _ in rows), sorted(rows, reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000, help="pages to generate (default 1000)")
    parser.add_argument("--kb", type=float, default=28, help="average page size in KB (default 28, the seed's)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-cli", action="store_true", help="skip the CLI subprocess run and start-up figures")
    parser.add_argument("--profile", type=Path, help="also write a cProfile of the audit-on convert here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-convert-") as tmp:
        src = Path(tmp, "pages")
        start = time.perf_counter()
        size = write_corpus(src, args.pages, args.seed, args.kb)
        made = time.perf_counter() - start
        mb = size / 1e6
        print(
            f"synthetic corpus: {args.pages:,} pages, {mb:.1f} MB (avg {size / args.pages / 1024:.1f} KB), "
            f"seed {args.seed}, written in {made:.1f} s; Python {sys.version.split()[0]}, one process"
        )

        from migrate.page import Page
        from migrate.sources import read_page

        bodies = [p.body for p in map(read_page, sorted(src.iterdir())) if isinstance(p, Page)]
        rows: list[tuple[str, float, str]] = [("bare mistune parse + HTML render", bare_mistune(bodies), "")]

        warm = Path(tmp, "warm")
        write_corpus(warm, 10, args.seed + 1, args.kb)
        convert_in_process(warm, Path(tmp, "warm-out"), audit=True)  # not timed: one-off imports and parser set-up
        detail: Times = defaultdict(float)
        profiler = cProfile.Profile() if args.profile else None
        with body_steps_timed(detail):
            seconds, failed = convert_in_process(src, Path(tmp, "out-audit"), audit=True, times=detail)
        rows.append(("convert, library, audit on", seconds, f"{failed} failed" if failed else ""))
        seconds, failed = convert_in_process(src, Path(tmp, "out-noaudit"), audit=False)
        rows.append(("convert, library, audit off", seconds, f"{failed} failed" if failed else ""))
        if not args.no_cli:
            rows.append(("convert, CLI subprocess (-q)", cli_convert(src, Path(tmp, "out-cli")), "incl. start-up"))
        if profiler is not None:
            profiler.enable()
            convert_in_process(src, Path(tmp, "out-prof"), audit=True)
            profiler.disable()
            profiler.dump_stats(args.profile)

    bare = rows[0][1]
    n = args.pages
    print(f"\n{'':34} {'seconds':>8} {'pages/s':>8} {'MB/s':>6} {'ms/page':>8} {'x bare':>7}")
    for name, seconds, note in rows:
        print(f"{name:34} {seconds:8.2f} {n / seconds:8.1f} {mb / seconds:6.2f} {1000 * seconds / n:8.2f} "
              f"{seconds / bare:7.2f}  {note}")  # fmt: skip
    audit_on = rows[1][1]
    verdict = "met" if audit_on <= 3 * bare and n / audit_on > 100 else "NOT met"
    print(f"goal (audit on: <= 3.00x bare and > 100 pages/s per core): {verdict}")

    total = sum(v for k, v in detail.items() if not k.startswith("  "))
    print(f"\nwhere the time goes (library, audit on){'':>4} {'seconds':>8} {'ms/page':>8} {'share':>6}")
    lines = [(k, v) for k, v in detail.items() if not k.startswith("  ")]
    steps = [(k, v) for k, v in detail.items() if k.startswith("  ")]
    if steps and "body" in detail:
        steps.append(("  body: other (options, findings)", detail["body"] - sum(v for _, v in steps)))
        at = [k for k, _ in lines].index("body") + 1
        lines[at:at] = steps
    for name, seconds in lines:
        print(f"  {name:40} {seconds:8.2f} {1000 * seconds / n:8.2f} {100 * seconds / total:5.1f}%")
    print(f"  {'total':40} {total:8.2f} {1000 * total / n:8.2f}")

    if not args.no_cli:
        print("\nstart-up (median of 5)")
        for name, seconds in startup():
            print(f"  {name:40} {1000 * seconds:7.0f} ms")
        imported, top = top_imports()
        print(f"  imports of `migrate convert --help`: {1000 * imported:.0f} ms; most expensive:")
        for seconds, name in top:
            print(f"    {name:38} {1000 * seconds:7.1f} ms")
    if args.profile:
        print(f"\nprofile written: {args.profile} (python -m pstats {args.profile})")


if __name__ == "__main__":
    main()
