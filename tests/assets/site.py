"""Sample legacy pages (our own words) whose images and files live on the local test server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def legacy_page(slug: str, title: str, body: str) -> str:
    front = {"title": title, "slug": slug, "date": "2021-05-04", "categories": ["Garden"], "tags": ["soil"]}
    return json.dumps(front, indent=4) + "\n\n" + body


def write_pages(folder: Path, base: str) -> None:
    """Two pages: images in Markdown and in HTML (one sized), a PDF, a Tiki download link, a broken image."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "compost.md").write_text(
        legacy_page(
            "compost-heaps",
            "Compost heaps",
            f"""Turning the heap weekly keeps it warm.

<img src="{base}/img/heap.png" alt="A steaming compost heap" width="320">

![Thermometer in the heap]({base}/img/thermometer.png)

<p>The full <a href="/attachments/compost-guide.pdf">compost guide (PDF)</a> has the tables.</p>

A picture that is gone: <img src="{base}/missing.png" alt="lost chart">
""",
        ),
        encoding="utf-8",
    )
    (folder / "mulch.md").write_text(
        legacy_page(
            "mulch-and-worms",
            "Mulch and worms",
            f"""Worms like a thick mulch.

![The same heap again]({base}/img/heap.png)

[Worm counts, 2020](/tiki-download_file.php?fileId=77)

![Same bytes, other name]({base}/same/first.png) ![and again]({base}/same/second.png)
""",
        ),
        encoding="utf-8",
    )


def write_config(path: Path, base: str, **extra: object) -> Path:
    lines = [
        "assets:",
        "  hosts: ['127.0.0.1']",
        f"  base_url: {base}",
        "  rate: 0",
        "  backoff: 0.01",
        "  retries: 1",
        "  timeout: 5",
    ]
    lines += [f"  {k}: {json.dumps(v)}" for k, v in extra.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def migrate(cwd: Path, *args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    """``python -m migrate ARGS`` as a user runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [sys.executable, "-m", "migrate", *args], cwd=cwd, capture_output=True, text=True, env=env, **kw
    )  # type: ignore[call-overload,no-any-return]


HUGO_CONFIG = """baseURL = "http://site.test/"
title = "assets test"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
"""


def hugo_skeleton(site: Path) -> None:
    """The least a Hugo site needs to render pages: a config and one layout."""
    (site / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    (layouts / "single.html").write_text("<!doctype html><html><body>{{ .Content }}</body></html>\n")
    (layouts / "list.html").write_text("<!doctype html><html><body></body></html>\n")


def load_report(path: Path) -> dict[str, object]:
    """A convert report, checked against schemas/report.schema.json."""
    import jsonschema

    schema = json.loads((REPO / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    report = json.loads(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.path)}: {e.message}" for e in jsonschema.Draft202012Validator(schema).iter_errors(report)]
    assert not errors, errors[:5]
    return report  # type: ignore[no-any-return]


def tree(root: Path) -> dict[str, bytes]:
    """Every file below root (relative path -> bytes)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
