"""Golden test: the sample pages in corpus/ with corpus/taxonomy.yaml give corpus/expected.json.

Regenerate after an intended change: ``python tests/taxonomy/test_taxonomy_golden.py`` (then review the diff).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import run_stage

from migrate.sources import find_pages, read_all

CORPUS = Path(__file__).parent / "corpus"
KEYS = ("categories", "tags", "associated_tags")


def normalized() -> dict[str, Any]:
    pages, unreadable = read_all(find_pages(CORPUS), CORPUS)
    assert not unreadable
    run_stage(pages, {"taxonomy": {"rules": "taxonomy.yaml"}}, CORPUS)
    rules = str(CORPUS / "taxonomy.yaml")
    return {
        p.name: {
            "meta": {k: p.meta[k] for k in KEYS if k in p.meta},
            "diagnostics": [d.format().replace(rules, "{rules}") for d in p.diagnostics],
        }
        for p in pages
    }


def test_sample_corpus_matches_golden() -> None:
    expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
    assert normalized() == expected


if __name__ == "__main__":
    text = json.dumps(normalized(), indent=2, ensure_ascii=False) + "\n"
    (CORPUS / "expected.json").write_text(text, encoding="utf-8")
