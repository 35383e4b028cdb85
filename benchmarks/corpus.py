"""A deterministic synthetic wiki corpus for benchmarks: invented words, the real pages' construct mix.

Every page is built from templates of each construct the legacy wiki uses (JSON front matter with
aliases, tags and categories; headings, bold colour spans, ``&nbsp;[n](url)`` citations, bullet
and repeated ``1.`` lists, Font Awesome download links, sized images, ``{{< toc >}}``, ``<sup>``,
``<p>``/``<div>`` blocks, HTML and pipe tables, blockquotes, Tiki leftovers, long reference lists),
filled with words from a small made-up vocabulary by one seeded ``random.Random``. The same
arguments always give the same bytes.

    .venv/bin/python benchmarks/corpus.py /tmp/pages --pages 2000 --kb 28
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

# Invented words, so no page text comes from the real wiki.
_VOCAB = (
    "lorvex tamine brisol quenda marth ovelin drassic pemura tolvic anserine vellum corbin istra "
    "nodule faran plexin torsade umbrel kestic waldor yenta zimber acrin boltane cyrel dovine "
    "elmira fostic gorran hestle ivrin jastel kolmar lunette mirran nestor oprine pallid quorin "
    "rastel sovine treval ulmore varnic wystan xerin yolde zarnic amble bristle cordial dapple "
    "ember fathom gossam hollow inkwell jubilee kindle lantern meadow nimble orchard pebble quiver "
    "ripple saffron thistle umber velvet willow yonder zephyr study trial level dose group daily "
    "weekly patients serum marker ratio cohort review increase lower higher risk effect"
)
WORDS = _VOCAB.split()
TOPICS = (
    "Lorvex Balance",
    "Tamine Levels",
    "Brisol Intake",
    "Quenda Response",
    "Marth Syndrome",
    "Ovelin Therapy",
    "Drassic Markers",
    "Pemura Trials",
    "Tolvic Ratio",
    "Vellum Cohort",
)
HOSTS = (
    "https://journal.example.org/doi/10.1000/",
    "https://pubmed.example.net/",
    "https://archive.example.com/articles/PMC",
    "https://files.example.com/attachments/pdf/",
    "https://news.example.org/health/",
)
COLOURS = ("#00F", "#F00", "#390", "#F0C", "#909", "#C60")
ICONS = ("fa-file-pdf", "fa-file-word", "fa-file-excel", "fa-file-image")


class _Page:
    """One page's text generator; every choice comes from ``rnd``."""

    def __init__(self, rnd: random.Random, index: int) -> None:
        self.rnd = rnd
        self.index = index
        self.cite = 0

    def words(self, lo: int, hi: int) -> str:
        return " ".join(self.rnd.choices(WORDS, k=self.rnd.randint(lo, hi)))

    def sentence(self, lo: int = 8, hi: int = 22) -> str:
        text = self.words(lo, hi)
        return text[0].upper() + text[1:] + self.rnd.choice(".....;:")

    def title(self, lo: int = 3, hi: int = 8) -> str:
        return " ".join(w.capitalize() for w in self.rnd.choices(WORDS, k=self.rnd.randint(lo, hi)))

    def url(self) -> str:
        return f"{self.rnd.choice(HOSTS)}{self.rnd.randint(1000, 99_999_999)}"

    def citation(self) -> str:
        self.cite += 1
        return f" &nbsp;[{self.rnd.randint(1, 60)}]({self.url()})"

    def number(self) -> str:
        return f"{self.rnd.randint(1, 400)}{self.rnd.choice(('', ' IU', ' ng/mL', ' nmol/l', '%', ' mg'))}"

    # --- constructs; each returns one Markdown block (no trailing blank line)

    def heading(self) -> str:
        return f"{'#' * self.rnd.choice((2, 3, 4, 4, 4, 5))} {self.title()}"

    def paragraph(self) -> str:
        parts = []
        for _ in range(self.rnd.randint(2, 6)):
            s = self.sentence()
            roll = self.rnd.random()
            if roll < 0.10:
                s += f" {self.number()} **{self.words(2, 5)}** {self.words(2, 6)}."
            elif roll < 0.20:
                s += f" {self.words(2, 4)}<sup>[{self.rnd.randint(1, 40)}]</sup>"
            elif roll < 0.28:
                s += f" {self.words(1, 3)} <span>[{self.words(1, 3)}]</span>."
            elif roll < 0.31:
                s += f' <span style="color:{self.rnd.choice(COLOURS)};">{self.words(2, 6)}</span>'
            elif roll < 0.35:
                s += f" *{self.words(1, 3)}*"
            # Tiki leftovers: rare in the wiki, but every page kind must meet them.
            elif roll < 0.36:
                s += f" 25(OH)D{{SUB()}}3{{SUB}} {self.words(1, 3)}."
            elif roll < 0.37:
                s += f" See (({self.title(2, 4)})) {self.words(1, 3)}."
            elif roll < 0.38:
                s += f" ~~{self.rnd.choice(COLOURS)}:{self.words(1, 3)}~~"
            elif roll < 0.39:
                s += f"~hs~{self.words(1, 3)}."
            parts.append(s)
        return " ".join(parts)

    def bold_colour(self) -> str:
        return f' **<span style="color:{self.rnd.choice(COLOURS)};">{self.title(2, 6)}</span>** '

    def bold(self) -> str:
        return f" **{self.title(1, 4)}** "

    def bullets(self) -> str:
        # The wiki writes loose lists: a blank line between items.
        items = [
            f"* {self.sentence(6, 18)}{self.citation() if self.rnd.random() < 0.6 else ''}"
            for _ in range(self.rnd.randint(2, 6))
        ]
        return "\n\n".join(items)

    def numbered(self) -> str:
        items = [
            f"1. {self.sentence(6, 16)}{self.citation() if self.rnd.random() < 0.3 else ''}"
            for _ in range(self.rnd.randint(2, 5))
        ]
        return "\n\n".join(items)

    def download(self) -> str:
        name = "-".join(self.rnd.choices(WORDS, k=3))
        return (
            f' **<i class="fas {self.rnd.choice(ICONS)}" style="margin-right: 0.3em;"></i>'
            f'<a href="{HOSTS[3]}{name}.pdf">Download the PDF from {self.title(1, 2)} </a>** '
        )

    def image(self) -> str:
        name = "-".join(self.rnd.choices(WORDS, k=2))
        alt = self.rnd.choice(("image", "", self.words(2, 5)))
        width = self.rnd.choice((400, 600, 700, 800))
        return f'<img src="https://files.example.com/attachments/png/{name}.png" alt="{alt}" width="{width}">'

    def rule(self) -> str:
        return "---"

    def html_paragraphs(self) -> str:
        inner = "\n".join(f"<p>{self.sentence()} {self.sentence()}</p>" for _ in range(self.rnd.randint(1, 3)))
        if self.rnd.random() < 0.5:
            style = "background-color:#FFFAE2;padding:15px;margin:10px 0;border-radius:5px;width:800px"
            return f'<div class="border" style="{style}">\n{inner}\n</div>'
        return inner

    def blockquote(self) -> str:
        if self.rnd.random() < 0.4:
            return f'> <span style="color:{self.rnd.choice(COLOURS)};">{self.sentence()}</span>'
        return f"> {self.sentence()} {self.sentence()}"

    def pipe_table(self) -> str:
        cols = self.rnd.randint(2, 5)
        rows = [" | ".join(self.title(1, 3) for _ in range(cols))]
        rows.append(" | ".join("---" for _ in range(cols)))
        for _ in range(self.rnd.randint(2, 8)):
            rows.append(" | ".join(self.rnd.choice((self.words(1, 4), self.number())) for _ in range(cols)))
        return "\n".join(f"| {r} |" for r in rows)

    def html_table(self) -> str:
        cols = self.rnd.randint(2, 4)
        head = "".join(
            f'<td style="width:{self.rnd.randint(50, 200)}px;"><strong>{self.title(1, 2)}</strong></td>'
            for _ in range(cols)
        )
        cell = lambda: f"<td>{self.rnd.choice((self.words(1, 4), self.number()))}</td>"  # noqa: E731
        body = "".join("<tr>" + "".join(cell() for _ in range(cols)) + "</tr>" for _ in range(self.rnd.randint(2, 6)))
        return f'<table border="0" cellpadding="0" cellspacing="0"><tbody><tr>{head}</tr>{body}</tbody></table>'

    def references(self) -> str:
        # A long numbered reference list, as at the foot of many pages.
        items = []
        for _ in range(self.rnd.randint(8, 25)):
            authors = ", ".join(
                f"{self.rnd.choice(WORDS).capitalize()} {self.rnd.choice('ABCDEFGHJKLM')}"
                for _ in range(self.rnd.randint(2, 6))
            )
            items.append(
                f"1. {authors} ({self.rnd.randint(1990, 2024)}) {self.title(4, 10)}. "
                f"{self.title(1, 3)} {self.rnd.randint(1, 90)}:{self.rnd.randint(100, 2000)} CrossRef"
            )
        return "\n\n".join(items)

    # --- the page

    def front_matter(self) -> str:
        title = f"{self.rnd.choice(TOPICS)} - {self.title(2, 6)} {self.index}"
        slug = "-".join(title.lower().replace("-", " ").split())
        page_id = 1000 + self.index
        tags = sorted({self.words(1, 3) for _ in range(self.rnd.randint(3, 30))})
        data = {
            "title": title,
            "slug": slug,
            "aliases": ["/" + "+".join(title.replace("-", " - ").split()), f"/{page_id}"],
            "tiki_page_id": page_id,
            "date": f"{self.rnd.randint(2008, 2024)}-{self.rnd.randint(1, 12):02d}-{self.rnd.randint(1, 28):02d}",
            "categories": self.rnd.sample(TOPICS, self.rnd.randint(1, 4)),
            "tags": tags,
        }
        if self.rnd.random() < 0.2:
            data["associated_tags"] = self.rnd.sample(tags, min(len(tags), 2))
        return json.dumps(data, indent=4, ensure_ascii=False)

    def body(self, target_bytes: int) -> str:
        blocks: list[str] = [self.bold()]
        if self.rnd.random() < 0.3:
            blocks += ["{{< toc >}}", self.rule()]
        size = 0
        kinds, weights = zip(*_MIX, strict=True)
        while size < target_bytes:
            make: Callable[[_Page], str] = self.rnd.choices(kinds, weights)[0]
            block = make(self)
            blocks.append(block)
            size += len(block.encode()) + 2
        if self.rnd.random() < 0.6:
            blocks += [self.rule(), self.heading(), self.references()]
        return "\n\n".join(blocks) + "\n"


