"""Corpus-wide view of the terms: which spellings each term has, on which pages, its label and slug."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Config, ConfigError
from .normalize import choose_term_label, clean, slug_for, term_key
from .rules import Rules, RulesError, load_rules

DEFAULT_KEYS = ("tags", "categories", "associated_tags")
TAGS, CATEGORIES = "tags", "categories"


@dataclass(frozen=True)
class Settings:
    keys: tuple[str, ...] = DEFAULT_KEYS
    keep_category_as_tag: bool = False
    rules: Rules = field(default_factory=Rules)

    @property
    def ordered_keys(self) -> tuple[str, ...]:
        # Categories first, so tags can be checked against the page's final categories.
        return tuple(sorted(self.keys, key=lambda k: k != CATEGORIES))


def settings_from_config(config: Config, rules_path: Path | None = None) -> Settings:
    """Settings from the config's ``taxonomy`` section and its rules file (the rules file wins).

    ``rules_path`` replaces the configured rules file. Raises ConfigError (RulesError) when unusable.
    """
    section = config.section("taxonomy")
    keys = section.get("keys", list(DEFAULT_KEYS))
    if not isinstance(keys, list) or not keys or not all(isinstance(k, str) and k for k in keys):
        raise ConfigError("config: taxonomy.keys must be a list of front matter keys")
    keep = section.get("keep_category_as_tag", False)
    if not isinstance(keep, bool):
        raise ConfigError("config: taxonomy.keep_category_as_tag must be true or false")
    rules = Rules()
    if rules_path is None and section.get("rules"):
        if not isinstance(section["rules"], str):
            raise ConfigError("config: taxonomy.rules must be the path of a taxonomy.yaml file")
        rules_path = config.base / section["rules"]
    if rules_path is not None:
        rules = load_rules(rules_path)
    return settings_with_rules(Settings(tuple(keys), keep), rules)


def settings_with_rules(base: Settings, rules: Rules) -> Settings:
    keys = rules.keys or base.keys
    keep = base.keep_category_as_tag if rules.keep_category_as_tag is None else rules.keep_category_as_tag
    for dest, pos in rules.move.values():
        if dest not in keys:
            msg = f"a term is moved to {dest!r}, which is not a taxonomy key ({', '.join(keys)})"
            raise RulesError(rules.source, pos[0], pos[1], msg)
    return Settings(tuple(keys), keep, rules)


def page_spellings(meta: Mapping[str, Any], keys: Iterable[str]) -> Iterator[str]:
    """Cleaned spellings of the terms on one page (text and numbers; other values are not terms)."""
    for key in keys:
        value = meta.get(key)
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else ()
        for item in items:
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                continue
            spelling = clean(str(item))
            if spelling:
                yield spelling


@dataclass
class Vocabulary:
    settings: Settings
    #: final term key -> spelling -> number of pages using that spelling
    spellings: dict[str, Counter[str]] = field(default_factory=dict)
    #: spelling -> names of the pages using it (in batch order)
    pages: dict[str, list[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    slugs: dict[str, str] = field(default_factory=dict)
    #: slug -> the labels that share it (only slugs with more than one)
    collisions: dict[str, list[str]] = field(default_factory=dict)
    #: taxonomy key (tags, categories, ...) -> spelling -> pages using it under that key
    by_key: dict[str, Counter[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, pages: Iterable[tuple[str, Mapping[str, Any]]], settings: Settings) -> Vocabulary:
        rules = settings.rules
        page_names: dict[str, list[str]] = defaultdict(list)
        by_key: dict[str, Counter[str]] = {k: Counter() for k in settings.keys}
        for name, meta in pages:
            seen: set[str] = set()
            for tax_key in settings.keys:
                here = set(page_spellings(meta, (tax_key,)))
                by_key[tax_key].update(here)
                seen |= here
            for spelling in seen:
                page_names[spelling].append(name)
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        for spelling, names in page_names.items():
            key = term_key(spelling)
            if key in rules.drop:
                continue
            spellings[rules.final_key(key)][spelling] = len(names)
        vocab = cls(settings, dict(spellings), dict(page_names), by_key=by_key)
        listed = by_key.get(CATEGORIES, Counter())
        for key, counts in vocab.spellings.items():
            # A category keeps the spelling the category lists use (editors chose it).
            preferred = Counter({s: listed[s] for s in counts if listed[s]})
            vocab.labels[key] = rules.labels.get(key) or choose_term_label(counts, preferred)
        for key, label in rules.labels.items():
            vocab.labels.setdefault(key, label)
        by_slug: dict[str, list[str]] = defaultdict(list)
        for key, label in vocab.labels.items():
            slug = rules.slugs.get(key) or slug_for(label)
            vocab.slugs[key] = slug
            by_slug[slug].append(label)
        vocab.collisions = {s: sorted(ls) for s, ls in by_slug.items() if len(ls) > 1}
        return vocab

    def lookup(self, spelling: str) -> tuple[str, str] | None:
        """(final term key, label) for a cleaned spelling; None when a rule drops it."""
        rules = self.settings.rules
        key = term_key(spelling)
        if key in rules.drop:
            return None
        final = rules.final_key(key)
        label = self.labels.get(final) or rules.labels.get(final) or spelling
        return final, label

    def slug(self, key: str, label: str) -> str:
        return self.slugs.get(key) or self.settings.rules.slugs.get(key) or slug_for(label)
