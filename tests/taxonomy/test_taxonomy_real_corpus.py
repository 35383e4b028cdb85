"""The 400 real pages (read at run time, never copied): skipped when ../shared is absent."""

from __future__ import annotations

import copy
from collections import defaultdict

import pytest
from conftest import run_stage

from migrate.page import Page
from migrate.sources import find_pages, read_all, read_page
from migrate.taxonomy.normalize import clean, slug_for, term_key
from tests.shared import CORPUS, SEED, needs_corpus, needs_seed

KEYS = ("tags", "categories", "associated_tags")

pytestmark = needs_corpus


def test_real_pages() -> None:
    pages, unreadable = read_all(find_pages(CORPUS), CORPUS)
    assert len(pages) == 400 and not unreadable
    before = [copy.deepcopy(p.meta) for p in pages]
    run_stage(pages)
    labels: dict[str, set[str]] = defaultdict(set)
    for meta, page in zip(before, pages, strict=True):
        assert not page.has_errors, [d.format() for d in page.diagnostics if d.severity == "error"]
        kept = set()
        for key in KEYS:
            out = page.meta.get(key) or []
            found = [term_key(t) for t in out]
            assert len(found) == len(set(found)), f"{page.name}: duplicate term in {key}"
            kept.update(found)
            for label in out:
                labels[term_key(label)].add(label)
        for key in KEYS:
            for term in meta.get(key) or []:
                assert term_key(clean(term)) in kept, f"{page.name}: lost {term!r}"
    assert all(len(spellings) == 1 for spellings in labels.values())
    slugs: dict[str, set[str]] = defaultdict(set)
    for spellings in labels.values():
        (label,) = spellings
        slugs[slug_for(label)].add(label)
    assert all(len(v) == 1 for v in slugs.values())


@needs_seed
@pytest.mark.parametrize("keep", [False, True])
def test_seed_intervention_becomes_one_term(keep: bool) -> None:
    page = read_page(SEED, "seed.md")
    assert isinstance(page, Page)
    spelled = [t for t in page.meta["tags"] if t.casefold() == "intervention"]
    assert sorted(spelled) == ["Intervention", "intervention"]
    run_stage([page], {"taxonomy": {"keep_category_as_tag": keep}})
    tags = [t for t in page.meta["tags"] if t.casefold() == "intervention"]
    cats = [t for t in page.meta["categories"] if t.casefold() == "intervention"]
    assert len(cats) == 1
    assert len(tags) == (1 if keep else 0)
    assert not page.has_errors
