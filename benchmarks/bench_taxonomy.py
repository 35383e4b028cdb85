"""Taxonomy report over 10,000 generated pages: prints seconds (goal: report under 2 s).

Run: .venv/bin/python benchmarks/bench_taxonomy.py [PAGES]
Times the report (counting, labels, slugs, near-duplicates, rendering) from page front matter in
memory, then the taxonomy stage over the same batch; reading files is the reader's benchmark.
"""

from __future__ import annotations

import random
import string
import sys
import time
from typing import Any


def vocabulary(rng: random.Random, size: int) -> list[str]:
    """Made-up terms: one to three words, some with a typo, a plural or a case variant elsewhere."""
    words = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 10))) for _ in range(size)]
    terms = []
    for _ in range(size):
        term = " ".join(rng.choices(words, k=rng.choice((1, 1, 2, 3))))
        terms.append(term)
        roll = rng.random()
        if roll < 0.1:
            terms.append(term.title())
        elif roll < 0.15:
            terms.append(term + "s")
        elif roll < 0.2 and len(term) > 6:
            i = rng.randrange(len(term) - 1)
            terms.append(term[:i] + term[i + 1] + term[i] + term[i + 2 :])
    return terms


def generate(n_pages: int, seed: int = 5) -> list[tuple[str, dict[str, Any]]]:
    rng = random.Random(seed)
    terms = vocabulary(rng, 2000)
    weights = [1 / (i + 1) for i in range(len(terms))]  # a few terms on most pages, a long tail
    pages = []
    for i in range(n_pages):
        tags = rng.choices(terms, weights, k=rng.randint(3, 25))
        cats = rng.choices(terms[:200], k=rng.randint(0, 4))
        assoc = rng.choices(terms, weights, k=rng.randint(0, 10))
        pages.append((f"p{i}.md", {"tags": tags, "categories": cats, "associated_tags": assoc}))
    return pages


def main() -> None:
    from migrate.taxonomy.neardup import find_near_duplicates
    from migrate.taxonomy.report import build_report, render_json, render_text
    from migrate.taxonomy.vocabulary import Settings, Vocabulary

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    pages = generate(n)
    t0 = time.perf_counter()
    vocab = Vocabulary.build(pages, Settings())
    t1 = time.perf_counter()
    near = find_near_duplicates(vocab)
    t2 = time.perf_counter()
    report = build_report(vocab, near, len(pages))
    render_text(report)
    render_json(report)
    t3 = time.perf_counter()
    print(f"pages: {n}, terms: {len(vocab.labels)}, near-duplicate groups: {len(near)}")
    print(f"vocabulary {t1 - t0:.3f} s, near-duplicates {t2 - t1:.3f} s, report+render {t3 - t2:.3f} s")
    print(f"taxonomy report: {t3 - t0:.3f} s (goal < 2 s)")

    from migrate.taxonomy.apply import normalize_terms

    t4 = time.perf_counter()
    changes = sum(len(normalize_terms(meta, vocab)[1]) for _, meta in pages)
    t5 = time.perf_counter()
    print(f"taxonomy stage run() over {n} pages: {t5 - t4:.3f} s ({changes} changes reported)")


if __name__ == "__main__":
    main()
