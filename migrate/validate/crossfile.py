"""Checks across pages: two pages must not share a slug, a wiki id or an alias, nor redirect onto another's URL.

Among the pages checked, the first (in the order given) keeps the value and every later page gets the
error, naming the first. Pages of the site index (``others``: the committed pages when pre-commit
passes only the staged ones) always keep theirs: the clash is reported on the page being checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..page import Diagnostic, Page, Pointer, Position, json_pointer
from .errors import quoted
from .siteindex import Entry

#: who holds a value: the file name, where the value stands, and the page when it is one being checked
Holder = tuple[str, Position, Page | None]


def _report(page: Page, code: str, path: Pointer, message: str) -> Diagnostic:
    line, col = page.front.where(path)
    diag = Diagnostic(f"schema.{code}", "error", message, line, col, page.name, json_pointer(path))
    page.diagnostics.append(diag)
    return diag


def _at(holder: Holder) -> str:
    return f"{holder[0]}:{holder[1][0]}:{holder[1][1]}"


def check_pages(pages: Iterable[Page], url_for: Callable[[str], str], others: Iterable[Entry] = ()) -> list[Diagnostic]:
    """Add the cross-file errors to the pages they concern and return them."""
    out: list[Diagnostic] = []
    slugs: dict[str, Holder] = {}
    ids: dict[int, Holder] = {}
    aliases: dict[str, Holder] = {}
    for entry in others:
        if entry.slug is not None:
            slugs.setdefault(entry.slug, (entry.name, entry.slug_at, None))
        if entry.page_id is not None:
            ids.setdefault(entry.page_id, (entry.name, entry.id_at, None))
        for alias, line, col in entry.aliases:
            aliases.setdefault(alias, (entry.name, (line, col), None))
    site_slugs = dict(slugs)
    site_aliases = dict(aliases)
    checked: list[tuple[Page, str, Pointer]] = []
    for page in pages:
        meta = page.meta
        slug = meta.get("slug")
        if isinstance(slug, str) and slug:
            first = slugs.setdefault(slug, (page.name, page.front.where(("slug",)), page))
            if first[2] is not page:
                message = f"slug {quoted(slug)} is already used by {_at(first)}"
                out.append(_report(page, "duplicate-slug", ("slug",), message))
        wiki_id = meta.get("tiki_page_id")
        if isinstance(wiki_id, int) and not isinstance(wiki_id, bool):
            first = ids.setdefault(wiki_id, (page.name, page.front.where(("tiki_page_id",)), page))
            if first[2] is not page:
                message = f"tiki_page_id {wiki_id} is already used by {_at(first)}"
                out.append(_report(page, "duplicate-id", ("tiki_page_id",), message))
        listed = meta.get("aliases")
        for i, alias in enumerate(listed if isinstance(listed, list) else []):
            if not isinstance(alias, str):
                continue
            claim = aliases.setdefault(alias, (page.name, page.front.where(("aliases", i)), page))
            if claim[2] is not page:
                message = f"alias {quoted(alias)} is also claimed by {_at(claim)}"
                out.append(_report(page, "duplicate-alias", ("aliases", i), message))
            else:
                checked.append((page, alias, ("aliases", i)))
    urls = {url_for(slug): holder for slug, holder in slugs.items()}
    for page, alias, path in checked:
        owner = urls.get(alias)
        if owner is not None and owner[2] is not page:
            message = f"alias {quoted(alias)} is the URL of another page, {_at(owner)}; the redirect would hide it"
            out.append(_report(page, "alias-is-url", path, message))
    # A site page's alias may already claim the URL a checked page is about to take.
    for slug, holder in slugs.items():
        held = holder[2]
        if held is None or site_slugs.get(slug) is not None:
            continue
        taken = site_aliases.get(url_for(slug))
        if taken is not None:
            message = (
                f"slug {quoted(slug)} gives the URL {url_for(slug)}, which {_at(taken)} lists as an alias; "
                "that redirect would hide this page"
            )
            out.append(_report(held, "alias-is-url", ("slug",), message))
    return out
