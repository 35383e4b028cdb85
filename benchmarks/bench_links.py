"""What link resolution adds to a convert, on the 400 real pages (../shared/corpus/vdw-dev).

Runs every stage of ``migrate convert`` in-process (one core, output to a temp folder) and times each
stage; prints the links stage's share of the whole. Goal: under 10% of a convert.
Usage: ``.venv/bin/python benchmarks/bench_links.py [PAGES_DIR] [--hosts=old.host,www.old.host]``
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "corpus" / "vdw-dev"


def main(argv: list[str]) -> int:
    from migrate.config import Config
    from migrate.pipeline import run
    from migrate.sources import find_pages, read_all
    from migrate.stages import Context, build
    from migrate.targets import get_target

    args = [a for a in argv if not a.startswith("--")]
    folder = Path(args[0]) if args else DEFAULT
    hosts = next(
        (a.split("=", 1)[1] for a in argv if a.startswith("--hosts=")), "vitamindwiki.com,www.vitamindwiki.com"
    )
    if not folder.is_dir():
        print(f"no pages at {folder}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    pages, _ = read_all(list(find_pages(folder)), folder)
    read_s = time.perf_counter() - started
    config = Config({"links": {"hosts": hosts.split(",")}})
    with tempfile.TemporaryDirectory() as out:
        ctx = Context(config=config, target=get_target("hugo"), out_dir=Path(out), jobs=1)
        stages = build()
        spent: dict[str, float] = defaultdict(float)
        # time each stage: prepare and every page's run (wrapped, so the runner is unchanged)
        for stage in stages:
            for name in ("prepare", "run"):
                inner = getattr(stage, name)

                def timed(*a, _inner=inner, _name=stage.name):  # type: ignore[no-untyped-def]
                    t = time.perf_counter()
                    try:
                        return _inner(*a)
                    finally:
                        spent[_name] += time.perf_counter() - t

                setattr(stage, name, timed)
        t0 = time.perf_counter()
        run(pages, ctx, stages)
        total = time.perf_counter() - t0 + read_s
    links = spent["link"]
    print(f"{len(pages)} pages, convert {total:.2f} s (read {read_s:.2f} s), one core")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<10} {seconds:7.3f} s  {100 * seconds / total:5.1f}%")
    without = total - links
    print(f"link resolution adds {links:.3f} s to {without:.2f} s: {100 * links / without:.1f}% (goal: under 10%)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
