"""The diagnostic-code registry: every code declared once, the docs generated from it."""

from __future__ import annotations

import re
from pathlib import Path

from migrate.diagnostics import CODES, STAGES, render_markdown
from tests.cli.helpers import copy_input, run_cli

REPO = Path(__file__).resolve().parents[1]
PREFIXES = "|".join(p for p, _ in STAGES)
#: a code as a string literal, or inside a printed line: "body.img-alt", [taxonomy.rules]
LITERAL = re.compile(rf"""["\[]((?:{PREFIXES})\.[a-z][A-Za-z0-9-]*)["\]]""")
#: string literals with a code's shape that are not codes
NOT_CODES = {"taxonomy.yaml", "assets.csv"}


def test_every_code_literal_in_the_package_is_declared() -> None:
    found: dict[str, str] = {}
    for path in sorted((REPO / "migrate").rglob("*.py")):
        for match in LITERAL.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(1), str(path.relative_to(REPO)))
    assert len(found) > 60
    missing = {code: where for code, where in found.items() if code not in CODES and code not in NOT_CODES}
    assert missing == {}


def test_every_code_a_run_reports_is_declared(tmp_path: Path) -> None:
    copy_input(tmp_path, broken=True)
    codes: set[str] = set()
    for folder in ("input", "input/broken"):
        run = run_cli(tmp_path, folder, f"out-{len(codes)}", "--redirects", "nginx,netlify,vercel,csv")
        codes |= {m["code"] for m in run.diagnostics()}
    assert {"read.no-front-matter", "schema.required", "body.img-alt"} <= codes
    assert sorted(codes - set(CODES)) == []


def test_the_docs_are_generated_from_the_registry() -> None:
    # regenerate with: python -m migrate.diagnostics docs/diagnostics.md
    assert (REPO / "docs" / "diagnostics.md").read_text(encoding="utf-8") == render_markdown()


def test_each_code_has_an_anchor_the_html_report_can_link_to() -> None:
    text = render_markdown()
    for code in CODES:
        assert f'<a id="{code}"></a>\n- **`{code}`**' in text
    assert all(c.meaning and "\n" not in c.meaning and c.severity for c in CODES.values())
