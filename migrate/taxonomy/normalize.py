"""What a term is: a cleaned label, a key that ignores case, spacing and punctuation, and a slug."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

_SPACE = re.compile(r"\s+")
# Apostrophes join a word ("Parkinson's" -> "parkinsons"); every other non-letter splits words.
_APOSTROPHES = "'’‘`´ʼ"
_STRIP_APOS = str.maketrans("", "", _APOSTROPHES)


def clean(label: str) -> str:
    """NFC, trimmed, with every run of whitespace (tabs, no-break spaces...) made one space."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", label)).strip()


@lru_cache(maxsize=65536)
def words(label: str) -> tuple[str, ...]:
    """Case-folded words of a label; punctuation separates words, apostrophes vanish."""
    text = unicodedata.normalize("NFC", label).casefold().translate(_STRIP_APOS)
    out: list[str] = []
    cur: list[str] = []
    for ch in text:
        if ch.isalnum() or unicodedata.category(ch).startswith("M"):
            cur.append(ch)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return tuple(out)


@lru_cache(maxsize=65536)
def term_key(label: str) -> str:
    """Identity of a term: labels equal apart from case, spacing or punctuation share it.

    A label made only of punctuation keeps its cleaned, case-folded text so it is still a term.
    """
    key = "".join(words(label))
    return key or clean(label).casefold()


@lru_cache(maxsize=65536)
def slug_for(label: str) -> str:
    """URL slug of a label (python-slugify), apostrophes dropped rather than turned into hyphens."""
    from slugify import slugify

    return str(slugify(label.translate(_STRIP_APOS)))


def choose_label(spellings: Counter[str]) -> str:
    """The most used spelling; ties go to the one with more capitals, then to code point order."""
    return min(spellings, key=lambda s: (-spellings[s], -sum(c.isupper() for c in s), s))


def _capitals(label: str) -> int:
    return sum(c.isupper() for c in label)


def choose_term_label(spellings: Counter[str], preferred: Counter[str] | None = None) -> str:
    """The label of one term from its spellings (spelling -> pages).

    ``preferred`` (the spellings a category list uses) decides first, so machine-made lowercase
    tags cannot outvote the editors' categories. Case is never lowered: when the most used spelling
    has no capital letter but another spelling of the term has, the most used capitalised one wins
    (one in all capitals only when no other capitalised spelling exists).
    """
    pool = preferred if preferred else spellings
    label = choose_label(pool)
    if _capitals(label) == 0:
        capitalised = Counter({s: n for s, n in spellings.items() if _capitals(s)})
        if capitalised:
            label = min(
                capitalised,
                key=lambda s: (s.isupper() and len(s) > 4, -capitalised[s], -_capitals(s), s),
            )
    return label


_PLURAL_RULES = (
    ("ies", "y", 4),
    ("sses", "ss", 5),
    ("xes", "x", 4),
    ("ches", "ch", 5),
    ("shes", "sh", 5),
)


def singular(word: str) -> str:
    """A rough English singular of one word, enough to pair ``fracture`` with ``fractures``."""
    for suffix, repl, min_len in _PLURAL_RULES:
        if word.endswith(suffix) and len(word) >= min_len:
            return word[: -len(suffix)] + repl
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def singular_key(label: str) -> str:
    """Term key with the last word made singular (plurals usually sit on the head noun)."""
    ws = words(label)
    if not ws:
        return term_key(label)
    return "".join(ws[:-1]) + singular(ws[-1])
