"""Golden fixtures for body cleanup: ``fixtures/<feature>/case.md`` in, ``expected.md`` out.

A folder may also hold ``options.json`` (the config's ``body:`` section, plus ``titles``: wiki
page title -> URL, the batch the page sits in) and ``xfail.json`` (check name -> reason, for
known bugs: ``output``, ``idempotent``, ``audit`` or ``findings``). ``findings.txt`` lists the
diagnostics the case must raise, one ``severity[code]`` a line, in order.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from migrate.body import BodyOptions, BodyResult, convert_body

FIXTURES = Path(__file__).parent / "fixtures"


def cases() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if (p / "case.md").is_file())


def options_for(folder: Path) -> BodyOptions:
    path = folder / "options.json"
    section: dict[str, Any] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    titles = {k.casefold(): v for k, v in section.pop("titles", {}).items()}
    return BodyOptions.from_config(section, resolve_title=lambda t: titles.get(t.strip().casefold()))


def xfails(folder: Path) -> dict[str, str]:
    path = folder / "xfail.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def convert(folder: Path, name: str = "case.md") -> BodyResult:
    text = (folder / name).read_text(encoding="utf-8")
    return convert_body(text, options_for(folder))


def finding_lines(result: BodyResult) -> str:
    return "".join(f"{f.severity}[{f.code}]\n" for f in result.report.findings)


def lost_items(result: BodyResult) -> dict[str, dict[str, int]]:
    return {kind: dict(counter) for kind, counter in (result.lost or {}).items() if counter}


if __name__ == "__main__":  # regenerate: python -m tests.body.golden [FEATURE ...] (then READ every diff)
    import sys

    wanted = set(sys.argv[1:])
    for folder in cases():
        if wanted and folder.name not in wanted:
            continue
        result = convert(folder)
        (folder / "expected.md").write_text(result.markdown, encoding="utf-8")
        (folder / "findings.txt").write_text(finding_lines(result), encoding="utf-8")
        print("wrote", folder / "expected.md")
