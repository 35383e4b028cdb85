"""Convert the sample pages for a target and build them with the real CMS (Hugo, Jekyll, Eleventy, Astro)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
INPUT = REPO / "input"
EXTRA = Path(__file__).resolve().parent / "pages"
#: npm packages installed by .ci/run (pinned in .ci/node/package-lock.json)
NODE_MODULES = REPO / ".ci" / "node" / "node_modules"
TARGET_NAMES = ("hugo", "jekyll", "eleventy", "astro")


def build_command(target: str, out: Path) -> list[str]:
    """The CMS's own build, run in the output folder; skips the test when the program is not installed."""
    if target in ("hugo", "jekyll"):
        if shutil.which(target) is None:
            pytest.skip(f"{target} is not installed (Debian package {target}, see .ci/apt-packages.txt)")
        return ["hugo", "--quiet"] if target == "hugo" else ["jekyll", "build", "--quiet"]
    node = shutil.which("node")
    script = {
        "eleventy": NODE_MODULES / "@11ty" / "eleventy" / "cmd.cjs",
        "astro": NODE_MODULES / "astro" / "astro.js",
    }[target]
    if node is None or not script.is_file():
        pytest.skip(f"{target} is not installed: run .ci/run (npm install in .ci/node)")
    if target == "astro":
        link = out / "node_modules"  # Astro's config imports "astro/config" from beside itself
        if not link.exists():
            link.symlink_to(NODE_MODULES, target_is_directory=True)
        return [node, str(script), "build", "--silent"]
    return [node, str(script), "--quiet"]


def convert_and_build(target: str, work: Path) -> tuple[Path, Path, dict[str, object]]:
    """(output folder, built site folder, report) for the samples plus the test pages."""
    import json

    from migrate.targets import get_target

    src = work / "in"
    src.mkdir()
    for page in [*INPUT.glob("*.md"), *EXTRA.glob("*.md")]:
        shutil.copy(page, src / page.name)
    out = work / "out"
    report = work / "report.json"
    run = subprocess.run(
        [sys.executable, "-m", "migrate", "convert", str(src), str(out), "--target", target, "--report", str(report)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    env = dict(os.environ, ASTRO_TELEMETRY_DISABLED="1", JEKYLL_ENV="production", NO_COLOR="1")
    built = subprocess.run(build_command(target, out), cwd=out, capture_output=True, text=True, env=env, check=False)
    assert built.returncode == 0, f"{target} build failed:\n{built.stdout[-3000:]}\n{built.stderr[-3000:]}"
    return out, out / get_target(target).site_dir, json.loads(report.read_text(encoding="utf-8"))
