"""The runner: prepare always first, one place for errors, parallel work under fork and spawn."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from migrate.config import Config
from migrate.pipeline import Context, run
from migrate.stages import STAGES, build
from migrate.targets import get_target
from tests.pages import make_page

from .stages import Counting, Upper

REPO = Path(__file__).resolve().parents[2]


def ctx(tmp_path: Path, jobs: int = 1, method: str | None = None) -> Context:
    options = {"start_method": method} if method else {}
    return Context(Config(), get_target("hugo"), tmp_path, jobs=jobs, options=options)


def test_prepare_sees_the_batch_and_a_failing_page_is_one_error(tmp_path: Path) -> None:
    pages = [make_page({"title": t, "slug": t}, f"{t}.md") for t in ("a", "boom", "c")]
    stage, after = Counting(), Counting()
    run(pages, ctx(tmp_path), [stage, after])
    assert stage.seen == ["a.md", "boom.md", "c.md"]
    assert [p.stats.get("batch") for p in pages] == [3, None, 3]
    (diag,) = pages[1].diagnostics
    assert (diag.code, diag.severity) == ("counting.internal", "error")
    assert diag.message == "internal error in stage counting: ValueError: boom"
    assert pages[1].skipped and not pages[1].will_write


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_a_parallel_stage_gives_what_one_process_gives(tmp_path: Path, method: str) -> None:
    bodies = [f"page {i}" for i in range(12)] + ["boom here", "deep here"]
    serial = [make_page({"title": str(i), "slug": f"p{i}"}, f"p{i}.md", b) for i, b in enumerate(bodies)]
    parallel = [make_page({"title": str(i), "slug": f"p{i}"}, f"p{i}.md", b) for i, b in enumerate(bodies)]
    run(serial, ctx(tmp_path), [Upper()])
    run(parallel, ctx(tmp_path, jobs=2, method=method), [Upper()])
    assert [p.markdown for p in parallel] == [p.markdown for p in serial]
    assert parallel[0].markdown == "PAGE 0!"
    assert {p.stats["pid"] for p in serial if "pid" in p.stats} == {os.getpid()}
    assert os.getpid() not in {p.stats["pid"] for p in parallel if "pid" in p.stats}
    for pages in (serial, parallel):
        assert [(d.code, d.message) for d in pages[-2].diagnostics] == [
            ("upper.internal", "internal error in stage upper: RuntimeError: bad body")
        ]
        assert [d.code for d in pages[-1].diagnostics] == ["upper.too-deep"]


def test_the_real_stages_under_spawn_write_what_one_process_writes(tmp_path: Path) -> None:
    body = "<b>Bold</b> and ((Page 3)) and <i class='fas fa-x'></i> text\n"
    metas = [{"title": f"Page {i}", "slug": f"page-{i}", "date": "2020-01-02"} for i in range(10)]
    one = [make_page(m, f"{m['slug']}.md", body) for m in metas]
    two = [make_page(m, f"{m['slug']}.md", body) for m in metas]
    run(one, ctx(tmp_path / "one"), build())
    run(two, ctx(tmp_path / "two", jobs=2, method="spawn"), build())
    assert [p.markdown for p in one] == [p.markdown for p in two]
    assert "[Page 3](/posts/page-3/)" in one[0].markdown
    assert sorted(os.listdir(tmp_path / "one" / "content" / "posts")) == [f"page-{i}.md" for i in range(10)]
    for i in range(10):
        rel = Path("content", "posts", f"page-{i}.md")
        assert (tmp_path / "one" / rel).read_bytes() == (tmp_path / "two" / rel).read_bytes()


def test_the_registry_is_in_order_and_builds_fresh_stages() -> None:
    assert list(STAGES) == ["validate", "route", "aliases", "body", "taxonomy", "link", "assets", "write", "site"]
    first, second = build(), build()
    assert [s.name for s in first] == list(STAGES)
    assert all(a is not b for a, b in zip(first, second, strict=True))
    assert [s.name for s in build(until="aliases")] == ["validate", "route", "aliases"]
    with pytest.raises(KeyError):
        build(until="nope")


def _pidfd_gone(pid: int, timeout: float) -> bool:
    """True when process ``pid`` (not our child) has exited within ``timeout`` seconds."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        ready, _, _ = select.select([fd], [], [], timeout)
        return bool(ready)
    finally:
        os.close(fd)


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="needs pidfd_open (Linux)")
@pytest.mark.parametrize(
    ("method", "sig"), [("spawn", signal.SIGKILL), ("fork", signal.SIGKILL), ("fork", signal.SIGINT)]
)
def test_workers_exit_when_the_parent_is_killed_or_interrupted(tmp_path: Path, method: str, sig: int) -> None:
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from migrate.config import Config
        from migrate.pipeline import Context, run
        from migrate.targets import get_target
        from tests.pages import make_page
        from tests.pipeline.stages import Hang

        pages = [make_page({{"title": str(i), "slug": f"p{{i}}"}}) for i in range(8)]
        ctx = Context(Config(), get_target("hugo"), Path("."), jobs=2, options={{"start_method": "{method}"}})
        run(pages, ctx, [Hang()])
        """
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    parent = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=REPO,
        env=env,
        start_new_session=True,
    )
    try:
        assert parent.stdout is not None
        workers = {int(parent.stdout.readline().split()[1]) for _ in range(2)}
        assert len(workers) == 2
        parent.send_signal(sig)
        # SIGINT: the runner stops its workers and re-raises, so the run ends instead of hanging
        assert parent.wait(timeout=60) != 0
        # generous: the point is "not minutes"; a worker notices within about a second
        assert all(_pidfd_gone(pid, 60) for pid in workers)
    finally:
        parent.kill()
        parent.wait()
