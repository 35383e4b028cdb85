"""The one place tests find the real pages in ``../shared`` (read at run time, never copied here).

CI keeps them beside the checkout; where they are absent, the tests that need them skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "vdw-dev"
SEED = SHARED / "seed" / "000_87799907ad4cf83c.txt"

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="the real pages (../shared/corpus) are not here")
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason="the seed page (../shared/seed) is not here")
