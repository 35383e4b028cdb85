"""Driving the CLI on tiny hostile pages of our own, and building what it wrote with the real Hugo."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from tests.redirects.servers import need

REPO = Path(__file__).resolve().parents[2]
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


def page(folder: Path, name: str, body: str = "Text.\n", **meta: object) -> Path:
    """A legacy page with JSON front matter (title and date filled in)."""
    front = {"title": name.replace("-", " ").title(), "slug": name, "date": "2020-01-01", **meta}
    path = folder / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(front) + "\n\n" + body, encoding="utf-8")
    return path


def migrate(cwd: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [sys.executable, "-m", "migrate", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout
    )


def one_line_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if re.match(r"^[^:]+:\d+:\d+: error\[", line)]


HUGO_CONFIG = """baseURL = "http://example.org/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[params]
secret = "HUGO-SECRET-PARAM"
[markup.goldmark.renderer]
unsafe = {unsafe}
"""


def hugo_build(content: Path, site: Path, unsafe: bool) -> dict[str, str]:
    """Build ``content`` (a converted ``content/`` folder) with the real Hugo; page path -> HTML."""
    hugo = need("hugo")
    (site / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (site / "layouts" / "_default" / "single.html").write_text("{{ .Content }}\n")
    (site / "layouts" / "_default" / "list.html").write_text("\n")
    (site / "hugo.toml").write_text(HUGO_CONFIG.format(unsafe=str(unsafe).lower()))
    shutil.rmtree(site / "content", ignore_errors=True)
    shutil.copytree(content, site / "content")
    got = subprocess.run([hugo, "--quiet", "-s", str(site)], capture_output=True, text=True, timeout=300)
    assert got.returncode == 0, got.stdout + got.stderr
    return {str(p.relative_to(site / "public")): p.read_text() for p in (site / "public").rglob("*.html")}


class _Live(HTMLParser):
    """What in a page a browser would run: script elements, event handlers, URLs with other schemes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "object", "embed", "base", "meta", "svg", "math", "style"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("srcdoc", "formaction"):
                self.found.append(f"{name}= on <{tag}>")
            if name in ("href", "src", "action", "poster", "data", "cite", "background") and value:
                scheme = url_scheme(value)
                if scheme and scheme not in SAFE_SCHEMES and not value.lower().startswith("data:image/"):
                    self.found.append(f"{name}={value!r} on <{tag}>")
            if name == "style" and value and re.search(r"expression|javascript:|url\(", value, re.I):
                self.found.append(f"style={value!r} on <{tag}>")


def url_scheme(value: str) -> str | None:
    """The scheme as a browser reads it (controls and spaces at the ends and tabs/newlines inside ignored)."""
    cleaned = re.sub(r"[\t\n\r]", "", value.strip("".join(chr(c) for c in range(0x21))))
    m = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", cleaned)
    return m.group(1).lower() if m else None


def live_things(html: str) -> list[str]:
    parser = _Live()
    parser.feed(html)
    parser.close()
    return parser.found
