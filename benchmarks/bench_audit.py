#!/usr/bin/env python
"""Benchmark `recordlint audit` end to end on a generated CSV export.

Generates a CSV export of N notes (default 100,000) deterministically (seeded
``random.Random``, the note generator of ``benchmarks/bench.py``), with
case_id, team, service and note columns, one note in 200 left empty (so the
skipped path runs too). Then runs, each in a fresh process,

    recordlint audit EXPORT --id-column case_id --group-by team --jobs J -q

for each J in --jobs (default 1 and 2), timing the whole command (start-up,
reading, linting, writing every output), counting the CPU time of the command
and its workers (which, unlike wall time, hardly changes when other work
competes for the cores: words per CPU-second is the steadier figure on a busy
machine), and sampling the memory of the command's process tree every 0.2 s
from /proc: the peak of the summed PSS
(proportional set size: memory shared by forked workers is counted once)
and the peak RSS of the largest single process.

With --dask, the last --jobs value is also run as `--engine dask` (a
LocalCluster of that many workers) on the same export: its throughput is
compared with the local run's (target: within 15%) and its findings.csv and
records.csv with the local run's (they must be identical).

To show that memory does not grow with the size of the export, the last
--jobs value is also run on an export a fifth of the size (--small-notes);
the two peaks should be about the same.

Reports notes/s and words/s (words as `summary.json` counts them:
whitespace-separated words of the notes checked). Uses only the standard
library. Always exits 0: it is a benchmark, not a test.

    python benchmarks/bench_audit.py
    python benchmarks/bench_audit.py --notes 20000 --jobs 1 2 --json
    python benchmarks/bench_audit.py --keep /tmp/audit-bench   # keep the export and outputs
    python benchmarks/bench_audit.py --jobs 2 --dask --small-notes 0   # --engine dask against --jobs 2
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import generate_note, recordlint_command  # noqa: E402

TEAMS = ["North", "South", "East", "West", "Central", "Hospital", "Disabled Children", "Leaving Care"]
TARGET_WORDS_PER_SEC_2_JOBS = 250_000
DASK_TOLERANCE = 0.15  # --engine dask on a LocalCluster of N workers: within 15% of --jobs N
EMPTY_EVERY = 200


def generate_export(path: Path, notes: int, seed: int) -> None:
    """Write a CSV export of `notes` records; the same seed gives the same bytes."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case_id", "team", "service", "date", "note"])
        for i in range(notes):
            note = generate_note(rng)
            if i % EMPTY_EVERY == EMPTY_EVERY - 1:
                note = ""
            service = "Adults" if note.startswith(("Review", "Visited", "Annual", "Hospital", "Telephone review")) \
                else "Children"
            writer.writerow([f"R{i + 1:07d}", rng.choice(TEAMS), service,
                             f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", note])


# ---------------------------------------------------------------------------
# Memory of a process tree, from /proc
# ---------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().decode("ascii", "replace")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _tree(pid: int) -> list[int]:
    tree = _children()
    found, stack = [], [pid]
    while stack:
        p = stack.pop()
        found.append(p)
        stack.extend(tree.get(p, []))
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in kB; PSS falls back to RSS without smaps_rollup."""
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
    except OSError:
        try:
            with open(f"/proc/{pid}/statm") as fh:
                rss = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except OSError:
            return 0, 0
        pss = rss
    return pss, rss


class MemorySampler(threading.Thread):
    """Samples a process tree until stopped: peak summed PSS and peak single-process RSS (MB)."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_pss_mb = 0.0
        self.peak_rss_mb = 0.0
        self.processes = 0
        self._done = threading.Event()

    def run(self) -> None:
        if not Path("/proc/self/stat").exists():
            return
        while not self._done.is_set():
            pids = _tree(self.pid)
            sizes = [_memory_kb(p) for p in pids]
            self.processes = max(self.processes, sum(1 for s in sizes if s[1]))
            self.peak_pss_mb = max(self.peak_pss_mb, sum(s[0] for s in sizes) / 1024)
            self.peak_rss_mb = max(self.peak_rss_mb, max((s[1] for s in sizes), default=0) / 1024)
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


# ---------------------------------------------------------------------------
# Runs
# ---------------------------------------------------------------------------


def run_audit(export: Path, out: Path, jobs: int, engine: str = "local") -> dict:
    """One `recordlint audit` in a fresh process: wall time, memory, and the summary's counts."""
    if out.exists():
        shutil.rmtree(out)
    cmd = recordlint_command() + ["audit", str(export), "--id-column", "case_id", "--group-by", "team",
                                  "--jobs", str(jobs), "--engine", engine, "--output-dir", str(out), "--quiet"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = MemorySampler(proc.pid)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - t0
    sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time of the command and every process it waited for (its workers): unlike wall time,
    # it hardly changes when other work competes for the cores.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    result = {"jobs": jobs, "engine": engine, "out": str(out), "returncode": proc.returncode, "seconds": seconds, "cpu_seconds": cpu,
              "load_average_after": load,
              "peak_pss_mb": round(sampler.peak_pss_mb, 1), "peak_rss_mb": round(sampler.peak_rss_mb, 1),
              "processes": sampler.processes, "stderr": err.decode("utf-8", "replace").strip()[-500:]}
    summary_path = out / "summary.json"
    if proc.returncode == 0 and summary_path.exists():
        summary = json.loads(summary_path.read_text(encoding="utf-8"))
        result.update({
            "records_read": summary["records_read"], "records_checked": summary["records_checked"],
            "records_skipped": summary["records_skipped"], "words": summary["words"],
            "findings": summary["findings"], "parallel": summary["audit"]["parallel"],
            "notes_per_sec": summary["records_read"] / seconds,
            "words_per_sec": summary["words"] / seconds,
            "words_per_cpu_sec": summary["words"] / cpu if cpu else None,
            "reconciles": summary["records_read"] == summary["records_checked"] + summary["records_skipped"],
        })
        with open(out / "findings.csv", encoding="utf-8-sig", newline="") as fh:
            result["findings_csv_rows"] = sum(1 for _ in csv.reader(fh)) - 1
    return result


def _engine_label(run: dict) -> str:
    return f"dask, {run['jobs']} workers" if run.get("engine") == "dask" else f"--jobs {run['jobs']}"


def same_outputs(a: Path, b: Path) -> bool:
    """findings.csv and records.csv byte for byte (summary.json and report.html carry timings)."""
    return all((a / name).read_bytes() == (b / name).read_bytes() for name in ("findings.csv", "records.csv"))


def summarise(results: dict) -> str:
    lines = [
        f"recordlint audit benchmark  (Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} cores)",
        f"export: {results['notes']:,} notes, {results['export_mb']:.1f} MB CSV, seed {results['seed']}; "
        f"generated in {results['generate_seconds']:.1f} s",
        "",
        f"{'run':<30} {'seconds':>8} {'notes/s':>9} {'words/s':>10} {'CPU s':>7} {'words/CPU-s':>11} "
        f"{'peak PSS':>9} {'peak RSS':>9} {'load':>5}  ok",
        f"{'-' * 30} {'-' * 8} {'-' * 9} {'-' * 10} {'-' * 7} {'-' * 11} {'-' * 9} {'-' * 9} {'-' * 5}  --",
    ]
    for run in results["runs"]:
        label = f"{_engine_label(run)}, {run.get('records_read', 0):,} notes"
        if run["returncode"] != 0 or "words_per_sec" not in run:
            lines.append(f"{label:<30} exit {run['returncode']}: {run['stderr']}")
            continue
        ok = run["reconciles"] and run["findings_csv_rows"] == run["findings"]
        load = run.get("load_average_after")
        lines.append(f"{label:<30} {run['seconds']:>8.1f} {run['notes_per_sec']:>9,.0f} {run['words_per_sec']:>10,.0f} "
                     f"{run['cpu_seconds']:>7.1f} {run['words_per_cpu_sec'] or 0:>11,.0f} "
                     f"{run['peak_pss_mb']:>7.0f}MB {run['peak_rss_mb']:>7.0f}MB "
                     f"{'' if load is None else f'{load:.1f}':>5}  {'yes' if ok else 'NO'}")
    full = [r for r in results["runs"] if r.get("records_read") == results["notes"] and "words_per_sec" in r]
    by_jobs = {r["jobs"]: r for r in full if r["engine"] == "local"}
    dask = next((r for r in full if r["engine"] == "dask"), None)
    if 1 in by_jobs and 2 in by_jobs:
        speedup = by_jobs[2]["words_per_sec"] / by_jobs[1]["words_per_sec"]
        target = "ok" if by_jobs[2]["words_per_sec"] >= TARGET_WORDS_PER_SEC_2_JOBS else "MISS"
        lines += ["", f"--jobs 2 vs --jobs 1: {speedup:.2f}x; --jobs 2 words/s target "
                      f">= {TARGET_WORDS_PER_SEC_2_JOBS:,}: {target}"]
    local = by_jobs.get(dask["jobs"]) if dask else None
    if dask and local:
        ratio = dask["words_per_sec"] / local["words_per_sec"]
        verdict = "ok" if ratio >= 1 - DASK_TOLERANCE else "MISS"
        same = "identical" if results.get("dask_outputs_identical") else "DIFFERENT"
        lines += [f"--engine dask vs --jobs {dask['jobs']}: {ratio:.0%} of the throughput "
                  f"(target: within {DASK_TOLERANCE:.0%}): {verdict}; findings.csv and records.csv {same}"]
    lines.append("(ok: records_read == checked + skipped, and findings.csv rows == summary findings; "
                 "load: 1-minute load average after the run, other work included)")
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=100_000, help="notes in the export (default: 100,000)")
    parser.add_argument("--small-notes", type=int, default=None,
                        help="notes in the smaller export for the memory check (default: a fifth; 0 to skip)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values to run (default: 1 2)")
    parser.add_argument("--dask", action="store_true",
                        help="also run --engine dask (a LocalCluster of the last --jobs value's workers; "
                             "needs recordlint[dask]) and compare it with the local run")
    parser.add_argument("--seed", type=int, default=20250401, help="random seed for the export")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="write the export and outputs here and keep them (default: a temporary folder)")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tmp = None
    if args.keep:
        work = args.keep
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="recordlint-audit-bench-")
        work = Path(tmp.name)
    try:
        export = work / f"export-{args.notes}.csv"
        t0 = time.perf_counter()
        generate_export(export, args.notes, args.seed)
        generate_seconds = time.perf_counter() - t0
        results = {"notes": args.notes, "seed": args.seed, "export_mb": export.stat().st_size / 1e6,
                   "generate_seconds": generate_seconds, "runs": []}
        for jobs in args.jobs:
            results["runs"].append(run_audit(export, work / f"out-j{jobs}", jobs))
        if args.dask:
            jobs = args.jobs[-1]
            run = run_audit(export, work / f"out-dask-j{jobs}", jobs, engine="dask")
            results["runs"].append(run)
            if run["returncode"] == 0:
                results["dask_outputs_identical"] = same_outputs(work / f"out-j{jobs}", work / f"out-dask-j{jobs}")
        small = args.notes // 5 if args.small_notes is None else args.small_notes
        if small:
            small_export = work / f"export-{small}.csv"
            generate_export(small_export, small, args.seed)
            results["runs"].append(run_audit(small_export, work / f"out-small-j{args.jobs[-1]}", args.jobs[-1]))
        print(json.dumps(results, indent=2) if args.json else summarise(results))
    finally:
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
