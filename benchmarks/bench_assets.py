"""Asset downloads: 10,000 small files from a local server, then re-runs with nothing new.

    .venv/bin/python benchmarks/bench_assets.py [--assets 10000] [--jobs 8] [--real ../shared/corpus]

Prints assets/s, peak memory (max RSS of the ``migrate assets`` process), the most requests in
flight (the client's count and the server's), and the wall time of re-runs that have nothing new:
on the generated site, and on the 400 real pages (``/work/baseline/vdw``, converted by the current
main) with every file already fetched (the store is filled without any network: no real host is
contacted). Only 127.0.0.1 is ever connected to. Prints figures; asserts nothing on time.
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PER_PAGE = 100


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.active = self.max_active = self.requests = 0


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    # headers and body in one write, sent at once: no Nagle / delayed-ACK pause per response
    wbufsize = 64 * 1024
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        srv = self.server
        with srv.lock:
            srv.active += 1
            srv.requests += 1
            srv.max_active = max(srv.max_active, srv.active)
        try:
            body = b"\x89PNG\r\n\x1a\n" + self.path.encode() * 20  # ~400 bytes, distinct per path
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        finally:
            with srv.lock:
                srv.active -= 1


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(REPO)
    return env


def _cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def _run(cwd: Path, *args: str) -> tuple[float, dict[str, object]]:
    """``migrate assets ARGS --report r.json``: wall seconds and the report (its CPU seconds in "cpu")."""
    cpu = _cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "migrate", "assets", *args, "--report", "r.json", "-q"],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"migrate assets failed:\n{done.stderr}")
    report = json.loads((cwd / "r.json").read_text(encoding="utf-8"))
    report["cpu"] = _cpu() - cpu
    return seconds, report


def generated(n: int, jobs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        srv = _Server()
        thread = threading.Thread(target=srv.serve_forever, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{srv.server_address[1]}"
        posts = root / "site" / "content" / "posts"
        posts.mkdir(parents=True)
        for p in range(0, n, PER_PAGE):
            body = "\n\n".join(f"![picture {i}]({base}/b/{i // 1000}/{i}.png)" for i in range(p, min(n, p + PER_PAGE)))
            (posts / f"page-{p // PER_PAGE}.md").write_text(f"---\ntitle: Page {p}\n---\n\n{body}\n", encoding="utf-8")
        (root / "cfg.yaml").write_text("assets:\n  hosts: ['127.0.0.1']\n  rate: 0\n  per_host: 64\n")
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        seconds, report = _run(root, "site", "--config", "cfg.yaml", "--download", "--jobs", str(jobs))
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        s = report["summary"]
        assert isinstance(s, dict)
        again, report2 = _run(root, "site", "--config", "cfg.yaml", "--download", "--jobs", str(jobs))
        s2 = report2["summary"]
        assert isinstance(s2, dict)
        srv.shutdown()
        srv.server_close()
        print(f"generated site: {n:,} assets on {n // PER_PAGE} pages, --jobs {jobs}")
        rate = s["downloaded"] / seconds
        print(f"  first run     {seconds:7.2f} s   ({report['cpu']:.2f} s CPU)   {rate:6.0f} assets/s   "
              f"moved {s['moved']:,}, failed {s['failed']}")  # fmt: skip
        print(f"  peak memory   {max(rss, before) / 1024:7.1f} MB (max RSS of the migrate process)")
        print(f"  in flight max {s['max_in_flight']} (client), {srv.max_active} (server); requests {srv.requests:,}")
        print(f"  re-run        {again:7.2f} s   ({report2['cpu']:.2f} s CPU)   downloaded {s2['downloaded']}, "
              f"requests {s2['requests']}")  # fmt: skip


def real(pages: Path) -> None:
    """Re-run on the 400 real pages with every asset in the store already."""
    sys.path.insert(0, str(REPO))
    from migrate.assets import download
    from migrate.assets.mover import AssetRun
    from migrate.assets.settings import AssetSettings
    from migrate.assets.state import Fetched

    cfg = {
        "hosts": ["d378j1rmrlek7x.cloudfront.net", "vitamindwiki.com", "www.vitamindwiki.com"],
        "base_url": "https://vitamindwiki.com",
    }

    def fake_run(self: download.Downloader, jobs: list[download.Job], done: object) -> download.Stats:
        # fills the store as a download would, without any network
        import hashlib

        self.store.mkdir(parents=True, exist_ok=True)
        for job in jobs:
            data = job.url.encode()
            digest = hashlib.sha256(data).hexdigest()
            (self.store / digest).write_bytes(data)
            done(Fetched(job.url, "ok", "", digest, len(data), "image/jpeg" if job.kind == "image" else ""))  # type: ignore[operator]
        return self.stats

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        site = root / "site"
        shutil.copytree(pages, site)
        (root / "cfg.yaml").write_text("assets:\n" + "".join(f"  {k}: {json.dumps(v)}\n" for k, v in cfg.items()))
        real_run = download.Downloader.run
        download.Downloader.run = fake_run  # type: ignore[method-assign]
        try:
            run = AssetRun(AssetSettings.from_config(cfg), site, download=True)
            files = sorted((site / "content").rglob("*.md"))
            from migrate.cli.assets import _split_front

            for path in files:
                text = path.read_text(encoding="utf-8")
                head, line = _split_front(text)
                run.add_page(str(path.relative_to(site)), text[len(head) :], text_line=line)
            run.execute()
            for path in files:
                name = str(path.relative_to(site))
                head, _ = _split_front(path.read_text(encoding="utf-8"))
                path.write_text(head + run.rewritten(name), encoding="utf-8")
        finally:
            download.Downloader.run = real_run  # type: ignore[method-assign]
        seconds, report = _run(root, "site", "--config", "cfg.yaml", "--download")
        s = report["summary"]
        assert isinstance(s, dict)
        print(f"real pages: {len(files)} pages, {s['assets']} assets ({s['moved']} in the store)")
        print(f"  re-run        {seconds:7.2f} s   ({report['cpu']:.2f} s CPU)   downloaded {s['downloaded']}, "
              f"requests {s['requests']}")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--assets", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=8)
    ap.add_argument("--real", type=Path, default=Path("/work/baseline/vdw"), help="a converted site (content/)")
    args = ap.parse_args()
    generated(args.assets, args.jobs)
    if (args.real / "content").is_dir():
        real(args.real)
    else:
        print(f"real pages: {args.real}/content not found; skipped")


if __name__ == "__main__":
    main()
