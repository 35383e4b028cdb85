"""The small HTML tree the converters walk (``tree.py`` and ``shortcut.py`` build it)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: deeper elements are flattened into their ancestor (their content kept): the converters recurse per level
MAX_DEPTH = 48


@dataclass
class Comment:
    text: str


@dataclass
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | Comment | str] = field(default_factory=list)
    #: the start tag as written ("" for an element the parser implied, like ``<tbody>``)
    raw_open: str = ""

    def descendants(self) -> Iterator[Element | Comment | str]:
        """Every node below this one, in document order."""
        stack: list[Element | Comment | str] = list(reversed(self.children))
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, Element):
                stack.extend(reversed(node.children))

    def text(self) -> str:
        return "".join(n for n in self.descendants() if isinstance(n, str))

    def find(self, *tags: str) -> bool:
        return any(isinstance(n, Element) and n.tag in tags for n in self.descendants())


Node = Element | Comment | str
