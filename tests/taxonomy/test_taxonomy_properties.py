"""Properties of the taxonomy stage over generated corpora: idempotent, nothing lost, one spelling per term."""

from __future__ import annotations

from typing import Any

from conftest import WORDS, generated_corpus, make_page, run_stage
from hypothesis import given, settings
from hypothesis import strategies as st

from migrate.taxonomy.normalize import clean, term_key

KEYS = ("tags", "categories", "associated_tags")

messy = st.builds(
    lambda w, case, sep, pad: pad + (w.upper() if case == 1 else w.title() if case == 2 else w).replace(" ", sep) + pad,
    st.sampled_from(WORDS),
    st.integers(0, 2),
    st.sampled_from([" ", "  ", "-", "_", "\u00a0", "\t"]),
    st.sampled_from(["", " ", "\n"]),
)
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
terms = st.lists(st.one_of(messy, any_text), max_size=8)
metas = st.lists(
    st.fixed_dictionaries({"tags": terms, "categories": terms, "associated_tags": terms}), min_size=1, max_size=6
)


def normalize(metas: list[dict[str, Any]]) -> list[Any]:
    pages = [make_page({"title": f"P{i}", "slug": f"p{i}", **m}, f"p{i}.md") for i, m in enumerate(metas)]
    return run_stage(pages)


def check_invariants(before: list[dict[str, Any]], pages: list[Any]) -> None:
    labels_by_key: dict[str, set[str]] = {}
    for meta, page in zip(before, pages, strict=True):
        kept = set()
        for key in KEYS:
            out = page.meta.get(key, [])
            found = [term_key(t) for t in out]
            assert len(found) == len(set(found)), f"duplicate term in {key}: {out}"
            assert out == sorted(out, key=lambda t: (t.casefold(), t))
            kept.update(found)
            for label in out:
                labels_by_key.setdefault(term_key(label), set()).add(label)
        for key in KEYS:
            for term in meta.get(key, []):
                if clean(term):
                    assert term_key(clean(term)) in kept, f"lost {term!r}"
    for spellings in labels_by_key.values():
        assert len(spellings) == 1, f"one term, several labels: {spellings}"


@settings(max_examples=150, deadline=None)
@given(metas)
def test_nothing_lost_no_duplicates_one_label_per_term(metas: list[dict[str, Any]]) -> None:
    check_invariants(metas, normalize(metas))


@settings(max_examples=150, deadline=None)
@given(metas)
def test_normalizing_twice_changes_nothing(metas: list[dict[str, Any]]) -> None:
    once = normalize(metas)
    again_in = [{k: p.meta[k] for k in KEYS if k in p.meta} for p in once]
    twice = normalize(again_in)
    for first, second in zip(once, twice, strict=True):
        assert {k: first.meta[k] for k in KEYS} == {k: second.meta[k] for k in KEYS}
        assert all(d.severity == "error" for d in second.diagnostics), [d.format() for d in second.diagnostics]


def test_generated_corpus() -> None:
    metas = generated_corpus(seed=7, n_pages=300)
    pages = normalize(metas)
    check_invariants(metas, pages)
    assert not any(p.has_errors for p in pages)
    labels = {t for p in pages for k in KEYS for t in p.meta.get(k, [])}
    assert len(labels) == len(WORDS)
