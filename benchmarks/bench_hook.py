"""The pre-commit hook on one staged page in a 2,500-page site, against today's plain one-file run.

Not a test: it prints figures. The site is synthetic (benchmarks/corpus.py, invented words, the real
pages' sizes) in a temporary git repository: ``content/pNNNNN.md``. Rows, each the median of --runs:

- ``validate FILE``: ``migrate validate content/p00000.md``, no site index (the run before --hook)
- ``--hook, cold cache``: ``migrate validate --hook content/p00000.md`` with an empty index cache
  (every page's front matter read)
- ``--hook, warm cache``: the same with the cache of the previous run (what every later commit pays)

Goal: the warm row within 2x of the first. CPU time (user + system of the child) is printed beside
the wall time: on a shared machine it moves less.

    .venv/bin/python benchmarks/bench_hook.py [--pages 2500] [--kb 28] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus


def timed(command: list[str], cwd: Path, env: dict[str, str], runs: int, before=None) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Median wall time and median CPU time (user + system) of the runs."""
    times, cpu = [], []
    for _ in range(runs):
        if before is not None:
            before()
        start, used = time.perf_counter(), _children_cpu()
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - used)
        if done.returncode != 0:
            sys.exit(f"{' '.join(command)} exited {done.returncode}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return statistics.median(times), statistics.median(cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2500)
    parser.add_argument("--kb", type=float, default=28, help="average page size")
    parser.add_argument("--runs", type=int, default=5, help="median of this many runs")
    args = parser.parse_args()
    migrate = Path(sys.executable).with_name("migrate")
    ours = [str(migrate)] if migrate.exists() else [sys.executable, "-m", "migrate"]
    with tempfile.TemporaryDirectory() as tmp:
        site, cache = Path(tmp, "site"), Path(tmp, "cache")
        total = write_corpus(site / "content", args.pages, target_kb=args.kb)
        (site / ".git").mkdir()  # the repository root the hook looks for; nothing else of git is needed
        env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
        one = "content/p00000.md"

        def clear() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        # --schema page: the synthetic pages are legacy-style (JSON front matter, tiki ids)
        plain = timed([*ours, "validate", "--schema", "page", one], site, env, args.runs)
        hook = [*ours, "validate", "--hook", "--schema", "page", one]
        cold = timed(hook, site, env, args.runs, before=clear)
        warm = timed(hook, site, env, args.runs)
    print(f"{args.pages:,} pages, {total / 1e6:.1f} MB; median of {args.runs} runs")
    print(f"{'':>24} {'wall s':>8} {'x plain':>8} {'CPU s':>8} {'x plain':>8}  (goal: warm <= 2.00x)")
    for name, (t, c) in (("validate FILE", plain), ("--hook, cold cache", cold), ("--hook, warm cache", warm)):
        print(f"{name:>24} {t:8.3f} {t / plain[0]:8.2f} {c:8.3f} {c / plain[1]:8.2f}")


if __name__ == "__main__":
    main()
