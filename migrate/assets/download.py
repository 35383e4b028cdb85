"""Fetch each asset once, politely: httpx, a bounded number of requests in flight, a per-host limit
and rate, retries with backoff on timeouts, dropped connections and 5xx, a size cap, a real
User-Agent, redirects to other hosts refused unless allowed. Files land in a content-addressed
store (``objects/<sha256>``): the same bytes from two URLs are kept once.

Why httpx: a well-kept client with streaming bodies, connection pooling, HTTP/1.1 keep-alive and
typed timeouts, so none of that is hand-written here; asyncio keeps many requests in flight on one
thread, so the counters and the journal need no locks.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .settings import AssetSettings
from .state import Fetched

CHUNK = 64 * 1024
MAX_REDIRECTS = 5
#: types a server may send for an image when it does not know better
_GENERIC = ("application/octet-stream", "binary/octet-stream", "application/binary")


@dataclass(frozen=True)
class Job:
    url: str  # as the pages write it: the key of the result
    fetch: str  # absolute URL to fetch
    kind: str  # "image" | "link"


@dataclass
class Stats:
    requests: int = 0
    retries: int = 0
    in_flight: int = 0
    max_in_flight: int = 0
    #: most requests in flight to one host at once
    max_per_host: dict[str, int] = field(default_factory=dict)
    bytes: int = 0


class _Failure(Exception):
    def __init__(self, status: str, detail: str = "", final_url: str = "", retry_after: float | None = None) -> None:
        super().__init__(status)
        self.status, self.detail, self.final_url, self.retry_after = status, detail, final_url, retry_after


_RETRY = frozenset({"timeout", "connection", "server-error", "rate-limited"})


class _Host:
    """One host's share: requests in flight to it, and the pace between their starts."""

    def __init__(self, per_host: int, rate: float) -> None:
        self.sem = asyncio.Semaphore(per_host)
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.next = 0.0
        self.busy = 0

    async def turn(self) -> None:
        if not self.interval:
            return
        loop = asyncio.get_running_loop()
        now = loop.time()
        at = max(now, self.next)
        self.next = at + self.interval  # no await between reading and setting: no lock needed
        if at > now:
            await asyncio.sleep(at - now)


