"""The ``migrate taxonomy`` report: every term with its pages, spellings and slug, and the near-duplicates."""

from __future__ import annotations

import json
from typing import Any

from .neardup import NearDuplicate
from .vocabulary import Vocabulary

#: pages named per term in the text report; JSON names them all.
TEXT_PAGES = 3


def build_report(vocab: Vocabulary, near: list[NearDuplicate], page_count: int) -> dict[str, Any]:
    """Plain data (the JSON output); terms sorted by pages, most used first."""
    terms: list[dict[str, Any]] = []
    for key, counts in vocab.spellings.items():
        pages: set[str] = set()
        for spelling in counts:
            pages.update(vocab.pages[spelling])
        label = vocab.labels[key]
        terms.append(
            {
                "label": label,
                "slug": vocab.slugs[key],
                "pages": len(pages),
                "spellings": dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
            }
        )
    terms.sort(key=lambda t: (-t["pages"], t["label"].casefold(), t["label"]))
    rules = vocab.settings.rules
    return {
        "pages": page_count,
        "keys": list(vocab.settings.keys),
        "rules": rules.source or None,
        "terms": terms,
        "near_duplicates": [
            {
                "kinds": list(d.kinds),
                "suggestion": d.suggestion,
                "terms": [{"label": m.label, "pages": list(m.pages)} for m in d.members],
            }
            for d in near
        ],
        "slug_collisions": [{"slug": s, "labels": labels} for s, labels in sorted(vocab.collisions.items())],
        "empty_slugs": sorted(label for key, label in vocab.labels.items() if not vocab.slugs[key]),
    }


def render_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def render_text(report: dict[str, Any]) -> str:
    lines = [
        f"{report['pages']} pages, {len(report['terms'])} terms"
        f" (keys: {', '.join(report['keys'])}; rules: {report['rules'] or 'none'})",
        "",
        "Terms (pages, slug, spellings):",
    ]
    width = max((len(t["label"]) for t in report["terms"]), default=0)
    for t in report["terms"]:
        spellings = ", ".join(f"{s} ({n})" for s, n in t["spellings"].items())
        lines.append(f"  {t['pages']:>6}  {t['label']:<{width}}  {t['slug'] or '(no slug)'}  {spellings}")
    lines += ["", f"Near-duplicates ({len(report['near_duplicates'])}):"]
    for d in report["near_duplicates"]:
        lines.append(f"  [{', '.join(d['kinds'])}] -> {d['suggestion']!r}")
        for m in d["terms"]:
            shown = ", ".join(m["pages"][:TEXT_PAGES])
            more = f", +{len(m['pages']) - TEXT_PAGES} more" if len(m["pages"]) > TEXT_PAGES else ""
            lines.append(f"      {m['label']!r}: {len(m['pages'])} pages ({shown}{more})")
    if report["slug_collisions"] or report["empty_slugs"]:
        lines += ["", "Errors:"]
        for c in report["slug_collisions"]:
            labels = ", ".join(repr(label) for label in c["labels"])
            lines.append(f"  error[taxonomy.slug-collision] {labels} share the slug {c['slug']!r}")
        for label in report["empty_slugs"]:
            lines.append(f"  error[taxonomy.no-slug] {label!r} has no URL slug")
    return "\n".join(lines) + "\n"
