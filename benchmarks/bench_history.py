"""History benchmark (``make bench``): the server with 10,000 stored assessments on SQLite.

Run with ``python -m runknee.bench_history [--assessments 10000] [--duration-s 5]``. It fills a
throwaway SQLite file, starts ``runknee web`` on it and measures, against the targets of
issue 8:

* the home page at 16 keep-alive connections: p99 under 50 ms;
* a mix of pages and API reads and writes at 64 connections: no request over 1 s;
* the health check while another process holds the database's write lock and writers wait
  for it: answered, p99 under 50 ms.

The load generator shares the machine's cores with the server: read the figures as a floor.
On a busy machine the latencies vary from run to run with the other load; the server's CPU time
per request (from ``/proc``) does not, so it is printed beside them to compare two versions.
Each figure is printed with PASS or FAIL against its target.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import tempfile
import time
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench import DEFAULT_CASES, _cases
from bench_web import HOST, LoadResult, free_port, read_response, start_server

from runknee.api import Runknee
from runknee.storage import AssessmentStore

TARGET_HOME_P99_MS = 50.0
TARGET_MAX_MS = 1000.0
TARGET_HEALTH_P99_MS = 50.0


def fill(database: Path, count: int, cases_path: Path) -> list[str]:
    """Store ``count`` assessments (the evaluation cases, round-robin, a minute apart)."""
    store = AssessmentStore.open(f"sqlite:///{database}")
    api = Runknee(store=store)
    try:
        cases = _cases(cases_path)
        results = [(case, api.assess(case)) for case in cases]
        start = datetime(2024, 1, 1, tzinfo=UTC)
        items = [(*results[i % len(results)], start + timedelta(minutes=i)) for i in range(count)]
        ids: list[str] = []
        for first in range(0, count, 1000):
            ids += store.save_many(items[first : first + 1000])
        return ids
    finally:
        store.close()


def _get(path: str, port: int) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nAccept: text/html\r\n\r\n".encode()


def _post(path: str, port: int, body: bytes) -> bytes:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _worker(
    port: int, requests: list[bytes], offset: int, deadline: float, out: LoadResult
) -> None:
    reader, writer = await asyncio.open_connection(HOST, port)
    index = offset
    try:
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            writer.write(requests[index % len(requests)])
            index += 1
            head = await read_response(reader)
            out.latencies_ms.append((time.perf_counter() - start) * 1000)
            if head[9:10] == b"2":
                out.requests += 1
            else:
                out.errors += 1
    finally:
        writer.close()


async def load(port: int, requests: list[bytes], connections: int, seconds: float) -> LoadResult:
    """Send ``requests`` round-robin over ``connections`` keep-alive connections."""
    result = LoadResult(requests=0, errors=0, duration_s=seconds, latencies_ms=[])
    start = time.perf_counter()
    deadline = start + seconds
    workers = (_worker(port, requests, i, deadline, result) for i in range(connections))
    await asyncio.gather(*workers)
    result.duration_s = time.perf_counter() - start
    return result


def _health_with_held_lock(port: int, database: Path, seconds: float) -> LoadResult:
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        body = (DEFAULT_CASES.read_text("utf-8").splitlines()[0]).encode()
        case = json.dumps(json.loads(body)["case"]).encode()

        async def both() -> LoadResult:
            writers = load(port, [_post("/api/v1/assessments", port, case)], 8, seconds)
            health = load(port, [_get("/api/v1/health", port)], 1, seconds)
            return (await asyncio.gather(writers, health))[1]

        return asyncio.run(both())
    finally:
        holder.rollback()
        holder.close()


def cpu_s(pid: int) -> float:
    """User plus system CPU seconds a process has used so far (Linux ``/proc``; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _measured(pid: int, run: Callable[[], LoadResult]) -> tuple[LoadResult, float]:
    """A load run and the server's CPU milliseconds per answered request during it."""
    before = cpu_s(pid)
    result = run()
    answered = max(1, result.requests + result.errors)
    return result, (cpu_s(pid) - before) * 1000 / answered


def _delete_ms(port: int, ids: list[str]) -> list[float]:
    """Milliseconds to delete each of ``ids`` through the API, one after another."""
    times = []
    for assessment_id in ids:
        request = urllib.request.Request(
            f"http://{HOST}:{port}/api/v1/assessments/{assessment_id}", method="DELETE"
        )
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
        times.append((time.perf_counter() - start) * 1000)
    return times


def verdict(value: float, target: float) -> str:
    """PASS when ``value`` is under ``target``."""
    return "PASS" if value < target else "FAIL"


def main(argv: list[str] | None = None) -> None:
    """Print the history benchmark figures as text and as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--assessments", type=int, default=10_000)
    parser.add_argument("--duration-s", type=float, default=5.0)
    args = parser.parse_args(argv)
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "history.sqlite3"
        started = time.perf_counter()
        ids = fill(database, args.assessments, args.cases)
        fill_s = time.perf_counter() - started
        size_mib = database.stat().st_size / 2**20
        server = start_server(port, f"sqlite:///{database}")
        try:
            home = [_get("/", port)]
            asyncio.run(load(port, home, 16, 1.0))  # warm up
            home_result, home_cpu_ms = _measured(
                server.pid, lambda: asyncio.run(load(port, home, 16, args.duration_s))
            )
            body = json.dumps(json.loads(DEFAULT_CASES.read_text("utf-8").splitlines()[0])["case"])
            mix = [
                _get("/", port),
                _get("/data", port),
                _get("/api/v1/assessments?limit=50", port),
                _get(f"/api/v1/assessments/{ids[len(ids) // 2]}", port),
                _get(f"/assessments/{ids[-1]}", port),
                _post("/api/v1/assess", port, body.encode()),
                _post("/api/v1/assessments", port, body.encode()),
            ]
            mix_result, mix_cpu_ms = _measured(
                server.pid, lambda: asyncio.run(load(port, mix, 64, args.duration_s))
            )
            health = _health_with_held_lock(port, database, min(args.duration_s, 3.0))
            deletes = _delete_ms(port, ids[100:105])
        finally:
            server.terminate()
            server.wait(timeout=10)
    home_p99 = home_result.percentile_ms(0.99)
    mix_max = max(mix_result.latencies_ms)
    health_p99 = health.percentile_ms(0.99)
    delete_ms = sorted(deletes)[len(deletes) // 2]
    print(
        f"history: {args.assessments:,} assessments stored in {fill_s:.1f} s ({size_mib:.0f} MiB)"
    )
    print(
        f"home page, 16 connections: {home_result.requests_per_s:,.0f} req/s, p50 "
        f"{home_result.percentile_ms(0.5):.1f} ms, p99 {home_p99:.1f} ms "
        f"(target < {TARGET_HOME_P99_MS:.0f} ms: {verdict(home_p99, TARGET_HOME_P99_MS)}), "
        f"{home_result.errors} errors; server CPU {home_cpu_ms:.2f} ms a request"
    )
    print(
        f"mixed pages and API, 64 connections: {mix_result.requests_per_s:,.0f} req/s, p99 "
        f"{mix_result.percentile_ms(0.99):.1f} ms, slowest {mix_max:.1f} ms "
        f"(target < {TARGET_MAX_MS:.0f} ms: {verdict(mix_max, TARGET_MAX_MS)}), "
        f"{mix_result.errors} errors; server CPU {mix_cpu_ms:.2f} ms a request"
    )
    print(
        f"health with a held write lock and 8 waiting writers: {health.requests} answered, "
        f"p99 {health_p99:.1f} ms (target < {TARGET_HEALTH_P99_MS:.0f} ms: "
        f"{verdict(health_p99, TARGET_HEALTH_P99_MS)})"
    )
    print(f"deleting one assessment: median {delete_ms:.1f} ms of {len(deletes)}")
    figures = {
        "history_assessments": args.assessments,
        "home_p99_ms": round(home_p99, 2),
        "home_requests_per_s": round(home_result.requests_per_s),
        "home_server_cpu_ms": round(home_cpu_ms, 3),
        "mix_64_server_cpu_ms": round(mix_cpu_ms, 3),
        "delete_one_ms": round(delete_ms, 1),
        "history_mib": round(size_mib),
        "mix_64_p99_ms": round(mix_result.percentile_ms(0.99), 2),
        "mix_64_max_ms": round(mix_max, 2),
        "mix_64_errors": mix_result.errors,
        "health_locked_p99_ms": round(health_p99, 2),
        "health_locked_answered": health.requests,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
