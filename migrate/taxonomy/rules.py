"""The ``taxonomy.yaml`` rules file: read with ruamel round-trip (comments, order and lines kept).

A rule names terms by any spelling: ``parkinsons`` matches ``Parkinson's`` and ``PARKINSONS`` too,
since a rule applies to a term key (see :func:`.normalize.term_key`). A bad rule raises
:class:`RulesError` carrying the file, line and column.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import ConfigError
from .normalize import clean, term_key

Position = tuple[int, int]
#: the rules file is hand-written; anything larger is a mistake, not a taxonomy.
MAX_RULES_BYTES = 5_000_000


class RulesError(ConfigError):
    """A rules file that cannot be used: ``file:line:col: error[taxonomy.rules] message``."""

    def __init__(self, file: str, line: int, column: int, message: str) -> None:
        self.file, self.line, self.column, self.message = file, line, column, message
        super().__init__(f"{file}:{line}:{column}: error[taxonomy.rules] {message}")


@dataclass(frozen=True)
class Rules:
    """Rules resolved to term keys; empty rules change nothing but spelling and order."""

    source: str = ""
    #: taxonomy front matter keys, if the file sets them.
    keys: tuple[str, ...] | None = None
    keep_category_as_tag: bool | None = None
    #: term key -> final term key, after following rename/merge chains (only keys that move).
    targets: dict[str, str] = field(default_factory=dict)
    #: final term key -> display label a rule chose.
    labels: dict[str, str] = field(default_factory=dict)
    #: term keys removed from every page, with where the rule stands.
    drop: dict[str, Position] = field(default_factory=dict)
    #: final term key -> (front matter key it belongs in, position of the rule).
    move: dict[str, tuple[str, Position]] = field(default_factory=dict)
    #: final term key -> slug a rule chose.
    slugs: dict[str, str] = field(default_factory=dict)
    #: pairs of final term keys a person marked as different terms.
    distinct: frozenset[frozenset[str]] = frozenset()

    def final_key(self, key: str) -> str:
        return self.targets.get(key, key)

    def where(self, pos: Position) -> str:
        return f"{self.source}:{pos[0]}" if self.source else f"line {pos[0]}"


def load_document(path: Path) -> Any:
    """The rules file as ruamel round-trip data (None when empty); RulesError when unreadable."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RulesError(name, 1, 1, f"cannot read taxonomy rules: {exc.strerror or exc}") from None
    if len(raw) > MAX_RULES_BYTES:
        raise RulesError(name, 1, 1, f"taxonomy rules file is larger than {MAX_RULES_BYTES} bytes")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RulesError(name, line, 1, "taxonomy rules file is not UTF-8") from None
    return parse_document(text, name)


def parse_document(text: str, name: str = "taxonomy.yaml") -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise RulesError(name, line, col, f"broken YAML in taxonomy rules: {problem}") from None
    except YAMLError as exc:
        raise RulesError(name, 1, 1, f"broken YAML in taxonomy rules: {exc}") from None
    except RecursionError:
        raise RulesError(name, 1, 1, "taxonomy rules are nested too deeply") from None


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: keeps comments, order and line numbers
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


def dump_document(doc: Any, path: Path) -> None:
    """Write round-trip data back; comments the person wrote stay where they were."""
    import io

    buf = io.StringIO()
    _yaml().dump(doc, buf)
    path.write_text(buf.getvalue(), encoding="utf-8")


def load_rules(path: Path) -> Rules:
    return rules_from_document(load_document(path), str(path))


def parse_rules(text: str, name: str = "taxonomy.yaml") -> Rules:
    return rules_from_document(parse_document(text, name), name)


def position(doc: Any, path: tuple[str | int, ...]) -> Position:
    """1-based (line, column) of the deepest node of ``path`` that has one."""
    best: Position = (1, 1)
    node = doc
    for step in path:
        lc = getattr(node, "lc", None)
        try:
            if isinstance(step, int) and isinstance(node, list):
                line, col = lc.item(step)  # type: ignore[union-attr]  # no lc: AttributeError, caught below
            else:
                line, col = lc.key(step)  # type: ignore[union-attr]  # no lc: AttributeError, caught below
            best = (line + 1, col + 1)
            node = node[step]
        except (AttributeError, KeyError, IndexError, TypeError):
            break
    return best


