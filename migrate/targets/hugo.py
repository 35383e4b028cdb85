"""Hugo: ``content/posts/<slug>.md`` at ``/posts/<slug>/``; legacy URLs as ``aliases`` (Hugo writes a
redirect page for each) and as server maps; shortcodes kept for Hugo to run."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from ..page import Page
from ..redirects.guards import HUGO_FILES, HUGO_FOLDERS
from . import Target
from .skeleton import HTML_SHORTCODE, page_layout

CONFIG = """\
# Written by migrate convert (the smallest site that shows the pages); edit freely, it is never overwritten.
baseURL = "/"
title = "Migrated wiki"
disableKinds = ["RSS", "sitemap", "robotsTXT"]

[taxonomies]
  tag = "tags"
  category = "categories"

# The pages keep some HTML (<sup>, tables with merged cells, anchors): Hugo must show it, not "raw HTML omitted".
[markup.goldmark.renderer]
  unsafe = true
"""

BASEOF = page_layout(
    title="{{ .Title }}",
    main='{{ block "main" . }}{{ end }}',
)

SINGLE = """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ with .Date }}{{ if not .IsZero }}
<p><time datetime="{{ .Format "2006-01-02" }}">{{ .Format "2006-01-02" }}</time></p>
{{ end }}{{ end }}
{{ with .GetTerms "tags" }}<ul class="tags">
{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}
</ul>{{ end }}
{{ .Content }}
</article>{{ end }}
"""

LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
"""

HOME = """{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul>{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
"""

SHORTCODES = {
    "toc": "{{ .Page.TableOfContents }}\n",
    # the blank lines let Goldmark read the inner text of {{% notice %}} as Markdown, not as part of the div
    "notice": '<div class="notice notice-{{ .Get 0 | default "note" }}">\n\n{{ .Inner }}\n\n</div>\n',
}
#: Hugo's own shortcodes: no template needed
BUILTIN = frozenset({"figure", "gist", "highlight", "instagram", "param", "ref", "relref", "tweet", "vimeo", "youtube"})
_PLAIN_TAG = re.compile(r"^[a-z0-9]+(?:[ -][a-z0-9]+)*$")


class Hugo(Target):
    name = "hugo"
    static_dir = "static"
    pages_dir = "content/posts"
    build_command = ("hugo", "--quiet")
    site_dir = "public"
    skeleton_dirs = ("layouts", "static")

    def front_matter(self, page: Page) -> dict[str, Any]:
        out = super().front_matter(page)
        aliases = out.get("aliases")
        if isinstance(aliases, list) and all(isinstance(a, str) for a in aliases):
            # Hugo names an alias's folder by the alias as written; a server looks for the decoded path
            # (%E2%80%93 -> "–"), so the alias is written decoded
            out["aliases"] = list(dict.fromkeys(unquote(a) for a in aliases))
        return out

    def tag_url(self, tag: str) -> str | None:
        # Hugo builds /tags/<urlized term>/; only terms whose urlized form is certain are linked
        low = tag.strip().lower()
        return f"/tags/{low.replace(' ', '-')}/" if _PLAIN_TAG.match(low) else None

    def skeleton(self, shortcodes: set[str]) -> dict[str, str]:
        files = {
            "hugo.toml": CONFIG,
            "layouts/_default/baseof.html": BASEOF,
            "layouts/_default/single.html": SINGLE,
            "layouts/_default/list.html": LIST,
            "layouts/index.html": HOME,
        }
        for name in sorted(shortcodes - BUILTIN):
            files[f"layouts/shortcodes/{name}.html"] = SHORTCODES.get(name, HTML_SHORTCODE)
        return files

    #: a user's own config under any of Hugo's names means: write no config
    config_names = ("hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml", "config.json")
    site_files = HUGO_FILES
    site_folders = HUGO_FOLDERS


TARGET = Hugo()
