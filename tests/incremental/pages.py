"""Small made-up wiki pages for the re-run tests (our own words)."""

from __future__ import annotations

import json
from pathlib import Path


def page(slug: str, title: str, body: str = "", tags: tuple[str, ...] = ("Garden",)) -> str:
    front = {"title": title, "slug": slug, "date": "2021-03-04", "tags": list(tags)}
    return json.dumps(front) + "\n\n" + (body or f"Some words about {title}.") + "\n"


def write_pages(folder: Path, pages: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")


def sample(n: int = 6) -> dict[str, str]:
    """``n`` pages; each links to the next by title, one also to a page that is not there."""
    out = {}
    for i in range(n):
        nxt = (i + 1) % n
        body = (
            f"Page {i} of the <b>sample</b>, with a link to ((Topic {nxt})) and &nbsp;some text.\n\n"
            f'- one\n- two <span style="color:#F00">red</span>\n\nSee ((Missing Page {i})).'
        )
        out[f"p{i}.md"] = page(f"topic-{i}", f"Topic {i}", body, tags=("Garden", f"t{i % 3}"))
    return out


def published(out: Path) -> dict[str, bytes]:
    """Every file a CMS would see in ``out`` (the run state in ``.migrate/`` left out)."""
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".migrate" not in p.relative_to(out).parts
    }
