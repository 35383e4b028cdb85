"""``$ref`` resolved only inside the user's schema files: never the network, never outside their folder.

jsonschema would fetch an ``http://`` reference (and read any ``file://`` one) while validating, so
a schema could pull rules, or leak a file's values into messages, from anywhere; in the pre-commit
hook that runs on every commit. Every reference is found and checked up front: a file beside the
schema (or below its folder) is loaded, anything else is a one-line error, and so are references
that loop without reading anything (``A -> B -> A``) or that point at something that is not a schema.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit


class RefError(Exception):
    """A ``$ref`` that cannot be used; ``schemas.py`` turns it into its SchemaError."""


#: keywords whose subschemas apply to the same value (a cycle through them never ends)
_SAME_PLACE_LISTS = ("allOf", "anyOf", "oneOf")
_SAME_PLACE_ONE = ("not", "if", "then", "else")


def local_schemas(schema: Any, origin: Path, load_schema: Callable[[Path], Any]) -> tuple[Any, dict[str, Any]]:
    """The root schema (with a base URI when it had none) and every document it refers to, by URI."""
    folder = origin.resolve().parent
    file_uri = origin.resolve().as_uri()
    root_uri = schema.get("$id", file_uri) if isinstance(schema, dict) else file_uri
    root_uri = urldefrag(root_uri)[0] or file_uri
    if isinstance(schema, dict) and "$id" not in schema:
        schema = {"$id": file_uri, **schema}
    bases = {_dir(file_uri): folder, _dir(root_uri): folder}
    docs: dict[str, Any] = {root_uri: schema, file_uri: schema}
    queue: list[tuple[str, Any]] = [(root_uri, schema)]
    while queue:
        uri, doc = queue.pop()
        for ref in _refs(doc):
            target = urldefrag(urljoin(uri, ref))[0]
            if not target or target in docs:
                continue
            path = _local_path(target, bases, folder)
            if path is None:
                raise RefError(
                    f"{origin}: cannot resolve a $ref: {ref!r} points outside the schema's folder ({target}); "
                    f"only schema files in {folder} are read, nothing is fetched"
                )
            if not path.is_file():
                raise RefError(f"{origin}: cannot resolve a $ref: {ref!r} names {path}, which does not exist")
            loaded = load_schema(path)
            docs[target] = loaded
            queue.append((target, loaded))
    _check_targets(docs, origin)
    return schema, docs


def registry(docs: dict[str, Any]) -> Any:
    """A referencing registry holding exactly ``docs``; any other URI is refused, never retrieved."""
    from referencing import Registry, Resource
    from referencing.exceptions import NoSuchResource
    from referencing.jsonschema import DRAFT202012

    def refuse(uri: str) -> Any:
        raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # attrs class: its stubs hide the field

    resources = [(uri, Resource.from_contents(doc, default_specification=DRAFT202012)) for uri, doc in docs.items()]
    return Registry(retrieve=refuse).with_resources(resources)  # type: ignore[call-arg]  # attrs field, as above


def _dir(uri: str) -> str:
    return uri.rsplit("/", 1)[0] + "/"


def _local_path(uri: str, bases: dict[str, Path], folder: Path) -> Path | None:
    for base, local in bases.items():
        if uri.startswith(base):
            rel = unquote(urlsplit(uri).path)[len(unquote(urlsplit(base).path)) :]
            normal = posixpath.normpath(rel)
            if normal.startswith(("../", "/")) or normal == "..":
                return None
            path = (local / normal).resolve()
            return path if path.is_relative_to(folder) else None
    return None


def _refs(doc: Any) -> list[str]:
    out: list[str] = []
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                out.append(ref)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return out


def _resolve(docs: dict[str, Any], uri: str, ref: str) -> tuple[str, str, Any]:
    """(document URI, pointer, target) of ``ref`` read from document ``uri``."""
    doc_uri, fragment = urldefrag(urljoin(uri, ref))
    doc_uri = doc_uri or uri
    doc = docs.get(doc_uri)
    fragment = unquote(fragment)
    if doc is None:
        raise KeyError(ref)
    if not fragment.startswith("/"):
        if not fragment:
            return doc_uri, "", doc
        found = _anchor(doc, fragment)
        if found is None:
            raise KeyError(ref)
        return doc_uri, "#" + fragment, found
    node = doc
    for part in fragment[1:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise KeyError(ref)
    return doc_uri, fragment, node


def _anchor(doc: Any, name: str) -> Any:
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("$anchor") == name or node.get("$dynamicAnchor") == name:
                return node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return None


def _check_targets(docs: dict[str, Any], origin: Path) -> None:
    """Every ``$ref`` points at a schema, and no chain of them comes back without reading a value."""
    state: dict[int, int] = {}  # 1: on the current path, 2: done
    for uri, doc in docs.items():
        for start in _all_nodes(doc):
            if id(start) in state:
                continue
            stack: list[tuple[str, Any, list[tuple[str, Any]]]] = [(uri, start, _same_place(docs, uri, start, origin))]
            state[id(start)] = 1
            while stack:
                _, node, todo = stack[-1]
                if not todo:
                    state[id(node)] = 2
                    stack.pop()
                    continue
                nxt_uri, nxt = todo.pop()
                mark = state.get(id(nxt))
                if mark == 1:
                    ref = node.get("$ref", "a subschema") if isinstance(node, dict) else "a subschema"
                    raise RefError(f"{origin}: $ref cycle: {ref!r} leads back to itself without reading a value")
                if mark is None and isinstance(nxt, dict):
                    state[id(nxt)] = 1
                    stack.append((nxt_uri, nxt, _same_place(docs, nxt_uri, nxt, origin)))


def _same_place(docs: dict[str, Any], uri: str, node: Any, origin: Path) -> list[tuple[str, Any]]:
    if not isinstance(node, dict):
        return []
    out: list[tuple[str, Any]] = []
    ref = node.get("$ref")
    if isinstance(ref, str):
        try:
            doc_uri, _, target = _resolve(docs, uri, ref)
        except KeyError:
            raise RefError(f"{origin}: $ref {ref!r} points at nothing in the schema") from None
        if not isinstance(target, (dict, bool)):
            raise RefError(f"{origin}: $ref {ref!r} points at a {type(target).__name__}, not a schema")
        out.append((doc_uri, target))
    for key in _SAME_PLACE_LISTS:
        if isinstance(node.get(key), list):
            out.extend((uri, s) for s in node[key] if isinstance(s, dict))
    for key in _SAME_PLACE_ONE:
        if isinstance(node.get(key), dict):
            out.append((uri, node[key]))
    return out


def _all_nodes(doc: Any) -> list[Any]:
    out, stack = [], [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            out.append(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return out
