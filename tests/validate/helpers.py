"""Shared bits of the validate tests: run the real CLI in-process, and where the real pages live."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from migrate.cli import main

CASES = Path(__file__).parent / "cases"
#: the real pages (never copied into the repo); CI has them at ../shared next to the checkout.
SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus" / "vdw-dev"


def run_validate(*args: str) -> Result:
    return CliRunner().invoke(main, ["validate", *args], catch_exceptions=False)