class Downloader:
    def __init__(self, settings: AssetSettings, store: Path, tmp: Path) -> None:
        self.settings = settings
        self.store, self.tmp = store, tmp
        self.stats = Stats()
        self.hosts: dict[str, _Host] = {}

    def run(self, jobs: list[Job], done: Callable[[Fetched], None]) -> Stats:
        """Fetch every job; ``done`` gets each result as it ends (in completion order)."""
        if jobs:
            self.store.mkdir(parents=True, exist_ok=True)
            self.tmp.mkdir(parents=True, exist_ok=True)
            for stale in self.tmp.iterdir():  # halves of files a killed run was fetching
                stale.unlink(missing_ok=True)
            asyncio.run(self._all(jobs, done))
        return self.stats

    async def _all(self, jobs: list[Job], done: Callable[[Fetched], None]) -> None:
        import httpx

        s = self.settings
        limits = httpx.Limits(max_connections=s.jobs, max_keepalive_connections=s.jobs)
        timeout = httpx.Timeout(s.timeout)
        queue: asyncio.Queue[Job] = asyncio.Queue()
        for job in jobs:
            queue.put_nowait(job)
        async with httpx.AsyncClient(
            limits=limits, timeout=timeout, headers={"User-Agent": s.user_agent}, follow_redirects=False
        ) as client:

            async def worker() -> None:
                while True:
                    try:
                        job = queue.get_nowait()
                    except asyncio.QueueEmpty:
                        return
                    done(await self._one(client, job))

            await asyncio.gather(*(worker() for _ in range(min(s.jobs, len(jobs)))))

    async def _one(self, client: object, job: Job) -> Fetched:
        s = self.settings
        attempt = 0
        while True:
            try:
                return await self._get(client, job)
            except _Failure as fail:
                if fail.status not in _RETRY or attempt >= s.retries:
                    return Fetched(job.url, fail.status, fail.detail, final_url=fail.final_url)
                wait = fail.retry_after if fail.retry_after is not None else s.backoff * 2**attempt
                wait = min(wait, 60.0) + random.uniform(0, s.backoff / 4)
                attempt += 1
                self.stats.retries += 1
                await asyncio.sleep(wait)

    async def _get(self, client: object, job: Job) -> Fetched:
        import httpx

        assert isinstance(client, httpx.AsyncClient)
        url = job.fetch
        start_host = (urlsplit(url).hostname or "").lower()
        allowed = self.settings.hosts | self.settings.redirect_hosts | {start_host}
        for _ in range(MAX_REDIRECTS + 1):
            host = (urlsplit(url).hostname or "").lower()
            gate = self.hosts.get(host)
            if gate is None:
                gate = self.hosts[host] = _Host(self.settings.per_host, self.settings.rate)
            async with gate.sem:
                await gate.turn()
                self._enter(host, gate)
                try:
                    result = await self._request(client, job, url)
                except httpx.TimeoutException as exc:
                    raise _Failure(
                        "timeout", f"no answer within {self.settings.timeout:g} s ({type(exc).__name__})"
                    ) from None
                except httpx.InvalidURL as exc:
                    raise _Failure("invalid-url", str(exc)) from None
                except httpx.TransportError as exc:
                    raise _Failure("connection", f"{type(exc).__name__}: {exc}") from None
                finally:
                    self._leave(gate)
            if isinstance(result, Fetched):
                return result
            target = urljoin(url, result)
            if urlsplit(target).scheme not in ("http", "https"):
                raise _Failure("redirect-other-host", f"redirected to {target}", target)
            if (urlsplit(target).hostname or "").lower() not in allowed:
                raise _Failure("redirect-other-host", f"redirected to {target}; not followed", target)
            url = target
        raise _Failure("too-many-redirects", f"more than {MAX_REDIRECTS} redirects", url)

    def _enter(self, host: str, gate: _Host) -> None:
        st = self.stats
        st.requests += 1
        st.in_flight += 1
        st.max_in_flight = max(st.max_in_flight, st.in_flight)
        gate.busy += 1
        st.max_per_host[host] = max(st.max_per_host.get(host, 0), gate.busy)

    def _leave(self, gate: _Host) -> None:
        self.stats.in_flight -= 1
        gate.busy -= 1

    async def _request(self, client: object, job: Job, url: str) -> Fetched | str:
        """The asset, or the Location of a redirect to follow; failures raise."""
        import httpx

        assert isinstance(client, httpx.AsyncClient)
        max_size = self.settings.max_size
        async with client.stream("GET", url) as resp:
            code = resp.status_code
            if code in (301, 302, 303, 307, 308):
                location = resp.headers.get("location")
                if not location:
                    raise _Failure("http-error", f"HTTP {code} without a Location")
                return str(location)
            if code != 200:
                raise _status_failure(code, resp.headers.get("retry-after"))
            ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
            problem = _type_problem(job, ctype)
            if problem:
                raise _Failure("wrong-type", problem, url if url != job.fetch else "")
            length = resp.headers.get("content-length")
            if length and length.isdigit() and int(length) > max_size:
                raise _Failure("too-large", f"{int(length)} bytes, more than --max-size {max_size}")
            digest = hashlib.sha256()
            size = 0
            tmp = self.tmp / uuid.uuid4().hex
            try:
                with tmp.open("wb") as fh:
                    async for chunk in resp.aiter_bytes(CHUNK):
                        size += len(chunk)
                        if size > max_size:
                            raise _Failure("too-large", f"more than --max-size {max_size} bytes")
                        digest.update(chunk)
                        fh.write(chunk)
                hexd = digest.hexdigest()
                obj = self.store / hexd
                if obj.exists():
                    tmp.unlink()  # the same bytes are stored already
                else:
                    os.replace(tmp, obj)
            finally:
                if tmp.exists():
                    tmp.unlink()
            self.stats.bytes += size
            return Fetched(job.url, "ok", "", hexd, size, ctype, url if url != job.fetch else "")


def _status_failure(code: int, retry_after: str | None) -> _Failure:
    wait = float(retry_after) if retry_after and retry_after.strip().isdigit() else None
    if code == 404 or code == 410:
        return _Failure("not-found", f"HTTP {code}")
    if code in (401, 403):
        return _Failure("forbidden", f"HTTP {code}")
    if code == 429:
        return _Failure("rate-limited", "HTTP 429", retry_after=wait)
    if code >= 500:
        return _Failure("server-error", f"HTTP {code}", retry_after=wait)
    return _Failure("http-error", f"HTTP {code}")


def _type_problem(job: Job, ctype: str) -> str:
    if job.kind == "image":
        if ctype.startswith("image/") or ctype in _GENERIC or not ctype:
            return ""
        return f"an image was expected, the server sent {ctype}"
    if ctype in ("text/html", "application/xhtml+xml"):
        return f"a file was expected, the server sent a web page ({ctype})"
    return ""
