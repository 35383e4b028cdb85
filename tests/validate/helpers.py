"""Shared bits of the validate tests: run the real CLI in-process, and where the real pages live."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from migrate.cli import main
from tests.shared import CORPUS, SHARED  # noqa: F401  (re-exported for the validate tests)

CASES = Path(__file__).parent / "cases"


def run_validate(*args: str) -> Result:
    return CliRunner().invoke(main, ["validate", *args], catch_exceptions=False)
