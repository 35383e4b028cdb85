"""The ``migrate taxonomy`` report: every term with its pages, spellings and slug, and the near-duplicates."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from .neardup import NearDuplicate
from .vocabulary import Vocabulary

#: pages named per term in the text report; JSON names them all.
TEXT_PAGES = 3
SPELLING_KINDS = {"case", "spacing", "punctuation"}
#: section titles of the text report, per taxonomy key
TITLES = {"categories": "Categories", "tags": "Tags", "associated_tags": "Associated tags"}


def build_report(vocab: Vocabulary, near: list[NearDuplicate], page_count: int) -> dict[str, Any]:
    """Plain data (the JSON output); terms sorted by pages, most used first."""
    terms: list[dict[str, Any]] = []
    for key, counts in vocab.spellings.items():
        pages: set[str] = set()
        for spelling in counts:
            pages.update(vocab.pages[spelling])
        label = vocab.labels[key]
        # pages per taxonomy key (a page may hold two spellings of a term under one key: counted once each)
        empty: Counter[str] = Counter()
        per_key = {k: sum(vocab.by_key.get(k, empty)[s] for s in counts) for k in vocab.settings.keys}
        terms.append(
            {
                "label": label,
                "slug": vocab.slugs[key],
                "pages": len(pages),
                "keys": {k: n for k, n in per_key.items() if n},
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
                # spellings of one term (case, spacing, punctuation) are merged by convert on its own;
                # the other groups are different terms that look alike: a person decides
                "decide": not set(d.kinds) <= SPELLING_KINDS,
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
    ]
    width = max((len(t["label"]) for t in report["terms"]), default=0)
    for key in report["keys"]:
        used = [t for t in report["terms"] if t.get("keys", {}).get(key)]
        used.sort(key=lambda t: (-t["keys"][key], t["label"].casefold(), t["label"]))
        title = TITLES.get(key, key)
        lines += ["", f"{title} ({len(used)} terms; pages under {key}, all pages, slug, spellings):"]
        for t in used:
            spellings = ", ".join(f"{s} ({n})" for s, n in t["spellings"].items())
            slug = t["slug"] or "(no slug)"
            lines.append(f"  {t['keys'][key]:>6} {t['pages']:>6}  {t['label']:<{width}}  {slug}  {spellings}")
    groups = report["near_duplicates"]
    decide = [d for d in groups if d.get("decide", True)]
    twins = [d for d in groups if not d.get("decide", True)]
    lines += ["", f"Near-duplicates to decide ({len(decide)}): different terms that look alike; merge or mark distinct"]
    lines += _groups(decide)
    lines += [
        "",
        f"Spellings merged automatically ({len(twins)}): case, spacing or punctuation twins; convert uses the label",
    ]
    lines += _groups(twins)
    if report["slug_collisions"] or report["empty_slugs"]:
        lines += ["", "Errors:"]
        for c in report["slug_collisions"]:
            labels = ", ".join(repr(label) for label in c["labels"])
            lines.append(f"  error[taxonomy.slug-collision] {labels} share the slug {c['slug']!r}")
        for label in report["empty_slugs"]:
            lines.append(f"  error[taxonomy.no-slug] {label!r} has no URL slug")
    return "\n".join(lines) + "\n"


def _groups(groups: list[dict[str, Any]]) -> list[str]:
    lines = []
    for d in groups:
        lines.append(f"  [{', '.join(d['kinds'])}] -> {d['suggestion']!r}")
        for m in d["terms"]:
            shown = ", ".join(m["pages"][:TEXT_PAGES])
            more = f", +{len(m['pages']) - TEXT_PAGES} more" if len(m["pages"]) > TEXT_PAGES else ""
            lines.append(f"      {m['label']!r}: {len(m['pages'])} pages ({shown}{more})")
    return lines