# Construct -> relative weight, tuned so a page's tag counts per KB resemble the real wiki's.
_MIX: list[tuple[Callable[[_Page], str], float]] = [
    (_Page.paragraph, 30),
    (_Page.heading, 6),
    (_Page.bold_colour, 5),
    (_Page.bold, 5),
    (_Page.bullets, 8),
    (_Page.numbered, 3),
    (_Page.download, 3),
    (_Page.image, 3),
    (_Page.rule, 3),
    (_Page.html_paragraphs, 5),
    (_Page.blockquote, 2),
    (_Page.pipe_table, 1.5),
    (_Page.html_table, 0.6),
]


def generate(n_pages: int, seed: int = 0, target_kb: float = 28) -> list[tuple[str, str]]:
    """``n_pages`` (file name, text) pairs; sizes vary around ``target_kb`` like the real wiki's."""
    rnd = random.Random(seed)
    pages = []
    for i in range(n_pages):
        page = _Page(rnd, i)
        target = int(target_kb * 1024 * rnd.uniform(0.5, 1.5))
        front = page.front_matter()
        text = f"{front}\n\n\n{page.body(max(target - len(front), 256))}"
        pages.append((f"p{i:05d}.md", text))
    return pages


def write_corpus(folder: Path, n_pages: int, seed: int = 0, target_kb: float = 28) -> int:
    """Write the corpus into ``folder`` (created); returns the total bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, text in generate(n_pages, seed, target_kb):
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        total += len(data)
    return total


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Write a synthetic wiki corpus.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--kb", type=float, default=28, help="average page size")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    total = write_corpus(args.folder, args.pages, args.seed, args.kb)
    print(f"{args.pages:,} pages, {total / 1e6:.1f} MB in {args.folder}")


if __name__ == "__main__":
    main()