def _validate(doc: Any, name: str) -> None:
    import jsonschema

    from ..schemas import schema_path

    schema = json.loads(schema_path("taxonomy.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: position(doc, tuple(e.absolute_path)))
    if errors:
        err = errors[0]
        path = tuple(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            known = err.schema.get("properties", {})
            path += tuple(k for k in err.instance if k not in known)[:1]
        where = "/".join(str(p) for p in path) or "the file"
        line, col = position(doc, path)
        raise RulesError(name, line, col, f"bad taxonomy rule at {where}: {_message(err)}")


def _message(err: Any) -> str:
    if err.validator == "additionalProperties":
        allowed = ", ".join(sorted(err.schema.get("properties", {})))
        return f"{err.message} (known sections: {allowed})"
    if err.validator == "type" and err.schema.get("type") == "string":
        return f"{err.instance!r} is not text (quote it)"
    return str(err.message)


def _pairs(doc: Any, section: str) -> Iterator[tuple[Any, Any, Position]]:
    node = doc.get(section) if doc else None
    if not node:
        return
    if isinstance(node, dict):
        for k, v in node.items():
            yield k, v, position(doc, (section, k))
    else:
        for i, v in enumerate(node):
            yield i, v, position(doc, (section, i))


def rules_from_document(doc: Any, name: str) -> Rules:
    """Check the document against the schema, then resolve every rule to term keys."""
    if doc is None:
        return Rules(source=name)
    if isinstance(doc, dict):
        for section, node in doc.items():
            if isinstance(node, dict):
                for k in node:
                    if not isinstance(k, str):
                        line, col = position(doc, (section, k))
                        msg = f"bad taxonomy rule in {section}: {k!r} is not text (quote it)"
                        raise RulesError(name, line, col, msg)
    _validate(doc, name)
    return _Resolver(doc, name).resolve()


class _Resolver:
    def __init__(self, doc: Any, name: str) -> None:
        self.doc, self.name = doc, name
        self.edges: dict[str, tuple[str, Position]] = {}
        self.labels: dict[str, tuple[str, Position]] = {}
        #: key -> end of its rename chain, filled by follow() once every edge is known
        self.finals: dict[str, str] = {}

    def fail(self, pos: Position, message: str) -> RulesError:
        return RulesError(self.name, pos[0], pos[1], message)

    def label(self, text: str, pos: Position) -> str:
        label = clean(text)
        key = term_key(label)
        seen = self.labels.get(key)
        if seen and seen[0] != label:
            msg = f"label {label!r} conflicts with {seen[0]!r} (line {seen[1][0]}): one term, two labels"
            raise self.fail(pos, msg)
        self.labels.setdefault(key, (label, pos))
        return key

    def edge(self, source: str, target_key: str, pos: Position) -> None:
        key = term_key(clean(source))
        if key == target_key:
            return
        seen = self.edges.get(key)
        if seen and seen[0] != target_key:
            raise self.fail(pos, f"{source!r} is already sent to another term (line {seen[1][0]})")
        self.edges.setdefault(key, (target_key, pos))

    def resolve(self) -> Rules:
        doc = self.doc
        for source, target, pos in _pairs(doc, "rename"):
            self.edge(source, self.label(target, pos), pos)
        for target, sources, pos in _pairs(doc, "merge"):
            tkey = self.label(target, pos)
            for i, source in enumerate(sources):
                self.edge(source, tkey, position(doc, ("merge", target, i)))
        targets = {key: self.follow(key) for key in self.edges}
        labels = {key: label for key, (label, _) in self.labels.items() if key not in self.edges}
        drop: dict[str, Position] = {}
        for _, term, pos in _pairs(doc, "drop"):
            key = term_key(clean(term))
            if key in self.edges or key in self.labels:
                raise self.fail(pos, f"{term!r} is both dropped and renamed or merged")
            drop[key] = pos
        keys = tuple(doc["keys"]) if doc.get("keys") else None
        move: dict[str, tuple[str, Position]] = {}
        for term, dest, pos in _pairs(doc, "move"):
            key = targets.get(term_key(clean(term)), term_key(clean(term)))
            if key in drop:
                raise self.fail(pos, f"{term!r} is both dropped and moved")
            if key in move and move[key][0] != dest:
                raise self.fail(pos, f"{term!r} is already moved to {move[key][0]!r} (line {move[key][1][0]})")
            if keys is not None and dest not in keys:
                raise self.fail(pos, f"{term!r} is moved to {dest!r}, which is not one of keys: {', '.join(keys)}")
            move[key] = (dest, pos)
        slugs = {self.final(term): slug for term, slug, _ in _pairs(doc, "slugs")}
        distinct = frozenset(
            frozenset({self.final(a), self.final(b)})
            for _, group, _ in _pairs(doc, "distinct")
            for i, a in enumerate(group)
            for b in group[i + 1 :]
        )
        keep = doc.get("keep_category_as_tag")
        return Rules(
            source=self.name,
            keys=keys,
            keep_category_as_tag=keep if isinstance(keep, bool) else None,
            targets=targets,
            labels=labels,
            drop=drop,
            move=move,
            slugs=slugs,
            distinct=distinct,
        )

    def final(self, term: str) -> str:
        key = term_key(clean(term))
        return self.follow(key) if key in self.edges else key

    def follow(self, key: str) -> str:
        """The end of ``key``'s rename chain; every key on the way remembers it, so a chain of n
        links costs n steps in all, not n steps per link."""
        finals = self.finals
        path = [key]
        on_path = {key}
        while key in self.edges and key not in finals:
            key, pos = self.edges[key]
            if key in on_path:
                raise self.fail(pos, "rename/merge rules form a loop: " + " -> ".join([*path, key]))
            path.append(key)
            on_path.add(key)
        end = finals.get(key, key)
        for k in path:
            finals[k] = end
        return end
