"""The HTML5 parser candidates for ``migrate/body/html/tree.py``, measured: conformance and speed.

Not a test: it prints figures (the table in README, "Libraries, and why").

1. Conformance: every ``#document`` case of html5lib-tests' tree-construction suite
   (``../shared/html5lib-tests`` or ``--tests DIR``), each parser's tree written in the suite's
   format and compared line for line. Fragment cases (``#document-fragment``) are left out for all
   candidates: selectolax has no fragment-context API. DOCTYPE lines are left out of both sides
   (selectolax does not expose the doctype node); everything else counts, namespaces included.
2. Speed: the HTML blocks of the real pages (``../shared/corpus/vdw-dev`` or ``--corpus DIR``), as
   the body parser hands them over, parsed by each candidate; best of ``--repeat`` runs.

    .venv/bin/python benchmarks/bench_html_parsers.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT)]
SHARED = ROOT.parent / "shared"

SVG, MATH = "http://www.w3.org/2000/svg", "http://www.w3.org/1998/Math/MathML"
XLINK, XML, XMLNS = (
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/XML/1998/namespace",
    "http://www.w3.org/2000/xmlns/",
)


# ---- the suite ------------------------------------------------------------------------------
def cases(folder: Path) -> Iterator[tuple[str, str, bool]]:
    """(data, expected tree, scripting) for each #document case."""
    for path in sorted(folder.glob("*.dat")):
        for block in path.read_text(encoding="utf-8").split("\n\n#data\n"):
            block = block.removeprefix("#data\n")
            sections: dict[str, list[str]] = {}
            name = "data"
            for line in block.split("\n"):
                if line.startswith("#") and line[1:] in (
                    "errors", "new-errors", "document", "document-fragment", "script-off", "script-on"
                ):  # fmt: skip
                    name = line[1:]
                    sections[name] = []
                else:
                    sections.setdefault(name, []).append(line)
            if "document-fragment" in sections or "document" not in sections:
                continue
            expected = [ln for ln in sections["document"] if ln and not ln.startswith("| <!DOCTYPE")]
            yield "\n".join(sections["data"]), _join_multiline(expected), "script-off" not in sections


def _join_multiline(lines: list[str]) -> str:
    """Expected trees hold text nodes over several lines: only lines starting with "|" start a node."""
    out: list[str] = []
    for ln in lines:
        if ln.startswith("|") or not out:
            out.append(ln)
        else:
            out[-1] += "\n" + ln
    return "\n".join(out)


def _attrs(attrs: dict[str, str], depth: int, ns: str | None = None) -> list[str]:
    out = []
    for k, v in attrs.items():
        if ns and ns != "html" and k.startswith(("xlink:", "xml:", "xmlns:")):
            k = k.replace(":", " ", 1)
        out.append((k, v))
    return [f'| {"  " * depth}{k}="{v}"' for k, v in sorted(out)]


# ---- one writer per candidate ---------------------------------------------------------------
def tree_justhtml(data: str, scripting: bool) -> str:
    from justhtml import JustHTML

    doc = JustHTML(data, sanitize=False, scripting_enabled=scripting)
    out: list[str] = []

    def walk(node: Any, depth: int) -> None:
        for c in node.children or []:
            pad = "| " + "  " * depth
            name = c.name
            if name == "#text":
                out.append(f'{pad}"{c.data}"')
            elif name == "#comment":
                out.append(f"{pad}<!-- {c.data} -->")
            elif name == "!doctype":
                continue
            else:
                ns = c.namespace
                out.append(f"{pad}<{name if ns in (None, 'html') else ns + ' ' + name}>")
                out.extend(_attrs(c.attrs or {}, depth + 1, ns))
                content = getattr(c, "template_content", None)
                if content is not None:
                    out.append(f"{pad}  content")
                    walk(content, depth + 2)
                walk(c, depth + 1)

    walk(doc.root, 0)
    return "\n".join(out)


def tree_html5lib(data: str, scripting: bool) -> str:
    import html5lib

    doc = html5lib.parse(data, treebuilder="etree", namespaceHTMLElements=True)
    out: list[str] = []
    prefixes = {"http://www.w3.org/1999/xhtml": "", SVG: "svg ", MATH: "math "}
    attr_ns = {XLINK: "xlink ", XML: "xml ", XMLNS: "xmlns "}

    def name_of(tag: str) -> str:
        if tag.startswith("{"):
            ns, _, local = tag[1:].partition("}")
            return prefixes.get(ns, ns + " ") + local
        return tag

    def walk(el: Any, depth: int) -> None:
        pad = "| " + "  " * depth
        if el.tag == "<!DOCTYPE>":
            return
        if callable(el.tag):  # a comment
            out.append(f"{pad}<!-- {el.text} -->")
        else:
            out.append(f"{pad}<{name_of(el.tag)}>")
            attrs = []
            for k, v in el.attrib.items():
                if k.startswith("{"):
                    ns, _, local = k[1:].partition("}")
                    k = attr_ns.get(ns, ns + " ") + local
                attrs.append((k, v))
            out.extend(f'| {"  " * (depth + 1)}{k}="{v}"' for k, v in sorted(attrs))
            if el.text:
                out.append(f'| {"  " * (depth + 1)}"{el.text}"')
            for c in el:
                walk(c, depth + 1)
        if el.tail:
            out.append(f'{pad}"{el.tail}"')

    root = doc if not hasattr(doc, "getroot") else doc.getroot()
    for sib in _html5lib_document_children(root):
        walk(sib, 0)
    return "\n".join(out)


