"""The import graph has no cycle, and the runner and the stages know each other only through the contract."""

from __future__ import annotations

from .imports import cycles, graph


def test_the_import_graph_has_no_cycle() -> None:
    # the command that shows it: python -m tests.architecture.imports
    assert cycles(graph()) == []


def test_the_runner_imports_no_stage_and_no_stage_imports_the_runner() -> None:
    g = graph()
    assert g["migrate.pipeline"] <= {"migrate.page", "migrate.stages", "migrate.stages.base"}
    stage_modules = [m for m in g if m.startswith("migrate.stages.")]
    assert len(stage_modules) >= 6
    for module in stage_modules:
        assert "migrate.pipeline" not in g[module], module
        assert "migrate.cli" not in {t.rpartition(".")[0] for t in g[module]} | g[module], module
    # the registry imports its stages by name only at build time, as strings
    assert g["migrate.stages"] == {"migrate.stages.base"}


def test_the_checker_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
