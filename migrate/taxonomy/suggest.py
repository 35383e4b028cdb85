"""``--suggest``: near-duplicates written as ``rename`` rules into a taxonomy.yaml for a person to review.

An existing file is updated in place through ruamel round-trip, so its comments and order stay.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .neardup import NearDuplicate
from .normalize import term_key
from .rules import dump_document, load_document, parse_document

TEMPLATE = """\
# Taxonomy rules for `migrate convert` and `migrate taxonomy` (see docs/taxonomy.md).
# A rule names a term by any spelling: case, spacing and punctuation do not matter.
# Lines added by `migrate taxonomy --suggest` are proposals: review each one.

# spelling -> label; several spellings may point at one label
rename:
# label -> spellings merged into it
merge:
# terms removed from every page
drop:
# term -> the taxonomy key it belongs in, for example   Sleep: categories
move:
# groups of terms that look alike but are different; they are not proposed again
distinct:
"""


def suggest(path: Path, near: list[NearDuplicate], distinct: frozenset[frozenset[str]] = frozenset()) -> int:
    """Add a rename rule per near-duplicate to ``path`` (created from a template); returns rules added.

    A pair the rules file marks ``distinct:`` (final term keys in ``distinct``) is never proposed.
    """
    from ruamel.yaml.comments import CommentedMap

    doc: Any = load_document(path) if path.exists() else None
    if doc is None:
        doc = parse_document(TEMPLATE, str(path))
    rename = doc.get("rename")
    if not isinstance(rename, CommentedMap):
        rename = CommentedMap()
        doc["rename"] = rename
    taken = {term_key(str(k)) for k in rename}
    added = 0
    for dup in near:
        counts = ", ".join(f"{m.label} ({len(m.pages)})" for m in dup.members)
        for member in dup.members:
            # One line per term key is enough: it covers every spelling of that key.
            if member.label == dup.suggestion or term_key(member.label) in taken:
                continue
            if frozenset({term_key(member.label), term_key(dup.suggestion)}) in distinct:
                continue
            rename[member.label] = dup.suggestion
            note = f"{' + '.join(dup.kinds)}: {counts}"
            if not ({"case", "spacing", "punctuation"} & set(dup.kinds)):
                note += " (different terms? list them under distinct:)"
            rename.yaml_add_eol_comment(note, member.label)
            taken.add(term_key(member.label))
            added += 1
    dump_document(doc, path)
    return added
