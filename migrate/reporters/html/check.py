"""Is this a report the HTML report can be made from? The few facts it relies on, checked fast.

(schemas/report.schema.json describes the whole report; validating a 2,466-page report against it
costs more than writing the HTML, so only what the HTML report reads is checked here.)
"""

from __future__ import annotations

from typing import Any

_STATUSES = ("ok", "warning", "error")
_SEVERITIES = ("error", "warning", "info")


def _diagnostic(d: Any, where: str) -> str | None:
    if not isinstance(d, dict):
        return f"{where} is not an object"
    for key, kind in (("code", str), ("severity", str), ("message", str)):
        if not isinstance(d.get(key), kind):
            return f"{where}/{key} is missing or not a string"
    if d["severity"] not in _SEVERITIES:
        return f"{where}/severity {d['severity']!r} is not one of {', '.join(_SEVERITIES)}"
    if not isinstance(d.get("line", 1), int):
        return f"{where}/line is not a number"
    return None


def problems(data: Any) -> list[str]:
    """What is wrong, each as a JSON pointer and a reason; empty when the report is usable."""
    if not isinstance(data, dict):
        return ["the top level is not an object"]
    found = []
    if not isinstance(data.get("pages"), list):
        found.append("/pages is missing or not a list")
    if not isinstance(data.get("summary"), dict):
        found.append("/summary is missing or not an object")
    else:
        for key in ("pages", "converted", "failed", "with_warnings", "errors", "warnings", "infos"):
            if not isinstance(data["summary"].get(key), int):
                found.append(f"/summary/{key} is missing or not a number")
        for key in ("codes", "kept_html"):
            if not isinstance(data["summary"].get(key), dict):
                found.append(f"/summary/{key} is missing or not an object")
    if found:
        return found
    for i, page in enumerate(data["pages"]):
        where = f"/pages/{i}"
        if not isinstance(page, dict) or not isinstance(page.get("source"), str):
            found.append(f"{where}/source is missing or not a string")
        elif page.get("status") not in _STATUSES:
            found.append(f"{where}/status {page.get('status')!r} is not one of {', '.join(_STATUSES)}")
        elif not isinstance(page.get("diagnostics"), list):
            found.append(f"{where}/diagnostics is missing or not a list")
        else:
            found += [p for j, d in enumerate(page["diagnostics"]) if (p := _diagnostic(d, f"{where}/diagnostics/{j}"))]
        if len(found) >= 5:
            break
    for j, d in enumerate(data.get("run_diagnostics") or []):
        if problem := _diagnostic(d, f"/run_diagnostics/{j}"):
            found.append(problem)
    return found