def _html5lib_document_children(root: Any) -> list[Any]:
    # the etree builder hangs top-level comments on the root element's previous siblings
    return [root]


def tree_selectolax(data: str, scripting: bool) -> str:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(data)
    out: list[str] = []

    def walk(node: Any, depth: int) -> None:
        pad = "| " + "  " * depth
        tag = node.tag
        if tag == "-text":
            out.append(f'{pad}"{node.text_content}"')
            return
        if tag in ("_comment", "-comment"):
            out.append(f"{pad}<!-- {node.comment_content} -->")
            return
        if tag in ("-doctype", "!doctype"):
            return
        out.append(f"{pad}<{tag}>")
        out.extend(_attrs({k: v or "" for k, v in node.attributes.items()}, depth + 1))
        c = node.child
        while c is not None:
            walk(c, depth + 1)
            c = c.next

    top = tree.root
    while top is not None and top.prev is not None:
        top = top.prev
    while top is not None:
        walk(top, 0)
        top = top.next
    return "\n".join(out)


# ---- speed: the bodies' HTML blocks -----------------------------------------------------------
def corpus_html(corpus: Path) -> list[str]:
    """Every block of raw HTML mistune finds in the pages (the input of the body's HTML parser)."""
    from migrate.body import _parser
    from migrate.body.parser import parse

    md = _parser()
    out: list[str] = []
    for path in sorted(corpus.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("{"):  # JSON front matter: the body starts after the closing brace line
            end = text.find("\n}\n")
            text = text[end + 3 :] if end >= 0 else text
        tokens, _ = parse(md, text)
        stack = list(tokens)
        while stack:
            t = stack.pop()
            if t["type"] == "block_html":
                out.append(t["raw"])
            stack.extend(t.get("children") or [])
    return out


def speed(fn: Callable[[str], Any], blocks: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for b in blocks:
            fn(b)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tests", type=Path, default=SHARED / "html5lib-tests" / "tree-construction")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "vdw-dev")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--show", help="print the failing cases of this candidate")
    args = ap.parse_args()

    from html.parser import HTMLParser

    import html5lib
    from justhtml import JustHTML
    from selectolax.lexbor import LexborHTMLParser

    writers = {"justhtml": tree_justhtml, "selectolax (lexbor)": tree_selectolax, "html5lib": tree_html5lib}
    suite = list(cases(args.tests)) if args.tests.is_dir() else []
    blocks = corpus_html(args.corpus) if args.corpus.is_dir() else []
    print(f"{len(suite)} tree-construction cases; {len(blocks)} HTML blocks, {sum(map(len, blocks)) / 1e6:.2f} MB")

    def fragment_builder(src: str) -> Any:
        from migrate.body.dom import parse_fragment

        return parse_fragment(src)

    parsers: dict[str, Callable[[str], Any]] = {
        "justhtml": lambda s: JustHTML(s, sanitize=False, fragment=True),
        "selectolax (lexbor)": lambda s: LexborHTMLParser(s),
        "html5lib": lambda s: html5lib.parseFragment(s),
        "html.parser (stdlib, tokenizer only)": lambda s: HTMLParser().feed(s),
    }
    try:
        from migrate.body.dom import parse_fragment  # noqa: F401

        parsers["dom.py (hand-written builder on html.parser)"] = fragment_builder
    except ImportError:
        pass
    print("conformance: all cases (cases without SVG/MathML); speed: best run over all blocks")
    print(f"{'parser':46} {'conformance':>16} {'speed (s)':>10}")
    for name, fn in parsers.items():
        conf = "-"
        writer = writers.get(name)
        if writer and suite:
            ok = ok_html = n_html = 0
            for data, expected, scripting in suite:
                foreign = "<svg " in expected or "<math " in expected
                n_html += not foreign
                try:
                    got = writer(data, scripting)
                except Exception as e:  # a crash is a failed case
                    got = f"crash: {e!r}"
                if got == expected:
                    ok += 1
                    ok_html += not foreign
                elif args.show == name:
                    print(f"--- {data!r}\nexpected:\n{expected}\ngot:\n{got}\n")
            conf = f"{100 * ok / len(suite):.1f}% ({100 * ok_html / n_html:.1f}%)"
        secs = speed(fn, blocks, args.repeat) if blocks else float("nan")
        print(f"{name:46} {conf:>16} {secs:10.3f}")


if __name__ == "__main__":
    main()
