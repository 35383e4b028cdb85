"""Re-running ``migrate convert`` over the same output folder (migrate.incremental).

Not a test: it prints figures. Generates the synthetic corpus (benchmarks/corpus.py, 2,466 pages by
default) in a temporary folder and times, as a user runs it (``python -m migrate convert IN OUT -q``):

1. the first run into an empty output folder;
2. a second run with nothing changed (every page reused, no file written);
3. a run after one page's body was edited (``--edits`` times, each after a new edit: the median);
4. a run after one page's title changed (the pages linking to it are converted again; the synthetic
   corpus has no wiki links, so this is one page, like 3);
5. start-up alone (``python -m migrate convert --help``), to read 3 and 4 against.

Goals (issue 13): (2) under a tenth of (1); (3) under 1 s plus start-up. "unread" counts the pages
replayed from the last run's records without reading their source (migrate.incremental.replay); a
front matter change (4) takes the full pipeline, with every body but one from the body cache.

    .venv/bin/python benchmarks/bench_rerun.py [--pages 2466] [--kb 28] [--jobs 0]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from corpus import write_corpus  # noqa: E402


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MIGRATE_"))}
    env["PYTHONPATH"] = str(ROOT)
    return env


def convert(src: Path, out: Path, jobs: int) -> tuple[float, dict[str, object]]:
    """Wall time of one CLI run, and its report's ``summary.outputs``."""
    report = out.parent / "report.json"
    cmd = [sys.executable, "-m", "migrate", "convert", str(src), str(out), "-q", "-j", str(jobs)]
    start = time.perf_counter()
    subprocess.run([*cmd, "--report", str(report)], env=_env(), capture_output=True, check=False)
    took = time.perf_counter() - start
    return took, json.loads(report.read_text(encoding="utf-8"))["summary"]["outputs"]


def startup(runs: int = 5) -> float:
    cmd = [sys.executable, "-m", "migrate", "convert", "--help"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=_env(), capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2466)
    parser.add_argument("--kb", type=float, default=28)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=0, help="processes (0: one per core)")
    parser.add_argument("--edits", type=int, default=5, help="edited-page runs to take the median of")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-rerun-") as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        size = write_corpus(src, args.pages, args.seed, args.kb)
        print(f"corpus: {args.pages:,} pages, {size / 1e6:.1f} MB; jobs {args.jobs or 'one per core'}")
        rows = []
        took, outputs = convert(src, out, args.jobs)
        rows.append(("first run (empty output folder)", took, outputs))
        took, outputs = convert(src, out, args.jobs)
        rows.append(("second run, nothing changed", took, outputs))
        one = sorted(src.iterdir())[args.pages // 2]
        edits = []
        for n in range(max(1, args.edits)):
            one.write_text(one.read_text(encoding="utf-8") + f"\nSentence {n} by an editor.\n", encoding="utf-8")
            edits.append(convert(src, out, args.jobs))
        took = statistics.median(t for t, _ in edits)
        rows.append((f"one page's body edited (median of {len(edits)})", took, edits[-1][1]))
        spread = ", ".join(f"{t:.2f}" for t, _ in edits)
        text = one.read_text(encoding="utf-8")
        meta_end = text.index("\n}") + 2
        meta = json.loads(text[:meta_end])
        meta["title"] = meta["title"] + " (revised)"
        one.write_text(json.dumps(meta, indent=2) + text[meta_end:], encoding="utf-8")
        took, outputs = convert(src, out, args.jobs)
        rows.append(("one page's title changed", took, outputs))
        boot = startup()
    first = rows[0][1]
    print(f"{'run':44} {'seconds':>8} {'x first':>8} {'reused':>7} {'unread':>7} {'written':>8} {'unchanged':>9}")
    for label, took, outputs in rows:
        print(
            f"{label:44} {took:8.2f} {took / first:8.3f} {outputs['reused']:7,} {outputs.get('replayed', 0):7,}"
            f" {outputs['written']:8,} {outputs['unchanged']:9,}"
        )
    print(f"{'start-up (convert --help, median)':44} {boot:8.2f}")
    print(f"edited-page runs, in order: {spread} s")
    second, edited = rows[1][1], rows[2][1]
    print(
        f"goal: second run under a tenth of the first: {second / first:.3f} "
        f"({'met' if second < first / 10 else 'NOT met'}); "
        f"one edited page under 1 s plus start-up: {edited - boot:.2f} s beyond start-up "
        f"({'met' if edited - boot < 1 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
