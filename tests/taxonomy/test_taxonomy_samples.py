"""The repository's sample pages (``input/``) through the taxonomy stage: the issue's invariants hold."""

from __future__ import annotations

import copy
from collections import defaultdict
from pathlib import Path

from conftest import run_stage

from migrate.sources import find_pages, read_all
from migrate.taxonomy.normalize import clean, slug_for, term_key

SAMPLES = Path(__file__).resolve().parents[2] / "input"
KEYS = ("tags", "categories", "associated_tags")


def test_sample_pages_one_term_per_spelling_nothing_lost_no_slug_collision() -> None:
    pages, _ = read_all(find_pages(SAMPLES), SAMPLES)
    assert pages
    before = [copy.deepcopy(p.meta) for p in pages]
    messy = sum(len(m.get(k) or []) for m in before for k in KEYS)
    run_stage(pages)
    labels: dict[str, set[str]] = defaultdict(set)
    for meta, page in zip(before, pages, strict=True):
        assert not page.has_errors, [d.format() for d in page.diagnostics]
        kept: set[str] = set()
        for key in KEYS:
            out = page.meta.get(key) or []
            found = [term_key(t) for t in out]
            assert len(found) == len(set(found)), f"{page.name}: duplicate term in {key}: {out}"
            kept.update(found)
            for label in out:
                labels[term_key(label)].add(label)
        lost = [t for k in KEYS for t in meta.get(k) or [] if clean(t) and term_key(clean(t)) not in kept]
        assert lost == [], f"{page.name}: lost {lost}"
    assert {k: v for k, v in labels.items() if len(v) > 1} == {}
    slugs: dict[str, set[str]] = defaultdict(set)
    for (label,) in labels.values():
        slugs[slug_for(label)].add(label)
    assert {s: v for s, v in slugs.items() if len(v) > 1} == {}
    # The samples are messy on purpose: the stage had something to merge.
    assert sum(len(p.meta.get(k) or []) for p in pages for k in KEYS) < messy
