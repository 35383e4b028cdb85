"""Eleventy: ``posts/<slug>.md`` with ``permalink: /posts/<slug>/``; legacy URLs as HTML redirect stubs
in ``public/`` (copied as they are) and server maps. Template engines are off for our pages
(``templateEngineOverride: md``): a ``{{`` is text, and shortcodes are translated."""

from __future__ import annotations

from typing import Any

from ..page import Page
from . import Target
from .shortcodes import translate
from .skeleton import page_layout

CONFIG = """\
// Written by migrate convert (the smallest site that shows the pages); edit freely, it is never overwritten.
export default function (eleventyConfig) {
  // redirect stubs and other files served as they are
  eleventyConfig.addPassthroughCopy({ public: "/" });
  eleventyConfig.ignores.add("public/**");
  eleventyConfig.ignores.add("redirects/**");
  return {
    dir: { input: ".", includes: "_includes", output: "_site" },
    templateFormats: ["md", "njk"],
    markdownTemplateEngine: false,
    htmlTemplateEngine: "njk",
  };
}
"""

POST = page_layout(
    title="{{ title }}",
    main="""<article>
<h1>{{ title }}</h1>
{% if date %}{% set day = page.date.toISOString().slice(0, 10) %}
<p><time datetime="{{ day }}">{{ day }}</time></p>{% endif %}
{% if tags %}<ul class="tags">{% for tag in tags %}<li>{{ tag }}</li>{% endfor %}</ul>{% endif %}
{{ content | safe }}
</article>""",
)

INDEX = """---
title: Migrated wiki
permalink: /
---
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1>
<ul>
{% for post in collections.all %}{% if post.url != "/" %}
<li><a href="{{ post.url }}">{{ post.data.title }}</a></li>
{% endif %}{% endfor %}
</ul>
</main></body></html>
"""


class Eleventy(Target):
    name = "eleventy"
    static_dir = "public"
    pages_dir = "posts"
    build_command = ("npx", "@11ty/eleventy", "--quiet")
    site_dir = "_site"
    skeleton_dirs = ("_includes", "public")
    config_names = ("eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs", ".eleventy.js")
    site_files = ("/feed.xml", "/feed.json")
    site_folders = ("/tags/",)

    def front_matter(self, page: Page) -> dict[str, Any]:
        meta = super().front_matter(page)
        return {**meta, "layout": "post.njk", "permalink": page.url, "templateEngineOverride": "md"}

    def body(self, markdown: str) -> tuple[str, list[tuple[str, str, str]]]:
        return translate(markdown, "", self.name)

    def skeleton(self, shortcodes: set[str]) -> dict[str, str]:
        return {"eleventy.config.mjs": CONFIG, "_includes/post.njk": POST, "index.njk": INDEX}

    def legacy_files(self, pages: list[Page]) -> dict[str, str]:
        """An HTML redirect stub in ``public/`` for every legacy path (query-string rules need a server map)."""
        from ..redirects import render
        from ..redirects.rules import Options, flatten

        out = render("html", flatten(pages), Options())
        return {
            self.static_dir + rel.removeprefix("static"): text
            for rel, text in out.files.items()
            if rel.startswith("static/")
        }


TARGET = Eleventy()
