"""100,000 redirect rules into every format (seconds each), then real nginx loads the map and answers.

Run: .venv/bin/python benchmarks/bench_redirects.py [N]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from migrate.config import Config
from migrate.redirects import FORMATS, options, render
from migrate.redirects.rules import Rule

WORDS = ["Vitamin", "D", "–", "Sun", "Restless", "Legs", "Syndrome", "Iron", "études", "Привет", "many", "studies"]


def rules(n: int) -> list[Rule]:
    """n sources like the real ones: long '+'-joined titles with en dashes, ids, Tiki query forms."""
    out = []
    for i in range(n):
        words = [WORDS[(i * 7 + k) % len(WORDS)] for k in range(3 + i % 18)]
        target = f"/posts/page-{i}/"
        if i % 4 == 0:
            out.append(Rule("/tiki-index.php", f"page_id={i}", target))
        else:
            out.append(Rule("/" + "+".join(words) + f"+{i}", None, target))
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    batch = rules(n)
    opts, _ = options(Config({"redirects": {"base_url": "https://example.org"}}))
    longest = max(len(r.source().encode()) for r in batch)
    print(f"{n:,} rules, longest source {longest} bytes")
    nginx_text = ""
    for fmt in FORMATS:
        t0 = time.perf_counter()
        out = render(fmt, batch, opts)
        size = sum(len(t) for t in out.files.values())
        print(f"{fmt:18s} {time.perf_counter() - t0:6.2f} s  {len(out.files):>7,} file(s) {size / 1e6:7.1f} MB")
        if fmt == "nginx":
            nginx_text = out.files[out.main]
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if binary is None:
        print("nginx: not installed, load not measured")
        return
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from redirects import servers

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        with servers.nginx(nginx_text, Path(tmp)) as port:
            started = time.perf_counter() - t0
            probe = [batch[1], batch[n // 2 + 1], batch[-1], batch[0]]
            answers = [servers.request(port, r.source()) for r in probe]
        ok = all(a == (301, f"http://127.0.0.1:{port}{r.target}") for a, r in zip(answers, probe, strict=True))
        print(f"nginx: config test + start with {n:,} rules {started:.2f} s; answers {'right' if ok else answers}")
        subprocess.run([binary, "-v"], check=False)


if __name__ == "__main__":
    main()
