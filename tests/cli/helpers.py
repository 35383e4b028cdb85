"""Running ``migrate convert`` the way a user does, in a scratch folder, and reading what it left."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

REPO = Path(__file__).resolve().parents[2]
INPUT = REPO / "input"
SCHEMA = REPO / "schemas" / "report.schema.json"
SUMMARY = re.compile(r"^[\d,]+ converted, [\d,]+ failed, [\d,]+ warnings? (?:\(strict: [^)]*\) )?in \d+\.\d s$")
DIAG = re.compile(
    r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): "
    r"(?P<sev>error|warning|info)\[(?P<code>[a-z]+(?:\.[A-Za-z0-9-]+)+)\] (?P<msg>\S.*)$"
)


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stderr.splitlines()

    @property
    def summary(self) -> str:
        return self.lines[-1]

    def diagnostics(self, severity: str | None = None) -> list[re.Match[str]]:
        found = [m for m in map(DIAG.match, self.lines) if m]
        return [m for m in found if severity is None or m["sev"] == severity]


def copy_input(dest: Path, broken: bool = False) -> Path:
    """A private copy of the sample pages (``input/``), without ``broken/`` unless asked."""
    target = dest / "input"
    shutil.copytree(INPUT, target, ignore=None if broken else shutil.ignore_patterns("broken"))
    return target


def run_subprocess(cwd: Path, *args: str) -> Run:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(REPO)
    proc = subprocess.run(
        [sys.executable, "-m", "migrate", "convert", *args], cwd=cwd, capture_output=True, text=True, env=env
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def run_cli(cwd: Path, *args: str) -> Run:
    """In-process via click's CliRunner (fast); cwd switched for the duration."""
    from click.testing import CliRunner

    from migrate.cli import main

    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, ["convert", *args], catch_exceptions=True)
    finally:
        os.chdir(old)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def load_report(path: Path) -> dict[str, Any]:
    """Read a report and check it against schemas/report.schema.json."""
    report = json.loads(path.read_text(encoding="utf-8"))
    errors = sorted(_validator().iter_errors(report), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    return report


def tree(root: Path) -> dict[str, bytes]:
    """Every file below root (relative path -> bytes), symlinks not followed, run state (``.migrate/``) left out."""
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and not p.is_symlink() and ".migrate" not in p.relative_to(root).parts:
            out[str(p.relative_to(root))] = p.read_bytes()
    return out


def posts(out: Path) -> Path:
    """Where the Hugo target writes pages below ``out``."""
    return out / "content" / "posts"


def front_of(path: Path) -> str:
    """The YAML front matter of a written page, without its fences."""
    return path.read_text(encoding="utf-8").split("---\n", 2)[1]


def no_traceback(run: Run) -> None:
    assert "Traceback" not in run.stderr + run.stdout, run.stderr[-3000:]


def convert_pages(tmp_path: Path, pages: dict[str, str], config: str = "") -> Run:
    """Write ``pages`` (name -> text) to ``tmp_path/in`` and convert them to ``out`` (report ``r.json``)."""
    for name, text in pages.items():
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    args = ["in", "out", "--report", "r.json"]
    if config:
        (tmp_path / "c.yaml").write_text(config, encoding="utf-8")
        args += ["--config", "c.yaml"]
    run = run_cli(tmp_path, *args)
    assert "Traceback" not in run.stderr, run.stderr
    return run


def body_of(tmp_path: Path, slug: str) -> str:
    """The body of the page ``slug`` written below ``tmp_path/out``."""
    return (tmp_path / "out" / "content" / "posts" / f"{slug}.md").read_text(encoding="utf-8").split("---\n", 2)[2]
