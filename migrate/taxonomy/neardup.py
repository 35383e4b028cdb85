"""Terms that look alike: spellings of one term (case, spacing, punctuation) and different terms that
are probably one (plural, edit distance, token set), found with rapidfuzz.

A group is left out once the rules settle it: a rule chose the term's label, merged the terms, or
listed them under ``distinct``. That is why a second run with ``--suggest``'s file applied finds none.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .normalize import choose_term_label, singular_key, words
from .vocabulary import Vocabulary

#: words that do not make two terms different ("vitamin d and iron" ~ "iron, vitamin d").
STOPWORDS = frozenset({"and", "or", "of", "the", "a", "an", "in", "on", "for", "with", "to", "&"})
#: keys shorter than this are never compared by edit distance: "rsv" and "hrv" are different viruses.
MIN_EDIT_LEN = 5
TOKEN_SCORE = 92.0
#: longer labels are prose, not terms; comparing them pairwise could stall a run on hostile input.
MAX_COMPARE_LEN = 200


@dataclass(frozen=True)
class Member:
    label: str
    pages: tuple[str, ...]


@dataclass(frozen=True)
class NearDuplicate:
    """Labels that are probably one term, and the label a merge would keep."""

    kinds: tuple[str, ...]
    members: tuple[Member, ...]
    suggestion: str

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(m.label for m in self.members)


def spelling_kind(a: str, b: str) -> str:
    if a.casefold() == b.casefold():
        return "case"
    if "".join(a.split()).casefold() == "".join(b.split()).casefold():
        return "spacing"
    return "punctuation"


def find_near_duplicates(vocab: Vocabulary) -> list[NearDuplicate]:
    """Every unsettled group, spelling groups first, each sorted by label."""
    return _spelling_groups(vocab) + _term_groups(vocab)


def _spelling_groups(vocab: Vocabulary) -> list[NearDuplicate]:
    out = []
    for key, counts in vocab.spellings.items():
        if len(counts) < 2 or key in vocab.settings.rules.labels:
            continue
        spellings = sorted(counts, key=lambda s: (s.casefold(), s))
        first = spellings[0]
        kinds = tuple(sorted({spelling_kind(first, s) for s in spellings[1:]}))
        members = tuple(Member(s, tuple(vocab.pages[s])) for s in spellings)
        out.append(NearDuplicate(kinds, members, vocab.labels[key]))
    return sorted(out, key=lambda d: d.suggestion.casefold())


def _content(label: str) -> tuple[str, ...]:
    return tuple(w for w in words(label) if w not in STOPWORDS)


def _digits(key: str) -> str:
    return "".join(c for c in key if c.isdigit())


def _short_word_swap(a: str, b: str) -> bool:
    """True when the labels differ in one short word only: "vitamin a" and "vitamin d" are two terms."""
    wa, wb = words(a), words(b)
    if len(wa) != len(wb):
        return False
    diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    return len(diff) == 1 and min(len(diff[0][0]), len(diff[0][1])) <= 2


def _term_groups(vocab: Vocabulary) -> list[NearDuplicate]:
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import OSA

    rules = vocab.settings.rules
    keys = sorted(vocab.spellings)
    labels = [vocab.labels[k] for k in keys]
    parent = list(range(len(keys)))
    kinds: dict[int, set[str]] = defaultdict(set)
    #: root -> its members, so a link never puts two terms marked distinct in one group
    members_of: dict[int, list[int]] = {i: [i] for i in range(len(keys))}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def link(i: int, j: int, kind: str) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            if rules.distinct and any(
                frozenset({keys[a], keys[b]}) in rules.distinct for a in members_of[ri] for b in members_of[rj]
            ):
                return
            parent[rj] = ri
            members_of[ri].extend(members_of.pop(rj))
            kinds[ri] |= kinds.pop(rj, set())
        kinds[ri].add(kind)

    # plural: same key once the head noun is singular
    by_singular: dict[str, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        by_singular[singular_key(label)].append(i)
    for group in by_singular.values():
        for j in group[1:]:
            link(group[0], j, "plural")

    # edit distance (a swap of two letters counts as one edit) on keys, within reach of their length
    by_len: dict[int, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        if MIN_EDIT_LEN <= len(key) <= MAX_COMPARE_LEN:
            by_len[len(key)].append(i)
    for i, key in enumerate(keys):
        if not MIN_EDIT_LEN <= len(key) <= MAX_COMPARE_LEN:
            continue
        reach = 2 if len(key) >= 10 else 1
        cands = [j for n in range(len(key), len(key) + reach + 1) for j in by_len.get(n, ()) if j > i]
        if not cands:
            continue
        found = process.extract(key, [keys[j] for j in cands], scorer=OSA.distance, score_cutoff=reach, limit=None)
        for _, dist, pos in found:
            j = cands[pos]
            allowed = 2 if min(len(key), len(keys[j])) >= 10 else 1
            if (
                dist <= allowed
                and _digits(key) == _digits(keys[j])
                and not _short_word_swap(labels[i], labels[j])
                and singular_key(labels[i]) != singular_key(labels[j])  # already a plural pair
            ):
                link(i, j, "edit-distance")

    # token set: multi-word terms with the same words in another order, or nearly so
    content = [_content(label) for label in labels]
    freq: dict[str, int] = defaultdict(int)
    for toks in content:
        for t in set(toks):
            freq[t] += 1
    by_token: dict[tuple[int, str], list[int]] = defaultdict(list)
    rarest: list[str] = []
    for i, toks in enumerate(content):
        r = min(toks, key=lambda t: (freq[t], t)) if len(toks) >= 2 and len(labels[i]) <= MAX_COMPARE_LEN else ""
        rarest.append(r)
        for t in set(toks) if r else ():
            by_token[(len(toks), t)].append(i)
    sorted_text = [" ".join(sorted(toks)) for toks in content]
    for i, toks in enumerate(content):
        if not rarest[i]:
            continue
        cands = [j for j in by_token[(len(toks), rarest[i])] if j > i]
        if not cands:
            continue
        matches = process.extract(
            sorted_text[i], [sorted_text[j] for j in cands], scorer=fuzz.ratio, score_cutoff=TOKEN_SCORE, limit=None
        )
        for _, _, pos in matches:
            j = cands[pos]
            if _digits(keys[i]) == _digits(keys[j]) and not _short_word_swap(labels[i], labels[j]):
                link(i, j, "token-set")

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(keys)):
        groups[find(i)].append(i)
    out = []
    for root, members in groups.items():
        if len(members) < 2:
            continue
        pages = {i: _pages(vocab, keys[i]) for i in members}
        counts = {labels[i]: len(pages[i]) for i in members}
        suggestion = choose_term_label(Counter(counts))
        ordered = sorted(members, key=lambda i: (labels[i].casefold(), labels[i]))
        out.append(
            NearDuplicate(
                tuple(sorted(kinds[root])),
                tuple(Member(labels[i], pages[i]) for i in ordered),
                suggestion,
            )
        )
    return sorted(out, key=lambda d: d.suggestion.casefold())


def _pages(vocab: Vocabulary, key: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for spelling in vocab.spellings[key]:
        for name in vocab.pages[spelling]:
            seen[name] = None
    return tuple(seen)
