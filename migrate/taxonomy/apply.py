"""One page's taxonomy lists made clean: canonical labels, rules applied, deduplicated, sorted.

Pure: returns the new lists and one :class:`Change` per thing it did, so nothing changes unreported.
A term leaves a page only by a ``drop`` rule, as a duplicate of a term it keeps, or as a tag that is
already a category on the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..page import Pointer, Severity
from .normalize import clean, term_key
from .vocabulary import CATEGORIES, TAGS, Vocabulary


@dataclass(frozen=True)
class Change:
    code: str
    severity: Severity
    message: str
    pointer: Pointer


@dataclass
class _Term:
    key: str  # final term key
    label: str
    origin: str  # the front matter key it came from
    index: int
    raw: Any


def sort_key(label: str) -> tuple[str, str]:
    return label.casefold(), label


def normalize_terms(meta: Mapping[str, Any], vocab: Vocabulary) -> tuple[dict[str, list[Any]], list[Change]]:
    """New lists for the taxonomy keys of ``meta`` (only keys present or receiving a move) and the changes."""
    settings = vocab.settings
    rules = settings.rules
    changes: list[Change] = []
    terms: dict[str, list[_Term]] = {}
    left_as_is: dict[str, list[Any]] = {}
    for key in settings.ordered_keys:
        if key not in meta or meta[key] is None:
            continue
        value = meta[key]
        if isinstance(value, str):
            items: list[Any] = [value]
            changes.append(Change("taxonomy.not-list", "info", f"{key}: a single term, made a list", (key,)))
        elif isinstance(value, list):
            items = value
        else:
            changes.append(
                Change("taxonomy.not-list", "error", f"{key} must be a list of terms, not {_kind(value)}", (key,))
            )
            continue
        terms.setdefault(key, [])
        for i, raw in enumerate(items):
            where = (key, i) if isinstance(value, list) else (key,)
            if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
                changes.append(
                    Change("taxonomy.bad-term", "error", f"{key}: {_kind(raw)} is not a term; left as it is", where)
                )
                left_as_is.setdefault(key, []).append(raw)
                continue
            text = raw if isinstance(raw, str) else str(raw)
            if not isinstance(raw, str):
                changes.append(Change("taxonomy.not-text", "info", f"{key}: {raw!r} made the text {text!r}", where))
            spelling = clean(text)
            if not spelling:
                changes.append(Change("taxonomy.empty", "info", f"{key}: empty term removed", where))
                continue
            found = vocab.lookup(spelling)
            if found is None:
                rule = rules.drop.get(term_key(spelling))
                changes.append(
                    Change("taxonomy.dropped", "info", f"{key}: {text!r} dropped by rule ({rules.where(rule)})", where)
                    if rule
                    else Change("taxonomy.dropped", "info", f"{key}: {text!r} dropped by rule", where)
                )
                continue
            tkey, label = found
            dest = key
            if tkey in rules.move and rules.move[tkey][0] != key:
                dest, pos = rules.move[tkey]
                changes.append(
                    Change("taxonomy.moved", "info", f"{key}: {label!r} moved to {dest} ({rules.where(pos)})", where)
                )
            if label != text:
                changes.append(_relabel(key, text, label, tkey, where))
            terms.setdefault(dest, []).append(_Term(tkey, label, key, i, raw))

    categories = {t.key for t in terms.get(CATEGORIES, [])}
    out: dict[str, list[Any]] = {}
    for key, listed in terms.items():
        kept: list[_Term] = []
        seen: dict[str, _Term] = {}
        for term in listed:
            where = (term.origin, term.index)
            if term.key in seen:
                first = seen[term.key]
                was = f" (was {term.raw!r})" if term.raw != first.label else ""
                changes.append(
                    Change(
                        "taxonomy.duplicate", "info", f"{term.origin}: duplicate {first.label!r} removed{was}", where
                    )
                )
                continue
            if key == TAGS and term.key in categories and not settings.keep_category_as_tag:
                changes.append(
                    Change(
                        "taxonomy.category-as-tag", "info", f"tags: {term.label!r} removed, already a category", where
                    )
                )
                continue
            seen[term.key] = term
            kept.append(term)
        ordered = sorted(kept, key=lambda t: sort_key(t.label))
        if [t.label for t in ordered] != [t.label for t in kept]:
            changes.append(Change("taxonomy.sorted", "info", f"{key}: terms sorted", (key,)))
        for term in ordered:
            slug = vocab.slug(term.key, term.label)
            where = (term.origin, term.index)
            if not slug:
                changes.append(
                    Change(
                        "taxonomy.no-slug",
                        "error",
                        f"{key}: {term.label!r} has no URL slug; rename it or set one under slugs: in the rules",
                        where,
                    )
                )
            elif slug in vocab.collisions:
                others = ", ".join(repr(o) for o in vocab.collisions[slug] if o != term.label)
                changes.append(
                    Change(
                        "taxonomy.slug-collision",
                        "error",
                        f"{key}: {term.label!r} and {others} share the slug {slug!r}; "
                        "merge them or set slugs: in the rules",
                        where,
                    )
                )
        out[key] = [t.label for t in ordered] + left_as_is.get(key, [])
    return out, changes


def _relabel(key: str, text: str, label: str, tkey: str, where: Pointer) -> Change:
    spelling = clean(text)
    if spelling == label:
        return Change("taxonomy.cleaned", "info", f"{key}: {text!r} -> {label!r} (spacing/Unicode)", where)
    if term_key(spelling) == tkey:
        return Change("taxonomy.relabeled", "info", f"{key}: {text!r} -> {label!r} (same term, usual spelling)", where)
    return Change("taxonomy.renamed", "info", f"{key}: {text!r} -> {label!r} (rule)", where)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {dict: "a mapping", list: "a list", bool: "true/false"}.get(type(value), type(value).__name__)
