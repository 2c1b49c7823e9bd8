"""Web benchmark (``make bench``): POST /api/v1/assess served by ``runknee web`` under load.

Run with ``python benchmarks/bench_web.py [--duration-s 10] [--connections 16]``. It starts the
server as a subprocess on a free loopback port with a throwaway SQLite database, drives it with
a small asyncio HTTP/1.1 keep-alive client (one connection per worker; loopback only), and
prints requests/s, p50/p99 latency and the server's peak resident memory (``VmHWM``).
The load generator shares the machine's cores with the server: read the figures as a floor.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench import DEFAULT_CASES, _cases

HOST = "127.0.0.1"
TARGET_REQUESTS_PER_S = 500
TARGET_P99_MS = 50.0


@dataclass
class LoadResult:
    """What one load run measured."""

    requests: int
    errors: int
    duration_s: float
    latencies_ms: list[float]

    @property
    def requests_per_s(self) -> float:
        """Completed requests per second."""
        return self.requests / self.duration_s

    def percentile_ms(self, fraction: float) -> float:
        """Latency at ``fraction`` (0..1) of the sorted requests."""
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def free_port() -> int:
    """A TCP port on loopback that is free right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def peak_rss_kib(pid: int) -> int:
    """Peak resident set size of a process (``VmHWM`` in ``/proc/<pid>/status``), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _request(port: int, body: bytes) -> bytes:
    head = (
        f"POST /api/v1/assess HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def read_response(reader: asyncio.StreamReader) -> bytes:
    """Read one HTTP/1.1 response (head and body); return its head."""
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    await reader.readexactly(length)
    return head


async def _worker(port: int, bodies: list[bytes], deadline: float, out: LoadResult) -> None:
    reader, writer = await asyncio.open_connection(HOST, port)
    requests = [_request(port, body) for body in bodies]
    index = 0
    try:
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            writer.write(requests[index % len(requests)])
            index += 1
            head = await read_response(reader)
            out.latencies_ms.append((time.perf_counter() - start) * 1000)
            if head.startswith(b"HTTP/1.1 200"):
                out.requests += 1
            else:
                out.errors += 1
    finally:
        writer.close()


async def run_load(
    port: int, bodies: list[bytes], connections: int, duration_s: float
) -> LoadResult:
    """Drive the server with ``connections`` keep-alive connections for ``duration_s``."""
    result = LoadResult(requests=0, errors=0, duration_s=duration_s, latencies_ms=[])
    start = time.perf_counter()
    deadline = start + duration_s
    await asyncio.gather(*(_worker(port, bodies, deadline, result) for _ in range(connections)))
    result.duration_s = time.perf_counter() - start
    return result


def start_server(port: int, database_url: str) -> subprocess.Popen[bytes]:
    """Start ``runknee web`` and wait until it answers /api/v1/health."""
    command = [sys.executable, "-c", "from runknee.cli.main import main; main()", "web"]
    args = ["--host", HOST, "--port", str(port), "--database-url", database_url]
    process = subprocess.Popen([*command, *args], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/api/v1/health", timeout=1):
                return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("runknee web did not start") from None
            time.sleep(0.1)


def main(argv: list[str] | None = None) -> None:
    """Print the web benchmark figures as text and as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--duration-s", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--warmup-s", type=float, default=1.0)
    args = parser.parse_args(argv)
    bodies = [case.model_dump_json(exclude_defaults=True).encode() for case in _cases(args.cases)]
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        server = start_server(port, f"sqlite:///{os.path.join(folder, 'bench.sqlite3')}")
        try:
            asyncio.run(run_load(port, bodies, args.connections, args.warmup_s))
            result = asyncio.run(run_load(port, bodies, args.connections, args.duration_s))
            rss_kib = peak_rss_kib(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=10)
    p50, p99 = result.percentile_ms(0.50), result.percentile_ms(0.99)
    print(
        f"web POST /api/v1/assess: {result.requests_per_s:,.0f} req/s "
        f"(target >= {TARGET_REQUESTS_PER_S}), p50 {p50:.1f} ms, p99 {p99:.1f} ms "
        f"(target < {TARGET_P99_MS:.0f} ms), {args.connections} connections, "
        f"{result.duration_s:.1f} s, {result.errors} errors"
    )
    print(f"web server peak RSS: {rss_kib / 1024:.1f} MiB")
    figures = {
        "web_assess_requests_per_s": round(result.requests_per_s),
        "web_assess_p50_ms": round(p50, 2),
        "web_assess_p99_ms": round(p99, 2),
        "web_assess_mean_ms": round(statistics.fmean(result.latencies_ms), 2),
        "web_errors": result.errors,
        "web_server_peak_rss_mib": round(rss_kib / 1024, 1),
        "web_connections": args.connections,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
