"""Suite-wide checks: every diagnostic code the package emits during the tests is declared in
``migrate/diagnostics.py`` (the run fails at the end otherwise, naming the codes)."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from migrate.diagnostics import unregistered
from migrate.page import Diagnostic

#: codes of every Diagnostic the package made while the tests ran (tests' own made-up codes aside)
EMITTED: set[str] = set()
#: stages that exist only in the tests (tests/pipeline/stages.py): the runner names their errors
TEST_STAGES = ("counting.", "upper.", "hang.")

_init = Diagnostic.__init__


def _recording_init(self: Diagnostic, *args: Any, **kwargs: Any) -> None:
    _init(self, *args, **kwargs)
    caller = sys._getframe(1).f_globals.get("__name__", "")
    if caller.startswith("migrate.") and not self.code.startswith(TEST_STAGES):
        EMITTED.add(self.code)


Diagnostic.__init__ = _recording_init  # type: ignore[method-assign]  # recording only, same behaviour


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    unknown = unregistered(EMITTED)
    if unknown:
        sys.stderr.write(f"\nundeclared diagnostic codes (add them to migrate/diagnostics.py): {', '.join(unknown)}\n")
        session.exitstatus = 1
