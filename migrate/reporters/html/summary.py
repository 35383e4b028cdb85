"""What the summary page says: the totals, what needs a person (first), then the bulk notes.

Every diagnostic of the run goes to the first "needs a person" group whose rule matches it; what
matches none is a bulk note, counted by code. The rules are data (``NEEDS``), matched on the code
(and, for kept HTML, on the element named in the message).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

_LIVE = "form|iframe|input|button|select|textarea|object|embed|frame|frameset|applet|script"
_LIVE_KEPT = re.compile(rf"<({_LIVE})\b", re.I)


def _is_error(d: dict[str, Any]) -> bool:
    return bool(d["severity"] == "error")


def _is_audit(d: dict[str, Any]) -> bool:
    return str(d["code"]).startswith("audit.")


def _is_broken_link(d: dict[str, Any]) -> bool:
    code = str(d["code"])
    return "broken" in code or (code.startswith(("links.", "link.")) and "wiki" not in code)


def _is_wikilink(d: dict[str, Any]) -> bool:
    code = str(d["code"])
    return code == "body.wikilink" or (code.startswith(("links.", "link.")) and "wiki" in code)


def _is_kept_live(d: dict[str, Any]) -> bool:
    return str(d["code"]).endswith("html-kept") and bool(_LIVE_KEPT.search(str(d["message"])))


def _is_unsafe(d: dict[str, Any]) -> bool:
    code = str(d["code"])
    return any(w in code for w in ("unsafe", "script", "security", "event-handler", "javascript"))


#: (key, heading, rule): the groups a person must look at, in the order shown.
NEEDS: list[tuple[str, str, Any]] = [
    ("errors", "Errors (pages not written)", _is_error),
    ("audit", "Audit losses: words, links or images missing in the output", _is_audit),
    ("broken-links", "Broken links", _is_broken_link),
    ("wikilinks", "Unresolved wiki links", _is_wikilink),
    ("kept-live", "Kept forms, iframes and scripts", _is_kept_live),
    ("unsafe", "Unsafe content removed", _is_unsafe),
]


@dataclass
class Finding:
    page: int | None  # index into report["pages"]; None for a run-level diagnostic
    file: str
    diag: dict[str, Any]


@dataclass
class Group:
    key: str
    heading: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return len({f.file for f in self.findings})


@dataclass
class Bulk:
    code: str
    severity: str
    count: int
    pages: int
    example: str


@dataclass
class Summary:
    needs: list[Group]
    bulk: list[Bulk]


RANK = {"error": 0, "warning": 1, "info": 2}


def classify(report: dict[str, Any]) -> Summary:
    groups = [Group(key, heading) for key, heading, _ in NEEDS]
    rules = [rule for _, _, rule in NEEDS]
    counts: Counter[str] = Counter()
    files: dict[str, set[str]] = {}
    worst: dict[str, str] = {}
    example: dict[str, str] = {}
    every: list[tuple[int | None, str, dict[str, Any]]] = [
        (i, p["source"], d) for i, p in enumerate(report["pages"]) for d in p["diagnostics"]
    ]
    every += [(None, d.get("file", ""), d) for d in report.get("run_diagnostics") or []]
    for index, file, diag in every:
        for group, rule in zip(groups, rules, strict=True):
            if rule(diag):
                group.findings.append(Finding(index, file, diag))
                break
        else:
            code = diag["code"]
            counts[code] += 1
            files.setdefault(code, set()).add(file)
            worst[code] = min(worst.get(code, "info"), diag["severity"], key=RANK.__getitem__)
            example.setdefault(code, diag["message"])
    bulk = [
        Bulk(code, worst[code], n, len(files[code]), example[code])
        for code, n in sorted(counts.items(), key=lambda kv: (RANK[worst[kv[0]]], -kv[1], kv[0]))
    ]
    return Summary(groups, bulk)
