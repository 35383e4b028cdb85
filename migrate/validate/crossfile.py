"""Checks across pages: two pages must not share a slug, a wiki id or an alias, nor redirect onto another's URL.

The first page (in the order given) keeps the value; every later page gets the error, naming the first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..page import Diagnostic, Page, Pointer, json_pointer


def _here(page: Page, path: Pointer) -> str:
    line, col = page.front.where(path)
    return f"{page.name}:{line}:{col}"


def _report(page: Page, code: str, path: Pointer, message: str) -> Diagnostic:
    line, col = page.front.where(path)
    diag = Diagnostic(f"schema.{code}", "error", message, line, col, page.name, json_pointer(path))
    page.diagnostics.append(diag)
    return diag


def check_pages(pages: Iterable[Page], url_for: Callable[[str], str]) -> list[Diagnostic]:
    """Add the cross-file errors to the pages they concern and return them."""
    out: list[Diagnostic] = []
    slugs: dict[str, Page] = {}
    ids: dict[int, Page] = {}
    aliases: dict[str, tuple[Page, Pointer]] = {}
    pages = list(pages)
    for page in pages:
        meta = page.meta
        slug = meta.get("slug")
        if isinstance(slug, str) and slug:
            first = slugs.setdefault(slug, page)
            if first is not page:
                out.append(
                    _report(
                        page, "duplicate-slug", ("slug",), f"slug {slug!r} is already used by {_here(first, ('slug',))}"
                    )
                )
        wiki_id = meta.get("tiki_page_id")
        if isinstance(wiki_id, int) and not isinstance(wiki_id, bool):
            first = ids.setdefault(wiki_id, page)
            if first is not page:
                where = _here(first, ("tiki_page_id",))
                out.append(
                    _report(
                        page, "duplicate-id", ("tiki_page_id",), f"tiki_page_id {wiki_id} is already used by {where}"
                    )
                )
        listed = meta.get("aliases")
        for i, alias in enumerate(listed if isinstance(listed, list) else []):
            if not isinstance(alias, str):
                continue
            claim = aliases.setdefault(alias, (page, ("aliases", i)))
            if claim[0] is not page:
                where = _here(*claim)
                out.append(
                    _report(page, "duplicate-alias", ("aliases", i), f"alias {alias!r} is also claimed by {where}")
                )
    urls = {url_for(slug): page for slug, page in slugs.items()}
    for alias, (page, path) in aliases.items():
        owner = urls.get(alias)
        if owner is not None and owner is not page:
            message = (
                f"alias {alias!r} is the URL of another page, {_here(owner, ('slug',))}; the redirect would hide it"
            )
            out.append(_report(page, "alias-is-url", path, message))
    return out
