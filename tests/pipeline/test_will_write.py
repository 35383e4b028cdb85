"""One answer to "will this page be written?", used by wiki links, aliases, redirects, write and the report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli.helpers import run_cli, tree

GOLDEN = Path(__file__).parent / "golden" / "not-written"


def test_a_wiki_link_to_a_page_that_fails_validation_is_not_made(tmp_path: Path) -> None:
    # alpha links ((Beta)); beta has no date, fails validation and is not written: alpha's output must
    # not link /posts/beta/, alpha gets a warning naming beta, beta's aliases get no redirect.
    shutil.copytree(GOLDEN / "input", tmp_path / "input")
    got = run_cli(tmp_path, "input", "out", "--redirects", "csv", "--report", "report.json", "--no-skeleton")
    assert got.code == 1
    assert got.lines[:-1] == (GOLDEN / "expected" / "diagnostics.out").read_text().splitlines()
    expected = tree(GOLDEN / "expected")
    expected.pop("diagnostics.out")
    assert tree(tmp_path / "out") == expected
    report = json.loads((tmp_path / "report.json").read_text())
    written = {p["source"]: p["output"] for p in report["pages"]}
    assert written == {
        "input/alpha.md": "out/content/posts/alpha.md",
        "input/beta.md": None,
        "input/gamma.md": "out/content/posts/gamma.md",
    }
