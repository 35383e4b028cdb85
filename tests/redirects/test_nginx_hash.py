"""nginx loads the generated map without "could not build optimal map_hash": the sizes it needs are set.

Checked with real nginx (`nginx -t`) on maps shaped like the real wiki's: thousands of keys, many of
them long percent-encoded page names (the real ones reach 212 bytes).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from migrate.redirects import render
from migrate.redirects.rules import Options, Rule

from .servers import need


def long_rules(count: int, length: int) -> list[Rule]:
    out = []
    for i in range(count):
        name = f"/Page+{i}+" + "+".join(["%E2%80%93word"] * (length // 14))
        out.append(Rule(name[:length], None, f"/posts/p{i}/"))
        out.append(Rule("/tiki-index.php", f"page=Name+{i}+" + "x" * (length // 2), f"/posts/p{i}/"))
    return out


@pytest.mark.parametrize(("count", "length"), [(1500, 212), (3000, 120), (200, 250)])
def test_nginx_builds_the_map_hash_without_a_warning(tmp_path: Path, count: int, length: int) -> None:
    binary = need("nginx")
    out = render("nginx", long_rules(count, length), Options())
    (tmp_path / "redirects.conf").write_text(out.files[out.main], encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n access_log off;\n include {tmp_path}/redirects.conf;\n}}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [binary, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "could not build" not in done.stderr, done.stderr
    assert "[warn]" not in done.stderr, done.stderr
