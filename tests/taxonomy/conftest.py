"""Helpers for the taxonomy tests: pages from front matter data, a stage run over a batch."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from migrate.config import Config
from migrate.page import Page
from migrate.pipeline import Context
from migrate.stages.taxonomy import TaxonomyStage
from tests.pages import make_page  # noqa: F401  (the taxonomy tests import it from here)


def run_stage(pages: list[Page], config: dict[str, Any] | None = None, base: Path = Path(".")) -> list[Page]:
    ctx = Context(Config(config or {}, base), None, Path("out"))  # type: ignore[arg-type]  # no target: not routed
    stage = TaxonomyStage()
    stage.prepare(pages, ctx)
    for page in pages:
        stage.run(page, ctx)
    return pages


WORDS = ["bone", "sleep", "vitamin d", "omega 3", "heart", "parkinson's", "fracture", "cancer", "iron", "gut"]


def variant(rng: random.Random, term: str) -> str:
    """A messy spelling of ``term``: case, spacing and punctuation changes only."""
    choice = rng.randrange(6)
    if choice == 0:
        return term.title()
    if choice == 1:
        return term.upper()
    if choice == 2:
        return "  " + term.replace(" ", "\u00a0 ") + " "
    if choice == 3:
        return term.replace(" ", "-")
    if choice == 4:
        return term.replace("'", "")
    return term


def generated_corpus(seed: int, n_pages: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    pages = []
    for i in range(n_pages):
        cats = [variant(rng, rng.choice(WORDS)) for _ in range(rng.randrange(3))]
        tags = [variant(rng, rng.choice(WORDS)) for _ in range(rng.randrange(8))] + cats[:1]
        pages.append({"title": f"Page {i}", "slug": f"page-{i}", "categories": cats, "tags": tags})
    return pages


@pytest.fixture
def corpus_dir() -> Path:
    return Path(__file__).parent / "corpus"
