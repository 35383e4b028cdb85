"""The config file: every section checked by schemas/config.schema.json, errors at file:line:col."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from migrate.cli import main
from migrate.config import ConfigError, load_config
from tests.cli.helpers import copy_input, run_cli

REPO = Path(__file__).resolve().parents[1]


def errors(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as got:
        load_config(path)
    return [line.replace(str(path), "c.yaml") for line in str(got.value).splitlines()]


def test_the_config_schema_is_a_valid_schema() -> None:
    Draft202012Validator.check_schema(json.loads((REPO / "schemas" / "config.schema.json").read_text()))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bdoy:\n  icons: {}\n", ["c.yaml:1:1: unknown key 'bdoy' (did you mean 'body'?)"]),
        (
            "---\nbody:\n  keep_sized: true\n",
            ["c.yaml:3:3: unknown key 'keep_sized' in body (did you mean 'keep_sized_images'?)"],
        ),
        (
            "body:\n  colors:\n    red: bold\n",
            ["c.yaml:3:10: body.colors.red: 'bold' is not one of 'strong', 'emphasis'"],
        ),
        (
            "redirects:\n  base_url: nope\n  gone: [a]\n",
            [
                "c.yaml:2:13: redirects.base_url: must look like https://example.org",
                "c.yaml:3:10: redirects.gone[0]: 'a' does not match the pattern ^/",
            ],
        ),
        ("validate:\n  schemas: [a, b]\n", ["c.yaml:2:12: validate.schemas: must map file globs to schema files"]),
        ("taxonomy:\n  keys: []\n", ["c.yaml:2:9: taxonomy.keys: must be a list of front matter keys"]),
        ("ignore: body.img-alt\n", ["c.yaml:1:9: ignore: must be a list of diagnostic codes or code prefixes"]),
        ("pages:\n  include: '*.md'\n", ["c.yaml:2:12: pages.include: expected array, got a string '*.md'"]),
    ],
)
def test_each_section_is_checked_with_its_position(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert errors(tmp_path, text) == expected


def test_a_good_config_loads(tmp_path: Path) -> None:
    text = (
        "body:\n  icons: {check: OK}\n  colors: {'#F00': strong}\n  keep_sized_images: false\n"
        "validate:\n  schema: page.schema.json\n"
        "redirects:\n  spaces: ['+', '-']\n  base_url: https://example.org\n  limits: {netlify: 10}\n"
        "taxonomy:\n  keys: [tags]\n  keep_category_as_tag: true\n"
        "ignore: [body.img-alt]\npages:\n  include: ['*.md']\n  exclude: [drafts]\n"
    )
    (tmp_path / "c.yaml").write_text(text)
    assert load_config(tmp_path / "c.yaml").section("redirects")["spaces"] == ["+", "-"]


def test_a_bad_redirects_section_stops_convert_and_redirects_with_exit_2(tmp_path: Path) -> None:
    copy_input(tmp_path)
    (tmp_path / "c.yaml").write_text("redirects:\n  page_id: sometimes\n")
    run = run_cli(tmp_path, "input", "out", "--config", "c.yaml")
    assert run.code == 2 and "c.yaml:2:12: redirects.page_id: expected boolean" in run.stderr
    assert not (tmp_path / "out").exists()
    got = CliRunner().invoke(
        main, ["redirects", str(tmp_path / "input"), "--format", "csv", "--config", str(tmp_path / "c.yaml")]
    )
    assert got.exit_code == 2 and "redirects.page_id: expected boolean" in got.stderr
