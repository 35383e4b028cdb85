"""CMS targets: where a page is written, its URL, its front matter, its body dialect and its site skeleton.

A new target is one module with a ``TARGET`` object and one line in ``TARGETS``; nothing else in the
package names a CMS. Every target serves a page at ``/posts/<slug>/`` (so links and redirect maps do
not change when the CMS does); what differs is the file a page goes to, the keys its front matter
needs, how legacy URLs become redirects, and which template syntax the body must not trip.
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from typing import TYPE_CHECKING, Any, cast

from ..page import Page

if TYPE_CHECKING:
    from ..redirects.guards import Reserved

#: name -> module holding ``TARGET``; imported only when chosen.
TARGETS: dict[str, str] = {
    "hugo": "migrate.targets.hugo",
    "jekyll": "migrate.targets.jekyll",
    "eleventy": "migrate.targets.eleventy",
    "astro": "migrate.targets.astro",
}

#: keys first in this order; the rest follow as they came.
ORDER = ("title", "slug", "date", "categories", "tags", "associated_tags", "aliases", "tiki_page_id")


class Target:
    """What every target shares; a target module subclasses it and sets what differs."""

    name = "base"
    #: folder (below the output folder) whose files the CMS serves as they are; "" is the site root
    static_dir = "static"
    #: folder (below the output folder) holding the pages
    pages_dir = "posts"
    #: URL folder of the pages
    url_section = "posts"
    #: the commands that build the written site, run in the output folder (README, tests)
    build_command: tuple[str, ...] = ()
    #: folder (below the output folder) the build writes the site to
    site_dir = "public"

    def written_dirs(self) -> list[str]:
        """Top folders of the output this target writes pages and site files into (never read back as input)."""
        tops = {self.pages_dir.split("/")[0], "posts"} | {d.split("/")[0] for d in self.skeleton_dirs}
        return sorted(t for t in tops if t)

    #: folders of the site skeleton (layouts, includes)
    skeleton_dirs: tuple[str, ...] = ()

    def url_for(self, slug: str) -> str:
        """The page URL for a slug (every target serves pages at one URL shape)."""
        return f"/{self.url_section}/{slug}/"

    def path_of(self, page: Page, slug: str) -> str:
        """The file a page goes to, below the output folder."""
        return f"{self.pages_dir}/{slug}.md"

    def route(self, page: Page) -> None:
        """Set the page's URL and output file from the whole page (slug, date)."""
        slug = page.meta.get("slug")
        if isinstance(slug, str) and slug:
            page.url = self.url_for(slug)
            page.output_path = self.path_of(page, slug)

    def front_matter(self, page: Page) -> dict[str, Any]:
        """The front matter to write, in a stable key order, dates as dates."""
        meta = page.meta
        out: dict[str, Any] = {k: meta[k] for k in ORDER if k in meta}
        out.update((k, v) for k, v in meta.items() if k not in out)
        date = out.get("date")
        if isinstance(date, str):
            out["date"] = as_date(date)
        return out

    def front_text(self, front: dict[str, Any]) -> str:
        """The front matter serialized (YAML here; a target may choose another format)."""
        from .yaml_front import dump_front_matter

        return dump_front_matter(front)

    def compose(self, head: str, body: str) -> str:
        """The file text from the serialized front matter and the body."""
        return "---\n" + head + "---\n\n" + body

    def body(self, markdown: str) -> tuple[str, list[tuple[str, str, str]]]:
        """The body in this CMS's dialect, and (text changed, code, message) for each change made."""
        return markdown, []

    def tag_url(self, tag_slug: str) -> str | None:
        """The URL of a tag's page when the site builds one (None: it does not)."""
        return None

    def skeleton(self, shortcodes: set[str]) -> dict[str, str]:
        """The smallest site around the pages: config, layout, a template per shortcode used."""
        return {}

    #: paths and folders of the built site besides its pages (feeds, term pages, build output)
    site_files: tuple[str, ...] = ()
    site_folders: tuple[str, ...] = ()

    def reserved(self) -> Reserved:
        """What no alias may claim on this target's site: the host's files, the pages' section, the site's own."""
        from ..redirects.guards import PLATFORM_FILES, PLATFORM_FOLDERS, Reserved

        section = f"/{self.url_section}/"
        return Reserved.of((*PLATFORM_FILES, section, *self.site_files), (*PLATFORM_FOLDERS, *self.site_folders))

    def legacy_files(self, pages: list[Page]) -> dict[str, str]:
        """Files that carry the pages' legacy URLs when front matter cannot (rewritten every run)."""
        return {}


def as_date(text: str) -> Any:
    """ISO date or date-time text as a real date, so YAML writes it unquoted; anything else as is."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text


def page_date(page: Page) -> dt.date | None:
    """The page's date as a calendar date, or None when it has none that reads as one."""
    value = page.meta.get("date")
    if isinstance(value, str):
        value = as_date(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def get_target(name: str) -> Target:
    return cast(Target, import_module(TARGETS[name]).TARGET)
