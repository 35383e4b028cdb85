"""Every diagnostic code, declared once: its usual severity and what it means in one line.

The prefix names the stage (``read.``, ``fm.``, ``schema.``, ``redirect.``, ``body.``, ``audit.``,
``taxonomy.``, ``write.`` ...). ``docs/diagnostics.md`` is generated from this table
(``python -m migrate.diagnostics docs/diagnostics.md``; a test checks the committed file is current),
and the tests fail when the package emits a code that is not declared here.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    code: str
    #: the severity it is reported with ("warning or info" where the case decides)
    severity: str
    meaning: str


#: (prefix, what it covers) in the order the docs list them
STAGES = (
    ("read", "reading a page file"),
    ("fm", "front matter syntax"),
    ("schema", "front matter against JSON Schema, and the checks across pages"),
    ("route", "routing a page to its URL and file"),
    ("redirect", "legacy URLs and redirect maps"),
    ("aliases", "the aliases stage"),
    ("body", "cleaning the body"),
    ("audit", "the nothing-lost audit"),
    ("taxonomy", "tags and categories"),
    ("link", "resolving links against the pages of the input"),
    ("target", "the CMS's dialect (shortcodes)"),
    ("write", "writing the output"),
    ("site", "the site skeleton and legacy-URL files beside the pages"),
    ("validate", "the validate stage"),
    ("report", "writing the run report"),
    ("assets", "moving images and attachments"),
)

_E, _W, _I = "error", "warning", "info"

#: stages whose exceptions the runner turns into ``<stage>.internal`` / ``<stage>.too-deep``
_RUNNER_STAGES = ("validate", "route", "aliases", "body", "taxonomy", "link", "write", "site")

#: JSON Schema keywords: a failed keyword ``k`` is ``schema.k`` (a few have friendlier names)
_SCHEMA_KEYWORDS = {
    "type": "a value of the wrong type",
    "required": "a required key is missing",
    "enum": "a value that is not one of the allowed values",
    "const": "a value that is not the one allowed value",
    "pattern": "text that does not match the required pattern",
    "format": "text that is not in the required format (date, URI ...)",
    "minLength": "text shorter than allowed",
    "maxLength": "text longer than allowed",
    "minimum": "a number below the minimum",
    "maximum": "a number above the maximum",
    "exclusiveMinimum": "a number not above the minimum",
    "exclusiveMaximum": "a number not below the maximum",
    "multipleOf": "a number that is not a multiple of the step",
    "minItems": "a list with too few items",
    "maxItems": "a list with too many items",
    "contains": "a list with no item of the required kind",
    "minContains": "a list with too few items of the required kind",
    "maxContains": "a list with too many items of the required kind",
    "minProperties": "a mapping with too few keys",
    "maxProperties": "a mapping with too many keys",
    "propertyNames": "a key whose name is not allowed",
    "dependentRequired": "a key that needs another key, which is missing",
    "dependentSchemas": "a key whose presence asks more of the mapping",
    "anyOf": "a value that fits none of the allowed shapes",
    "oneOf": "a value that fits none, or more than one, of the allowed shapes",
    "allOf": "a value that does not fit every required shape",
    "not": "a value of a shape that is not allowed",
    "if": "a value that fails a conditional rule",
    "then": "a value that fails a conditional rule",
    "else": "a value that fails a conditional rule",
    "prefixItems": "a list whose first items are not of the required kinds",
    "items": "a list item of the wrong kind",
    "additionalItems": "a list with items beyond the allowed ones",
    "unevaluatedItems": "a list with items beyond the allowed ones",
    "false": "a value the schema forbids outright",
    "$ref": "a value that fails a referenced schema",
}

_TABLE: list[tuple[str, str, str]] = [
    # read.
    ("read.io", _E, "the file could not be read (permissions, a dangling link, an I/O error)"),
    ("read.not-a-file", _E, "not a regular file (a link to a FIFO, device or socket); never read, never waited on"),
    ("read.too-large", _E, "the file is over --max-page-size; not read"),
    ("read.binary", _E, "the file holds NUL bytes: binary, not a text page"),
    ("read.encoding", _E, "the file is not UTF-8; the position of the first bad byte is given"),
    ("read.empty", _E, "the file is empty"),
    ("read.no-front-matter", _E, "the page does not start with JSON ({...}), YAML (---) or TOML (+++) front matter"),
    # fm.
    ("fm.json", _E, "JSON front matter that does not parse"),
    ("fm.yaml", _E, "YAML front matter that does not parse, or a YAML feature pages must not use"),
    ("fm.toml", _E, "TOML front matter that does not parse"),
    ("fm.unclosed", _E, "front matter with no closing delimiter"),
    ("fm.not-mapping", _E, "front matter that is not a mapping of keys to values"),
    ("fm.duplicate-key", _E, "a key given twice in the front matter: which one wins differs between readers"),
    ("fm.surrogate", _E, "a lone UTF-16 surrogate (half an emoji) that cannot be written as UTF-8"),
    ("fm.too-deep", _E, "front matter nested too deeply to read safely"),
    ("fm.too-large", _E, "front matter that expands to too many values (a YAML alias bomb)"),
    # schema. (besides one code per keyword)
    ("schema.unknown-key", _E, "a key the schema does not allow (with a did-you-mean)"),
    ("schema.duplicate", _E, "a list item given twice where items must be unique"),
    ("schema.duplicate-slug", _E, "the slug is already used by another page"),
    ("schema.duplicate-id", _E, "the tiki_page_id is already used by another page"),
    ("schema.duplicate-alias", _E, "the alias is also claimed by another page"),
    ("schema.alias-is-url", _E, "the alias is another page's URL: the redirect would hide that page"),
    ("schema.unusable", _E, "the schema could not be used, so the page could not be checked"),
    # redirect.
    ("redirect.bad-alias", _E, "an alias that is not a usable URL path"),
    ("redirect.duplicate", _E, "one legacy URL claimed by two pages; neither gets it"),
    ("redirect.live-url", _E, "a legacy URL that is the live URL of a page: it would take the page over"),
    ("redirect.self", _W, "an alias equal to the page's own URL; skipped"),
    ("redirect.loop", _E, "redirects that lead back to where they started"),
    ("redirect.chain", _I, "a redirect to a page that redirects again, collapsed to one hop"),
    ("redirect.case", _W, "two legacy URLs that differ only in case, which the server treats as one"),
    ("redirect.config", _E, "an unusable setting in the redirects: config section"),
    ("redirect.format", _E, "an unknown redirect format, or two formats that write one file"),
    ("redirect.overflow", "warning or info", "more rules than the platform holds; the rest in an overflow file"),
    ("redirect.gone-unsupported", _W, "the platform cannot answer 410 Gone for a retired endpoint"),
    ("redirect.unexpressible", _W, "a rule the format cannot express; not written"),
    ("redirect.edge-function", _I, "the edge function written for a hosted platform, and what it answers"),
    ("redirect.reserved", _E, "an alias over a path of the site itself (/, /posts/, /sitemap.xml, /.htaccess ...)"),
    ("redirect.too-long", _E, "an alias too long for a server to load; left out so the rest of the map loads"),
    ("redirect.unsafe-target", _W, "a page whose URL is unsafe (its slug errs) gets no redirect rules"),
    ("redirect.alias-pages", _W, "html stubs at the paths where Hugo writes its own alias pages: one must win"),
    # body.
    ("body.html-kept", f"{_W} or {_I}", "HTML with no Markdown form, kept as HTML"),
    ("body.table-kept", _I, "a table Markdown cannot express (merged cells, blocks), kept as HTML"),
    ("body.table-layout", _I, "a table used for layout (one column, page regions) replaced by its content"),
    ("body.html-unclosed", _W, "a comment or <style> never closed: nothing after it shows, in a browser or the output"),
    ("body.html-unknown", _I, "a tag that is not HTML: tag removed, content kept"),
    ("body.html-document", _I, "whole-document markup (<head>, <style> ...) removed: a browser shows none of it"),
    ("body.img-alt", _W, "an image with no or placeholder alt text: describe it for screen readers"),
    ("body.img-size", _I, "an image's width and height dropped; sizing is left to the theme"),
    ("body.media-link", _I, "a <video> or <audio> became a link to its media (nothing plays in the page)"),
    ("body.tiki-comment", _I, "a Tiki comment (or an HTML comment holding Tiki markup) removed"),
    ("body.tiki-plugin", _I, "a Tiki plugin removed or laid out, its content kept"),
    ("body.tiki-left", _W, "a Tiki plugin with no Markdown form, left as text"),
    ("body.table-broken", _W, "lines of pipe-table rows with no delimiter row: shown as text, check the page"),
    ("body.tiki-link-left", _W, "a Tiki bracket link shown as text (by TikiWiki too) or with no working address"),
    ("body.wikilink", _W, "a wiki link to no page that is written; its text is kept"),
    ("body.wikilink-ambiguous", _W, "a wiki link that could mean several pages; linked to the first"),
    ("body.unsafe-url", _W, "a link or image whose URL scheme could run code (javascript: ...): kept as text"),
    ("body.unsafe-html", _W, "kept HTML that could run code (on* handlers, script, srcdoc ...): removed"),
    # audit.
    ("audit.lost-words", _W, "words a reader sees in the source are missing from the output"),
    ("audit.lost-links", _W, "link targets of the source are missing from the output"),
    ("audit.lost-images", _W, "image sources of the source are missing from the output"),
    ("audit.added-words", _W, "words the output shows that a reader of the source never saw (markup made visible)"),
    # taxonomy.
    ("taxonomy.rules", _E, "the taxonomy rules file cannot be used"),
    ("taxonomy.bad-term", _E, "a term that cannot be used (a mapping, a list in a list ...)"),
    ("taxonomy.slug-collision", _E, "two different terms would get one URL slug"),
    ("taxonomy.no-slug", _E, "a term that makes no URL slug"),
    ("taxonomy.not-list", _I, "a single term where a list belongs, made a list"),
    ("taxonomy.not-text", _I, "a number or true/false term made text"),
    ("taxonomy.empty", _I, "an empty term removed"),
    ("taxonomy.dropped", _I, "a term dropped by a rule"),
    ("taxonomy.moved", _I, "a term moved to another list by a rule"),
    ("taxonomy.renamed", _I, "a term renamed by a rule"),
    ("taxonomy.relabeled", _I, "a term written with the batch's usual spelling"),
    ("taxonomy.cleaned", _I, "spacing or Unicode of a term cleaned"),
    ("taxonomy.duplicate", _I, "a term listed twice, removed"),
    ("taxonomy.category-as-tag", _I, "a tag removed because it is already a category"),
    ("taxonomy.sorted", _I, "the terms of a list sorted"),
    # link.
    ("link.broken", _W, "a link that reaches no page of the new site (with the reason and a suggestion)"),
    ("link.anchor", _W, "a link to an anchor the page it points at does not have"),
    # assets.
    ("assets.not-moved", _W, "an image or file of the old site that could not be moved: it keeps its old URL"),
    ("assets.hand-edited", _W, "migrate assets did not rewrite a page edited by hand since convert wrote it"),
    ("assets.io", _E, "migrate assets could not rewrite a page"),
    # target.
    ("target.shortcode", _I, "a shortcode written as this CMS can show it (Jekyll, Eleventy, Astro)"),
    ("target.shortcode-left", _W, "a shortcode this CMS has no form for: left as visible text"),
    # write.
    ("write.skeleton", _E, "a file of the site skeleton could not be written"),
    ("write.slug-unsafe", _E, "a slug that is not one safe file name; the page is not written"),
    ("write.slug-duplicate", _E, "two pages would be written to one file; neither is written"),
    ("write.unsafe-path", _E, "the output path leaves the output folder or goes through a symbolic link"),
    ("write.schema", _E, "the front matter we would write is invalid for the target"),
    ("write.io", _E, "the page could not be written"),
    ("write.redirects", _E, "a redirect map could not be written"),
    ("write.name-unportable", _E, "an output name Windows, macOS or Linux cannot create"),
    ("write.hand-edited", _W, "an output file edited since migrate wrote it: kept; --overwrite replaces it"),
    ("write.not-ours", _E, "a file migrate did not write is where the page goes: never replaced"),
    ("write.stale", _W, "an output of a source gone, renamed or failing now; --prune deletes it"),
    ("write.pruned", _I, "a stale output deleted by --prune (or that would be, with --dry-run)"),
    # report.
    ("report.io", _E, "the run report could not be written"),
    ("report.read", _E, "the file given is not a readable migrate convert report"),
]


def _build() -> dict[str, Code]:
    out: dict[str, Code] = {}

    def add(code: str, severity: str, meaning: str) -> None:
        assert code not in out, f"{code} declared twice"
        out[code] = Code(code, severity, meaning)

    for code, severity, meaning in _TABLE:
        add(code, severity, meaning)
    for keyword, meaning in _SCHEMA_KEYWORDS.items():
        add(f"schema.{keyword}", _E, meaning)
    for stage in _RUNNER_STAGES:
        add(f"{stage}.internal", _E, f"a bug in the {stage} stage on this page; the page is not written")
        add(f"{stage}.too-deep", _E, f"the page is nested too deeply for the {stage} stage; not written")
    return out


#: code -> declaration
CODES: dict[str, Code] = _build()


def registered(code: str) -> bool:
    return code in CODES


def unregistered(codes: Iterable[str]) -> list[str]:
    """The codes of ``codes`` that are not declared."""
    return sorted({c for c in codes if c not in CODES})


def render_markdown() -> str:
    """``docs/diagnostics.md``: one entry per code, each with an HTML anchor named by the code."""
    lines = [
        "# Diagnostic codes",
        "",
        "<!-- Generated from migrate/diagnostics.py by `python -m migrate.diagnostics docs/diagnostics.md`:",
        "     edit that file, not this one. -->",
        "",
        "Every message is `file:line:col: severity[code] message`. The code's prefix names the stage;",
        "`--ignore PREFIX` (or the config's `ignore:` list) leaves out warnings and notes by code or prefix.",
        "Errors always count: a page with one is not written.",
        "",
    ]
    for prefix, what in STAGES:
        codes = [c for c in CODES.values() if c.code.split(".", 1)[0] == prefix]
        if not codes:
            continue
        lines += [f"## `{prefix}.`: {what}", ""]
        for c in sorted(codes, key=lambda c: c.code):
            lines += [f'<a id="{c.code}"></a>', f"- **`{c.code}`** ({c.severity}): {c.meaning}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str]) -> int:
    text = render_markdown()
    if not argv:
        sys.stdout.write(text)
        return 0
    with open(argv[0], "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
