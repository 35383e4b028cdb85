"""Start real nginx, Apache and Caddy on 127.0.0.1 with our files, and ask them raw requests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

APACHE_MODULES = Path("/usr/lib/apache2/modules")


def need(binary: str) -> str:
    """The binary's path; skip when absent, except in CI where it must be installed."""
    found = shutil.which(binary) or next(
        (str(p) for p in (Path("/usr/sbin") / binary, Path("/usr/bin") / binary) if p.exists()), None
    )
    if found:
        return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{binary} must be installed in CI (.ci/apt-packages.txt)")
    pytest.skip(f"{binary} not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def request(port: int, target: str) -> tuple[int, str | None]:
    """GET with the request target sent byte for byte (UTF-8), as a browser or crawler would."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(
            b"GET " + target.encode("utf-8") + b" HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % port
        )
        data = b""
        for _ in range(10_000):
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    location = next((h.split(":", 1)[1].strip() for h in head[1:] if h.lower().startswith("location:")), None)
    return status, location


def _wait_ready(proc: subprocess.Popen[bytes], port: int, log: Path) -> None:
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            pass
        try:
            proc.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            continue
        break
    text = log.read_text(errors="replace") if log.exists() else ""
    raise AssertionError(f"server did not start (exit {proc.poll()}):\n{text[-3000:]}")


@contextmanager
def running(cmd: list[str], port: int, log: Path, env: dict[str, str] | None = None) -> Iterator[None]:
    with open(log, "ab") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        _wait_ready(proc, port, log)
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def check_config(cmd: list[str], env: dict[str, str] | None = None) -> None:
    got = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=env)
    assert got.returncode == 0, got.stdout + got.stderr


@contextmanager
def nginx(conf_text: str, tmp: Path) -> Iterator[int]:
    binary = need("nginx")
    port = free_port()
    (tmp / "redirects.conf").write_text(conf_text, encoding="utf-8")
    (tmp / "nginx.conf").write_text(
        f"""daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/redirects.conf;
    server {{
        listen 127.0.0.1:{port};
        if ($migrate_gone) {{ return 410; }}
        if ($migrate_redirect) {{ return 301 $migrate_redirect; }}
        location / {{ return 404; }}
    }}
}}
""",
        encoding="utf-8",
    )
    cmd = [binary, "-p", str(tmp), "-c", str(tmp / "nginx.conf")]
    check_config([*cmd, "-t"])
    with running(cmd, port, tmp / "error.log"):
        yield port


@contextmanager
def apache(rules_text: str, tmp: Path, htaccess: bool = False) -> Iterator[int]:
    binary = need("apache2")
    port = free_port()
    docroot = Path(tempfile.mkdtemp(prefix="migrate-apache-"))
    try:
        docroot.chmod(0o755)
        if htaccess:
            (docroot / ".htaccess").write_text(rules_text, encoding="utf-8")
            (docroot / ".htaccess").chmod(0o644)
            rules_in_conf = ""
        else:
            (tmp / "rules.conf").write_text(rules_text, encoding="utf-8")
            rules_in_conf = f"Include {tmp}/rules.conf"
        user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
        (tmp / "httpd.conf").write_text(
            f"""ServerRoot {tmp}
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile {tmp}/httpd.pid
DefaultRuntimeDir {tmp}
ErrorLog {tmp}/error.log
LogLevel warn
{user}LoadModule mpm_event_module {APACHE_MODULES}/mod_mpm_event.so
LoadModule authz_core_module {APACHE_MODULES}/mod_authz_core.so
LoadModule rewrite_module {APACHE_MODULES}/mod_rewrite.so
DocumentRoot {docroot}
<Directory {docroot}>
    AllowOverride All
    Require all granted
</Directory>
{rules_in_conf}
""",
            encoding="utf-8",
        )
        cmd = [binary, "-f", str(tmp / "httpd.conf")]
        check_config([*cmd, "-t"])
        with running([*cmd, "-DFOREGROUND"], port, tmp / "error.log"):
            yield port
    finally:
        shutil.rmtree(docroot, ignore_errors=True)


@contextmanager
def caddy(snippet: str, tmp: Path) -> Iterator[int]:
    binary = need("caddy")
    port = free_port()
    (tmp / "caddy.conf").write_text(snippet, encoding="utf-8")
    (tmp / "Caddyfile").write_text(
        f"""{{
    admin off
    auto_https off
}}
http://127.0.0.1:{port} {{
    import {tmp}/caddy.conf
    respond 404
}}
""",
        encoding="utf-8",
    )
    env = {**os.environ, "HOME": str(tmp), "XDG_DATA_HOME": str(tmp / "data"), "XDG_CONFIG_HOME": str(tmp / "cfg")}
    cmd = [binary, "run", "--adapter", "caddyfile", "--config", str(tmp / "Caddyfile")]
    check_config([binary, "validate", "--adapter", "caddyfile", "--config", str(tmp / "Caddyfile")], env)
    with running(cmd, port, tmp / "caddy.log", env):
        yield port
