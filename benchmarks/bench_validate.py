"""``migrate validate`` against check-jsonschema on the same front matter: one file, and 2,000 pages in one call.

Not a test: it prints figures. check-jsonschema cannot read front matter inside Markdown, so it gets the
same front matter extracted to JSON files and the same schema (schemas/page.schema.json).

    python -m venv /tmp/cj && /tmp/cj/bin/pip install check-jsonschema
    .venv/bin/python benchmarks/bench_validate.py --check-jsonschema /tmp/cj/bin/check-jsonschema

The pages are the real ones in ../shared/corpus/vdw-dev, copied (with new slugs and ids, so the
checks across pages stay quiet) into a temporary folder until there are 2,000; nothing is kept.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "vdw-dev"
SCHEMA = ROOT / "schemas" / "page.schema.json"


def make_pages(src: Path, md: Path, js: Path, count: int) -> None:
    from migrate.page import Page
    from migrate.sources import read_page

    pages = [p for p in (read_page(f) for f in sorted(src.glob("*.md"))) if isinstance(p, Page)]
    if not pages:
        sys.exit(f"no pages in {src}")
    for n in range(count):
        page, copy = pages[n % len(pages)], n // len(pages)
        data = dict(page.meta)
        if copy:
            data["slug"] = f"{data['slug']}-{copy}"
            data["tiki_page_id"] = data["tiki_page_id"] + 100_000 * copy
            data["aliases"] = [f"{a}-{copy}" for a in data.get("aliases", [])]
        front = json.dumps(data, indent=4, ensure_ascii=False)
        (md / f"p{n:05d}.md").write_text(f"{front}\n\n{page.body}", encoding="utf-8")
        (js / f"p{n:05d}.json").write_text(front, encoding="utf-8")


def timed(command: list[str], runs: int, expect: int = 0) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != expect:
            sys.exit(f"{command[0]} exited {done.returncode}:\n{done.stdout[-2000:]}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check-jsonschema", default=shutil.which("check-jsonschema"), help="its executable")
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5, help="median of this many runs")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    if not args.check_jsonschema:
        sys.exit("check-jsonschema not found: install it (see the docstring) or pass --check-jsonschema PATH")
    migrate = Path(sys.executable).with_name("migrate")
    ours = [str(migrate)] if migrate.exists() else [sys.executable, "-m", "migrate"]
    with tempfile.TemporaryDirectory() as tmp:
        md, js = Path(tmp, "md"), Path(tmp, "json")
        md.mkdir()
        js.mkdir()
        make_pages(args.corpus, md, js, args.pages)
        one_md, one_js = sorted(md.iterdir())[0], sorted(js.iterdir())[0]
        all_js = sorted(str(p) for p in js.iterdir())
        cj = [args.check_jsonschema, "--schemafile", str(SCHEMA)]
        rows = [
            ("1 file", timed([*ours, "validate", str(one_md)], args.runs), timed([*cj, str(one_js)], args.runs)),
            (
                f"{args.pages:,} pages",
                timed([*ours, "validate", str(md)], args.runs),
                timed([*cj, *all_js], args.runs),
            ),
        ]
    print(f"median of {args.runs} runs, {Path(args.check_jsonschema).name} vs migrate validate")
    print(f"{'':>12} {'migrate':>9} {'check-jsonschema':>17} {'ratio':>6}  (goal: ratio <= 0.60)")
    for name, mine, theirs in rows:
        print(f"{name:>12} {mine:8.3f}s {theirs:16.3f}s {mine / theirs:6.2f}")


if __name__ == "__main__":
    main()
