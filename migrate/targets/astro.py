"""Astro: ``src/content/posts/<slug>.md`` in a content collection (schema generated in
``src/content.config.ts``), served at ``/posts/<slug>/`` by ``src/pages/posts/[slug].astro``; legacy
URLs as Astro ``redirects`` (read by the config from ``src/redirects.json``, rewritten every run) and
server maps. Astro reads ``.md`` without templates, so only shortcodes need translating."""

from __future__ import annotations

import json
import re

from ..page import Page
from . import Target
from .shortcodes import translate

PACKAGE = """{
  "name": "migrated-wiki",
  "private": true,
  "type": "module",
  "scripts": { "build": "astro build" },
  "dependencies": { "astro": "^5.18.2" }
}
"""

CONFIG = """\
// Written by migrate convert (the smallest site that shows the pages); edit freely, it is never overwritten.
import { defineConfig } from "astro/config";
import { existsSync, readFileSync } from "node:fs";

// legacy URL -> new page, written by migrate convert on every run
const file = new URL("./src/redirects.json", import.meta.url);
const redirects = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};

export default defineConfig({
  redirects,
  markdown: { syntaxHighlight: false },
});
"""

CONTENT_CONFIG = """\
// The content collection of the migrated pages; its schema follows what migrate convert writes.
import { defineCollection, z } from "astro:content";
import { glob } from "astro/loaders";

const terms = z.array(z.string()).optional();

const posts = defineCollection({
  loader: glob({ pattern: "**/*.md", base: "./src/content/posts" }),
  schema: z
    .object({
      title: z.string(),
      slug: z.string(),
      date: z.coerce.date().optional(),
      lastmod: z.coerce.date().optional(),
      draft: z.boolean().optional(),
      description: z.string().optional(),
      categories: terms,
      tags: terms,
      associated_tags: terms,
      aliases: z.array(z.string()).optional(),
      tiki_page_id: z.number().int().optional(),
    })
    .passthrough(),
});

export const collections = { posts };
"""

LAYOUT = """---
// The smallest page layout: title, date, tags, body.
const { title, date, tags } = Astro.props;
const day = date ? date.toISOString().slice(0, 10) : "";
---
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
</head>
<body><main><article>
<h1>{title}</h1>
{day && <p><time datetime={day}>{day}</time></p>}
{tags && tags.length > 0 && <ul class="tags">{tags.map((t) => <li>{t}</li>)}</ul>}
<slot />
</article></main></body>
</html>
"""

PAGE = """---
import { getCollection, render } from "astro:content";
import Post from "../../layouts/Post.astro";

export async function getStaticPaths() {
  const posts = await getCollection("posts");
  return posts.map((post) => ({ params: { slug: post.id }, props: { post } }));
}
const { post } = Astro.props;
const { Content } = await render(post);
---
<Post title={post.data.title} date={post.data.date} tags={post.data.tags}><Content /></Post>
"""

INDEX = """---
import { getCollection } from "astro:content";
const posts = await getCollection("posts");
---
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Migrated wiki</title></head>
<body><main><h1>Migrated wiki</h1>
<ul>{posts.map((p) => <li><a href={`/posts/${p.id}/`}>{p.data.title}</a></li>)}</ul>
</main></body></html>
"""

#: paths Astro can take as a redirect source: no route syntax ([...]), no encoding it would re-read
_SAFE_SOURCE = re.compile(r"^/[A-Za-z0-9._~+\-/]+$")


class Astro(Target):
    name = "astro"
    static_dir = "public"
    pages_dir = "src/content/posts"
    build_command = ("npx", "astro", "build", "--silent")
    site_dir = "dist"
    skeleton_dirs = ("src", "public")
    config_names = ("astro.config.mjs", "astro.config.js", "astro.config.ts", "astro.config.mts")
    site_files = ("/rss.xml",)
    site_folders = ("/_astro/", "/tags/")

    def body(self, markdown: str) -> tuple[str, list[tuple[str, str, str]]]:
        return translate(markdown, "", self.name)

    def skeleton(self, shortcodes: set[str]) -> dict[str, str]:
        return {
            "package.json": PACKAGE,
            "astro.config.mjs": CONFIG,
            "src/content.config.ts": CONTENT_CONFIG,
            "src/layouts/Post.astro": LAYOUT,
            "src/pages/posts/[slug].astro": PAGE,
            "src/pages/index.astro": INDEX,
        }

    def legacy_files(self, pages: list[Page]) -> dict[str, str]:
        """``src/redirects.json`` for the aliases Astro can route; an HTML stub in ``public/`` for every other
        legacy path (non-ASCII, Tiki spellings); query-string rules need a server map."""
        from ..redirects import render
        from ..redirects.rules import Options, flatten

        redirects: dict[str, str] = {}
        live = {p.url.rstrip("/") for p in pages}
        for page in pages:
            for alias in page.meta.get("aliases") or []:
                if isinstance(alias, str) and _SAFE_SOURCE.match(alias) and alias.rstrip("/") not in live:
                    redirects.setdefault(alias.rstrip("/") or "/", page.url)
        taken = {k.casefold() for k in redirects}
        rest = [r for r in flatten(pages) if r.path.rstrip("/").casefold() not in taken]
        out = render("html", rest, Options())
        files = {
            self.static_dir + rel.removeprefix("static"): text
            for rel, text in out.files.items()
            if rel.startswith("static/")
        }
        files["src/redirects.json"] = json.dumps(redirects, indent=1, ensure_ascii=False) + "\n"
        return files


TARGET = Astro()
