"""Small stages for the runner tests; a module of its own so spawned workers can import them."""

from __future__ import annotations

import os
import sys
import threading
from typing import Any

from migrate.page import Page
from migrate.stages.base import Context, ParallelStage, Stage


class Counting(Stage):
    """Remembers what prepare saw (batch state on the stage) and fails on a page titled "boom"."""

    name = "counting"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        self.seen = [p.name for p in pages]

    def run(self, page: Page, ctx: Context) -> None:
        if page.meta.get("title") == "boom":
            raise ValueError("boom")
        page.stats["batch"] = len(self.seen)


class Upper(ParallelStage):
    """Upper-cases bodies in workers; the shared data says what to add, a "boom" body fails."""

    name = "upper"

    def shared(self, ctx: Context) -> str:
        return "!"

    @staticmethod
    def setup(shared: str) -> dict[str, Any]:
        return {"suffix": shared, "pid": os.getpid()}

    @staticmethod
    def work(state: dict[str, Any], item: str) -> tuple[str, int]:
        if item.startswith("boom"):
            raise RuntimeError("bad body")
        if item.startswith("deep"):
            raise RecursionError("too deep")
        return item.upper() + state["suffix"], os.getpid()

    def item(self, page: Page) -> str:
        return page.body

    def apply(self, page: Page, result: tuple[str, int]) -> None:
        page.markdown, page.stats["pid"] = result


class Hang(ParallelStage):
    """Each worker says its pid on stdout, then waits forever: for the parent-death test."""

    name = "hang"

    @staticmethod
    def work(state: Any, item: str) -> None:
        sys.stdout.write(f"worker {os.getpid()}\n")
        sys.stdout.flush()
        threading.Event().wait()

    def item(self, page: Page) -> str:
        return page.body

    def apply(self, page: Page, result: Any) -> None:
        pass
