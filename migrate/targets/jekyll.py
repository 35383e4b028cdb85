"""Jekyll: ``_posts/YYYY-MM-DD-<slug>.md`` (the date from the page; ``posts/<slug>.md`` for a page with
none) served at ``permalink: /posts/<slug>/``; legacy URLs as ``redirect_from`` (jekyll-redirect-from)
and server maps. Liquid is turned off for our pages (``render_with_liquid: false``): a ``{{`` in a
page is text, and shortcodes are translated."""

from __future__ import annotations

from typing import Any

from ..page import Page
from . import Target, page_date
from .shortcodes import translate
from .skeleton import page_layout

CONFIG = """\
# Written by migrate convert (the smallest site that shows the pages); edit freely, it is never overwritten.
title: Migrated wiki
markdown: kramdown
kramdown:
  input: GFM
  hard_wrap: false
plugins:
  - jekyll-redirect-from
# pages dated in the future are still pages of the wiki
future: true
# Netlify / Cloudflare Pages redirect files start with "_": copy them
include:
  - _redirects
exclude:
  - redirects
  - report.json
  - Gemfile
  - Gemfile.lock
"""

DEFAULT = page_layout(title="{{ page.title | escape }}", main="{{ content }}")

POST = """---
layout: default
---
<article>
<h1>{{ page.title | escape }}</h1>
{% if page.date %}
<p><time datetime="{{ page.date | date: "%Y-%m-%d" }}">{{ page.date | date: "%Y-%m-%d" }}</time></p>
{% endif %}
{% if page.tags.size > 0 %}<ul class="tags">
{% for tag in page.tags %}<li>{{ tag | escape }}</li>{% endfor %}
</ul>{% endif %}
{{ content }}
</article>
"""

INDEX = """---
layout: default
title: Migrated wiki
---
<h1>{{ site.title | escape }}</h1>
<ul>
{% for post in site.posts %}<li><a href="{{ post.url | relative_url }}">{{ post.title | escape }}</a></li>{% endfor %}
</ul>
"""


class Jekyll(Target):
    name = "jekyll"
    static_dir = ""
    pages_dir = "_posts"
    build_command = ("jekyll", "build", "--quiet")
    site_dir = "_site"
    skeleton_dirs = ("_layouts",)
    config_names = ("_config.yml", "_config.yaml", "_config.toml")
    site_files = ("/feed.xml", "/atom.xml")
    site_folders = ("/assets/", "/tags/", "/page2/")

    def path_of(self, page: Page, slug: str) -> str:
        date = page_date(page)
        return f"_posts/{date.isoformat()}-{slug}.md" if date else f"posts/{slug}.md"

    def front_matter(self, page: Page) -> dict[str, Any]:
        meta = super().front_matter(page)
        aliases = meta.pop("aliases", None)
        out: dict[str, Any] = {"layout": "post", **meta, "permalink": page.url, "render_with_liquid": False}
        if aliases:
            out["redirect_from"] = aliases
        return out

    def body(self, markdown: str) -> tuple[str, list[tuple[str, str, str]]]:
        return translate(markdown, "* TOC\n{:toc}", self.name)

    def skeleton(self, shortcodes: set[str]) -> dict[str, str]:
        return {
            "_config.yml": CONFIG,
            "_layouts/default.html": DEFAULT,
            "_layouts/post.html": POST,
            "index.html": INDEX,
        }


TARGET = Jekyll()
