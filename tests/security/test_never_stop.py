"""One hostile page is an error on that page; the batch goes on (no traceback, no stall)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .helpers import migrate, one_line_errors, page

HOSTILE = {
    "bigint-json.md": '{"title": "B", "slug": "bigint-json", "date": "2020-01-01", "n": ' + "9" * 5000 + "}\nx\n",
    "bigint-toml.md": '+++\ntitle = "C"\nslug = "bigint-toml"\ndate = 2020-01-01\nn = ' + "9" * 5000 + "\n+++\nx\n",
    "deep-toml-keys.md": '+++\ntitle = "D"\nslug = "deep-toml-keys"\ndate = 2020-01-01\n'
    + "a." * 3000
    + "b = 1\n+++\nx\n",
    "deep-toml-table.md": '+++\ntitle = "E"\nslug = "deep-toml-table"\ndate = 2020-01-01\n['
    + ".".join(["t"] * 3000)
    + "]\nb = 1\n+++\nx\n",
    "deep-toml-inline.md": '+++\ntitle = "F"\nslug = "deep-toml-inline"\ndate = 2020-01-01\nx = '
    + "{a=" * 3000
    + "1"
    + "}" * 3000
    + "\n+++\nx\n",
    "deep-json.md": '{"title": "G", "slug": "deep-json", "date": "2020-01-01", "x": '
    + "[" * 500
    + "]" * 500
    + "}\nx\n",
    "yaml-bomb.md": "---\ntitle: Y\nslug: yaml-bomb\ndate: 2020-01-01\nx: &x "
    + "a" * 100_000
    + "\nrefs: ["
    + ", ".join(["*x"] * 200)
    + "]\n---\nbody\n",
}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    tmp = tmp_path_factory.mktemp("never-stop")
    for name, text in HOSTILE.items():
        (tmp / "in").mkdir(exist_ok=True)
        (tmp / "in" / name).write_text(text)
    page(tmp / "in", "fine")
    return migrate(tmp, "convert", "in", "out")


@pytest.mark.parametrize("name", list(HOSTILE))
def test_each_hostile_page_gets_one_error_line(run: subprocess.CompletedProcess[str], name: str) -> None:
    assert "Traceback" not in run.stderr
    mine = [line for line in one_line_errors(run.stderr) if line.startswith(f"in/{name}:")]
    assert len(mine) == 1, run.stderr
    assert any(code in mine[0] for code in ("fm.json", "fm.toml", "fm.too-deep", "fm.too-large")), mine


def test_the_rest_of_the_batch_is_converted(run: subprocess.CompletedProcess[str]) -> None:
    assert run.returncode == 1
    assert run.stderr.strip().splitlines()[-1].startswith("1 converted, 7 failed")


def test_a_long_rename_chain_resolves(tmp_path: Path) -> None:
    lines = ["rename:"] + [f'  "term {i}": "term {i + 1}"' for i in range(5000)]
    (tmp_path / "taxonomy.yaml").write_text("\n".join(lines) + "\n")
    from migrate.taxonomy.rules import load_rules

    rules = load_rules(tmp_path / "taxonomy.yaml")
    assert rules.targets["term0"] == "term5000" and rules.targets["term4999"] == "term5000"


def test_a_rename_loop_is_still_an_error(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.yaml").write_text('rename:\n  "a": "b"\n  "b": "c"\n  "c": "a"\n')
    from migrate.config import ConfigError
    from migrate.taxonomy.rules import load_rules

    with pytest.raises(ConfigError, match="loop"):
        load_rules(tmp_path / "taxonomy.yaml")
