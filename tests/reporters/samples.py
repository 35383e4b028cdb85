"""Small legacy pages of our own for the HTML report tests, and a converted run of them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]

PAGES = {
    "garden-notes.md": """{
  "title": "Garden notes",
  "slug": "garden-notes",
  "aliases": ["/Garden+notes", "/901"],
  "date": "2024-03-01",
  "categories": ["Gardening"],
  "tags": ["soil"]
}

## Spring beds

Turn the beds in <span style="color:#00F;">early spring</span>, then see ((Compost basics)) and
((A page that never existed)).

<img src="https://img.example.org/beds.jpg" alt="Three raised beds">

Read the [county guide](https://extension.example.org/beds) first.
""",
    "compost-basics.md": """---
title: Compost basics
slug: compost-basics
date: 2024-03-02
categories: [Gardening]
tags: [compost]
---

Greens and browns in equal parts.{FOOTNOTE()}By volume, not by weight.{FOOTNOTE}

| layer | depth |
| --- | --- |
| browns | 10 cm |
| greens | 5 cm |
""",
    "contact-form.md": """{
  "title": "Contact form",
  "slug": "contact-form",
  "date": "2024-03-03",
  "categories": ["Site"]
}

Write to the club below.

<form action="https://club.example.org/send"><input name="email"></form>

<script>window.__ranPageScript = true;</script>

<iframe src="https://video.example.org/embed/1"><script>window.__ranPageScript = true;</script></iframe>
<img src="https://img.example.org/x.png" alt="club logo" onerror="window.__ranPageScript = true">
""",
    "zebra-crossing.md": """{
  "title": "Zebra crossing",
  "slug": "zebra-crossing",
  "date": "2024-03-04",
  "categories": ["Site"]
}

Cross the lane at the zebra marking near the shed.
""",
}

#: the word the tests take out of one output page, as a converter bug would
LOST_WORD = "zebra"
LOSS_PAGE = "zebra-crossing.md"


def write_pages(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in PAGES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def migrate(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run([sys.executable, "-m", "migrate", *args], cwd=cwd, capture_output=True, text=True, env=env)


def lose_a_word(cwd: Path, report_path: Path) -> dict[str, Any]:
    """Take LOST_WORD out of one output page and record it in the report the way the audit does."""
    report = json.loads(report_path.read_text(encoding="utf-8"))
    entry = next(e for e in report["pages"] if e["source"].endswith(LOSS_PAGE))
    out = cwd / entry["output"]
    out.write_text(out.read_text(encoding="utf-8").replace(f"the {LOST_WORD} marking", "the marking"), encoding="utf-8")
    entry["audit"].update(lost_words=1, lost_words_items=[LOST_WORD])
    entry["diagnostics"].append(
        {
            "code": "audit.lost-words",
            "severity": "warning",
            "message": f"1 words of the source missing in the output: '{LOST_WORD}'",
            "line": 8,
            "column": 1,
        }
    )
    if entry["status"] == "ok":
        entry["status"] = "warning"
    s = report["summary"]
    s["audit_lost"]["words"] = s["audit_lost"].get("words", 0) + 1
    s["warnings"] += 1
    s["with_warnings"] = sum(e["status"] == "warning" for e in report["pages"])
    s["codes"]["audit.lost-words"] = s["codes"].get("audit.lost-words", 0) + 1
    report_path.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return report
