"""What the safety pass (unsafe URLs, the nh3 allow-list, inert shortcodes) adds to a convert.

Converts the bodies of the 400 real pages (``../shared/corpus/vdw-dev``, read at run time only)
in-process, alternately with the safety pass and with it replaced by a no-op, and prints the best
of each over several rounds and the difference. Not a test; asserts nothing.

    .venv/bin/python benchmarks/bench_safety.py [--rounds 5] [CORPUS_DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared" / "corpus" / "vdw-dev"))
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    from migrate.body import convert_body, safety
    from migrate.frontmatter import FrontMatterError, decode, parse_front_matter

    bodies = []
    for path in sorted(Path(args.corpus).glob("*")):
        try:
            bodies.append(parse_front_matter(decode(path.read_bytes()))[1])
        except (FrontMatterError, OSError):
            continue
    if not bodies:
        sys.exit(f"no pages in {args.corpus}")
    real = safety.make_safe

    def run(enabled: bool) -> float:
        safety.make_safe = real if enabled else (lambda tokens, source, report: tokens)
        start = time.perf_counter()
        for body in bodies:
            convert_body(body)
        return time.perf_counter() - start

    run(True)  # warm: imports, nh3, parser tables
    with_pass, without = [], []
    for _ in range(args.rounds):
        without.append(run(False))
        with_pass.append(run(True))
    safety.make_safe = real
    a, b = min(without), min(with_pass)
    mb = sum(len(x.encode()) for x in bodies) / 1e6
    print(f"{len(bodies)} pages, {mb:.1f} MB of body, best of {args.rounds} rounds (audit on)")
    print(f"  without the safety pass: {a:7.2f} s")
    print(f"  with the safety pass:    {b:7.2f} s")
    print(f"  added: {b - a:+.2f} s ({(b - a) / a * 100:+.1f}%)")


if __name__ == "__main__":
    main()
