"""CMS targets: where a page is written, its URL, and how its front matter is shaped.

A new target is one module with a ``TARGET`` object and one line in ``TARGETS``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any, cast

from ..page import Page

#: name -> module holding ``TARGET``; imported only when chosen.
TARGETS: dict[str, str] = {
    "hugo": "migrate.targets.hugo",
}


class Target:
    """Base target: ``content/<section>/<slug>.md`` served at ``/<section>/<slug>/``."""

    name = "base"
    section = "posts"
    content_dir = "content"

    def url_for(self, slug: str) -> str:
        return f"/{self.section}/{slug}/"

    def path_for(self, slug: str) -> str:
        return f"{self.content_dir}/{self.section}/{slug}.md"

    def route(self, page: Page) -> None:
        slug = page.meta.get("slug")
        if isinstance(slug, str) and slug:
            page.url = self.url_for(slug)
            page.output_path = self.path_for(slug)

    def front_matter(self, page: Page) -> dict[str, Any]:
        """The front matter to write, in a stable key order."""
        return dict(page.meta)


def get_target(name: str) -> Target:
    return cast(Target, import_module(TARGETS[name]).TARGET)
