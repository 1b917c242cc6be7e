"""`recordlint audit --engine dask`: the same outputs as a local audit, on a real LocalCluster.

A module-wide LocalCluster of two worker processes stands in for a user's
cluster (`--scheduler`); one test lets recordlint start its own; the
worker-failure test kills a worker process of a cluster of its own while it
checks a partition.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from helpers import one_line_error

distributed = pytest.importorskip("distributed", reason="the [dask] extra is part of the test extras")

FIX = Path(__file__).resolve().parent / "fixtures" / "audit"
NOTES = [
    "Home visit to see Jasmine (aged 8).\nJasmine said, \"I like school.\"\nDiscussed the CIN plan with Mum.",
    "HV completed. Mum is manipulative and the home was cluttered. No concerns. Next HV soon.",
    "Telephone call with the GP surgery at 10:15 to confirm the appointment on 3 March at 14:00.",
    "Visited Mrs Doyle re her package of care. She is non-compliant with her meds. Will review the POC soon.",
    "I saw Leo on his own for 20 minutes. He told me, \"Dad shouts at night.\" I will phone Dad on Friday.",
    "Strategy meeting held. Agreed S47. Engaged well.\n\nActions:\n- SW to do CP medical\n- Police to follow up",
    "Mr Okafor said he wants to stay at home; \"I don't want to go into a home.\" Daughter agrees.",
    "",
    "Mum presented as hostile and aggressive. Appropriate support offered. Case discussed with TM.",
    "Aisha (15) was seen alone at school. She said she feels safe at home and wants her own phone back.",
]
MARKER = "Zephyrine"  # a word that appears only in note text: it must never reach a log


def write_export(path: Path, n: int, repeat: int = 1) -> Path:
    """A CSV export of `n` rows: notes over several lines (each `repeat` times over), empty notes,
    and two malformed rows."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case_id", "team", "note"])
        for i in range(n):
            note = " ".join([NOTES[i % len(NOTES)]] * repeat) if NOTES[i % len(NOTES)] else ""
            if note and i % 7 == 0:
                note = f"{note} {MARKER} was mentioned."
            writer.writerow([f"C{i:05d}", ("North", "South", "East")[i % 3], note])
            if i in (n // 3, 2 * n // 3):
                handle.write(f"BAD{i},North\n")  # a row with too few fields: skipped, with its true row
    return path


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    return write_export(tmp_path_factory.mktemp("dask") / "export.csv", 240)


@pytest.fixture(scope="module")
def inputs(export, tmp_path_factory) -> list[Path]:
    """Every kind of input: byte spans (CSV, JSONL), row blocks (gzip, XLSX) and file groups (a folder)."""
    root = tmp_path_factory.mktemp("inputs")
    gz = root / "export.csv.gz"
    gz.write_bytes(gzip.compress((FIX / "export.csv").read_bytes()))
    folder = root / "notes"
    for i, note in enumerate(NOTES):
        (folder / f"team{i % 2}").mkdir(parents=True, exist_ok=True)
        (folder / f"team{i % 2}" / f"note{i:02d}.txt").write_text(note, encoding="utf-8")
    xlsx = root / "export.xlsx"
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["case_id", "team", "note"])
    for i, note in enumerate(NOTES * 3):
        book.active.append([f"X{i}", "West", note])
    book.save(xlsx)
    return [export, FIX / "broken.jsonl", gz, folder, xlsx]


def _local_cluster(workers: int = 2):
    import logging

    return distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                    host="127.0.0.1", dashboard_address=":0", scheduler_kwargs={"dashboard": False},
                                    silence_logs=logging.ERROR)


@pytest.fixture(scope="module")
def cluster():
    with _local_cluster() as local, distributed.Client(local, set_as_default=False) as client:
        yield local.scheduler_address, client


def read(out: Path, name: str) -> str:
    return (out / name).read_text(encoding="utf-8-sig")


def summary_of(out: Path) -> dict:
    return json.loads(read(out, "summary.json"))


TIMING = ("started", "finished")
HOW_IT_RAN = ("seconds", "jobs", "parallel", "engine", "cluster", "output_dir")


def comparable_summary(out: Path) -> dict:
    """summary.json without what says when and how it ran."""
    summary = summary_of(out)
    for key in TIMING:
        summary.pop(key)
    for key in HOW_IT_RAN:
        summary["audit"].pop(key)
    return summary


def comparable_report(out: Path) -> str:
    html = read(out, "report.html")
    html = re.sub(r"<tr><th>(started|finished|seconds|engine)</th><td>[^<]*</td></tr>", "", html)
    return re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", "TIME", html)


def assert_same_outputs(a: Path, b: Path) -> None:
    assert (a / "findings.csv").read_bytes() == (b / "findings.csv").read_bytes()
    assert (a / "records.csv").read_bytes() == (b / "records.csv").read_bytes()
    assert comparable_summary(a) == comparable_summary(b)
    assert comparable_report(a) == comparable_report(b)


def audit_args(paths, out: Path, *more) -> list:
    return ["audit", *paths, "--id-column", "case_id", "--group-by", "team", "--output-dir", out, *more]


def test_outputs_match_a_local_audit(cli, cluster, inputs, tmp_path):
    address, _client = cluster
    local, dask = tmp_path / "local", tmp_path / "dask"
    # broken.jsonl has "id", not "case_id": audit it through a copy whose key is renamed
    jsonl = tmp_path / "broken.jsonl"
    jsonl.write_text((FIX / "broken.jsonl").read_text(encoding="utf-8").replace('"id"', '"case_id"'),
                     encoding="utf-8")
    paths = [inputs[0], jsonl, inputs[2], inputs[4]]
    ran_local = cli(*audit_args(paths, local, "--jobs", "2"))
    ran_dask = cli(*audit_args(paths, dask, "--scheduler", address, "--partition-size", "4KB"))
    assert ran_local.exit_code == ran_dask.exit_code == 0, (ran_local, ran_dask)
    assert_same_outputs(local, dask)
    summary = summary_of(dask)
    assert summary["audit"]["engine"] == "dask"
    assert summary["audit"]["cluster"]["workers"] == 2
    assert summary["audit"]["cluster"]["partitions"] > 4  # the CSV alone is several spans
    assert summary["records_read"] == summary["records_checked"] + summary["records_skipped"]
    assert summary["inputs"][0]["records_read"] == 242
    bad_rows = [s["row"] for s in summary["skipped"] if s["reason"].startswith("expected 3 fields")]
    assert bad_rows == [83, 164]  # the header is row 1, C00080 row 82: BAD80 follows it
    local_rows = {(s["source"], s["row"], s["reason"]) for s in summary_of(local)["skipped"]}
    assert {(s["source"], s["row"], s["reason"]) for s in summary["skipped"]} == local_rows


def test_long_notes_and_odd_files_match_a_local_audit(cli, cluster, tmp_path):
    """A note past csv's default 128 KB field limit, emoji, zero-width spaces, a BOM, CRLF, blank lines,
    UTF-16, bare-CR line ends, a header-only and an empty file, with a partition per record."""
    address, _client = cluster
    long_csv = tmp_path / "long.csv"
    with open(long_csv, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case_id", "note"])
        writer.writerow(["L1", "Engaged well. " * 20_000])
        writer.writerow(["L2", 'Mum said "no" \U0001F600 zero\u200bwidth. No concerns.'])
    utf16 = tmp_path / "utf16.csv"
    utf16.write_text('case_id,note\n1,"Seen alone.\nShe said ""hi""."\n2,No concerns.\n', encoding="utf-16")
    jsonl = tmp_path / "bom.jsonl"
    jsonl.write_bytes(b'\xef\xbb\xbf{"case_id": 1, "note": "HV done"}\r\n\r\n{"case_id": 2, "note": "Engaged well."}'
                      b'\r\n[1,2]\r\n{"case_id": 3}\r\n')
    mac = tmp_path / "mac.csv"
    mac.write_bytes(b'case_id,note\rM1,"HV done.\rNo concerns."\rM2,Mum is manipulative.\r')
    (tmp_path / "header.csv").write_text("case_id,note\n", encoding="utf-8")
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    paths = [long_csv, utf16, jsonl, mac, tmp_path / "header.csv", tmp_path / "empty.csv"]
    assert cli("audit", *paths, "--id-column", "case_id", "-o", tmp_path / "local", "--jobs", "1").exit_code == 0
    assert cli("audit", *paths, "--id-column", "case_id", "-o", tmp_path / "dask", "--scheduler", address,
               "--partition-size", "1").exit_code == 0
    assert_same_outputs(tmp_path / "local", tmp_path / "dask")
    summary = summary_of(tmp_path / "dask")
    assert summary["records_checked"] == 8 and not any("CSV" in s["reason"] for s in summary["skipped"])


def test_the_config_file_reaches_the_workers(cli, cluster, export, tmp_path, monkeypatch):
    address, _client = cluster
    (tmp_path / ".git").mkdir()
    (tmp_path / "recordlint.yaml").write_text("select: [jargon, vagueness]\nseverity: {vagueness: error}\n",
                                            encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli(*audit_args([export], tmp_path / "local", "--jobs", "1")).exit_code == 0
    assert cli(*audit_args([export], tmp_path / "dask", "--scheduler", address, "--partition-size", "8KB")
               ).exit_code == 0
    assert_same_outputs(tmp_path / "local", tmp_path / "dask")
    assert summary_of(tmp_path / "dask")["by_severity"].get("error", 0) > 0
    assert set(summary_of(tmp_path / "dask")["by_category"]) == {"jargon", "vagueness"}


def test_folders_match_a_local_audit(cli, cluster, inputs, tmp_path):
    address, _client = cluster
    folder = inputs[3]
    assert cli("audit", folder, "-o", tmp_path / "local", "--jobs", "1").exit_code == 0
    assert cli("audit", folder, "-o", tmp_path / "dask", "--scheduler", address,
               "--partition-size", "100").exit_code == 0
    assert_same_outputs(tmp_path / "local", tmp_path / "dask")
    assert summary_of(tmp_path / "dask")["audit"]["cluster"]["partitions"] > 2


def test_capped_group_tables_match_a_local_audit(cli, cluster, export, tmp_path, monkeypatch):
    import recordlint.audit.aggregate as aggregate

    address, _client = cluster
    monkeypatch.setattr(aggregate, "MAX_GROUP_VALUES", 5)  # the client caps the merged tables, as one pass does
    for out, more in ((tmp_path / "local", ["--jobs", "1"]), (tmp_path / "dask", ["--scheduler", address])):
        args = ["audit", export, "-o", out, "--group-by", "case_id", "--partition-size", "3KB", *more]
        assert cli(*args).exit_code == 0
    assert_same_outputs(tmp_path / "local", tmp_path / "dask")
    assert "(other values)" in summary_of(tmp_path / "dask")["by_group"]["case_id"]


def test_skipped_records_past_the_in_memory_ones_match_a_local_audit(cli, cluster, export, tmp_path, monkeypatch):
    import recordlint.audit.skipped as skipped

    address, _client = cluster
    monkeypatch.setattr(skipped, "IN_MEMORY", 5)  # the client spills the rest of the merged list to a file
    for out, more in ((tmp_path / "local", ["--jobs", "1"]), (tmp_path / "dask", ["--scheduler", address])):
        assert cli(*audit_args([export], out, "--partition-size", "4KB", *more)).exit_code == 0
    assert_same_outputs(tmp_path / "local", tmp_path / "dask")
    assert len(summary_of(tmp_path / "dask")["skipped"]) == summary_of(tmp_path / "dask")["records_skipped"] > 5


@pytest.mark.parametrize("compressed", [False, True], ids=["byte spans", "row blocks"])
def test_limit_matches_a_local_audit(cli, cluster, export, tmp_path, compressed):
    address, _client = cluster
    if compressed:
        export = tmp_path / "export.csv.gz"
        export.write_bytes(gzip.compress(write_export(tmp_path / "plain.csv", 240).read_bytes()))
    for out, more in ((tmp_path / "local", ["--jobs", "1"]), (tmp_path / "dask", ["--scheduler", address])):
        assert cli(*audit_args([export], out, "--limit", "50", "--partition-size", "2KB", *more)).exit_code == 0
    assert_same_outputs(tmp_path / "local", tmp_path / "dask")
    assert summary_of(tmp_path / "dask")["records_read"] == 50
    assert summary_of(tmp_path / "dask")["audit"]["complete"] is True


def test_no_text_keeps_note_text_out_of_outputs_and_worker_logs(cli, cluster, export, tmp_path):
    address, client = cluster
    out = tmp_path / "out"
    result = cli(*audit_args([export], out, "--no-text", "--scheduler", address, "--partition-size", "8KB"))
    assert result.exit_code == 0, result
    for name in ("findings.csv", "records.csv", "summary.json", "report.html"):
        text = read(out, name)
        assert MARKER not in text and "Dad shouts at night" not in text, name
    assert int(summary_of(out)["findings"]) > 0
    logs = json.dumps([client.get_worker_logs(), client.get_scheduler_logs()])
    assert MARKER not in logs and "Jasmine" not in logs


def _count_linter_builds():
    """On a worker: count calls of recordlint.api.build_linter from now on."""
    import recordlint.api as api

    real = getattr(api.build_linter, "counted", api.build_linter)

    def counting(**options):
        counting.calls += 1
        return real(**options)

    counting.calls, counting.counted = 0, real
    api.build_linter = counting


def _linter_builds():
    import recordlint.api as api

    return api.build_linter.calls


def test_each_worker_builds_the_linter_once(cli, cluster, export, tmp_path):
    address, client = cluster
    client.run(_count_linter_builds)
    out = tmp_path / "out"
    assert cli(*audit_args([export], out, "--select", "vagueness", "--scheduler", address,
                           "--partition-size", "2KB")).exit_code == 0
    builds = client.run(_linter_builds)
    assert summary_of(out)["audit"]["cluster"]["partitions"] >= 10
    assert set(builds.values()) <= {0, 1} and sum(builds.values()) >= 1, builds  # per worker, not per partition


def test_a_worker_killed_mid_partition_is_retried_and_nothing_is_counted_twice(cli, export, tmp_path):
    """Kill a worker process while it checks a partition: Dask runs the partition again elsewhere."""
    from recordlint.audit.main import run_audit
    from recordlint.audit.options import AuditOptions

    big = write_export(tmp_path / "big.csv", 1200, repeat=12)  # partitions of about half a second each
    assert cli(*audit_args([big], tmp_path / "local", "--jobs", "1")).exit_code == 0
    with _local_cluster() as local, distributed.Client(local, set_as_default=False) as client:
        options = AuditOptions(inputs=(str(big),), id_column="case_id", group_by=("team",), jobs=2,
                               output_dir=str(tmp_path / "dask"), engine="dask",
                               scheduler=local.scheduler_address, partition_bytes=128 * 1024)
        warm = AuditOptions(inputs=(str(export),), id_column="case_id", output_dir=str(tmp_path / "warm"),
                            engine="dask", scheduler=local.scheduler_address)
        run_audit(warm)  # workers build their linters now, so the kill lands while a partition is checked
        done: dict = {}
        thread = threading.Thread(target=lambda: done.setdefault("result", run_audit(options)))
        thread.start()
        killed = _kill_a_busy_worker(client, timeout=60)
        thread.join(timeout=300)
        assert not thread.is_alive()
        assert killed, "no worker was seen checking a partition"
        assert killed not in client.run(os.getpid).values()  # it died (and its nanny started a new one)
        result = done["result"]
        assert result.exit_code == 0, result.summary["audit"]
    assert_same_outputs(tmp_path / "local", tmp_path / "dask")
    summary = result.summary
    assert summary["records_read"] == 1202
    assert summary["audit"]["cluster"]["partitions"] >= 8
    assert summary["records_read"] == summary["records_checked"] + summary["records_skipped"]
    with open(tmp_path / "dask" / "records.csv", encoding="utf-8-sig", newline="") as handle:
        ids = [row["record_id"] for row in csv.DictReader(handle)]
    assert len(ids) == len(set(ids)) == summary["records_checked"]


def _kill_a_busy_worker(client, timeout: float) -> int | None:
    """SIGKILL the first worker process seen executing a recordlint partition; its pid."""
    def executing(dask_worker):
        return [str(ts.key) for ts in dask_worker.state.executing if "recordlint-" in str(ts.key)]

    pids = client.run(os.getpid)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy = client.run(executing)
        for address, keys in busy.items():
            if keys and address in pids:
                os.kill(pids[address], signal.SIGKILL)
                return pids[address]
        time.sleep(0.05)
    return None


def test_a_scheduler_lost_mid_audit_stops_it_in_one_line_with_valid_outputs(tmp_path):
    """The cluster goes away while partitions are out: exit 2, one error line, outputs for what was done."""
    big = write_export(tmp_path / "big.csv", 2000, repeat=12)
    out = tmp_path / "out"
    local = _local_cluster()
    proc = subprocess.Popen([sys.executable, "-m", "recordlint", *map(str, audit_args([big], out)),
                             "--scheduler", local.scheduler_address, "--partition-size", "64KB", "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        records = out / "records.csv"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if records.exists() and records.stat().st_size > 5_000:
                break
            time.sleep(0.05)
        assert proc.poll() is None, proc.communicate()
    finally:
        local.close()
    _stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 2, stderr
    line = one_line_error(stderr)
    assert "the Dask cluster failed on partition" in line and "complete and valid" in line
    summary = summary_of(out)
    assert summary["audit"]["complete"] is False
    assert 0 < summary["records_read"] == summary["records_checked"] + summary["records_skipped"] < 2002


def test_cli_starts_a_local_cluster_of_jobs_workers(export, tmp_path):
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "recordlint", *map(str, audit_args([export], out)),
                          "--engine", "dask", "--jobs", "2", "--partition-size", "16KB", "--quiet"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stderr == "" and run.stdout == ""
    summary = summary_of(out)
    assert summary["audit"]["cluster"]["scheduler"] == "LocalCluster"
    assert summary["audit"]["cluster"]["workers"] == 2
    assert summary["records_read"] == summary["records_checked"] + summary["records_skipped"] == 242


def test_without_the_extra_engine_dask_says_what_to_install(export, tmp_path):
    blocked = ("import sys; sys.modules['distributed'] = None; sys.modules['dask'] = None\n"
               "from recordlint.cli import main\nmain()")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-c", blocked, "audit", str(export), "--engine", "dask", "-o", str(out)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    line = one_line_error(run.stderr)
    assert "pip install 'recordlint[dask]'" in line
    assert not out.exists()


def test_an_unreachable_scheduler_is_a_one_line_error(cli, export, tmp_path, monkeypatch):
    from recordlint.audit import dask_engine

    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "1s")
    out = tmp_path / "out"
    result = cli("audit", export, "--scheduler", "tcp://127.0.0.1:9", "-o", out)
    assert result.exit_code == 2
    assert one_line_error(result.stderr).startswith(
        "recordlint: error: tcp://127.0.0.1:9: cannot connect to the Dask scheduler")
    assert not out.exists()


@pytest.mark.parametrize("args, expected", [
    (["--engine", "local", "--scheduler", "tcp://127.0.0.1:8786"], "--scheduler is for --engine dask"),
    (["--engine", "dask", "--partition-size", "lots"], "--partition-size must be a size"),
    (["--engine", "dask", "--partition-size", "0"], "--partition-size must be a size"),
])
def test_engine_option_errors(cli, export, tmp_path, args, expected):
    result = cli("audit", export, "-o", tmp_path / "out", *args)
    assert result.exit_code == 2
    assert expected in one_line_error(result.stderr)


def test_workers_must_see_the_inputs_and_run_the_same_version(cli, cluster, export, tmp_path, monkeypatch):
    from types import SimpleNamespace

    from recordlint.audit.dask_engine import DaskCluster
    from recordlint.errors import RecordlintError

    address, _client = cluster
    with DaskCluster(address, 1, 1024) as connected:
        with pytest.raises(RecordlintError, match="cannot read it .*a filesystem every worker shares"):
            connected.check_workers([SimpleNamespace(path=str(tmp_path / "gone.csv"), format="csv")])
        with pytest.raises(RecordlintError, match=f"give it as {re.escape(os.path.abspath('gone.csv'))}$"):
            connected.check_workers([SimpleNamespace(path="gone.csv", format="csv")])
    import recordlint

    monkeypatch.setattr(recordlint, "__version__", "0.0.0-other")
    result = cli("audit", export, "-o", tmp_path / "out", "--scheduler", address)
    assert result.exit_code == 2
    assert "install the same version on every worker" in one_line_error(result.stderr)
    assert not (tmp_path / "out").exists()


def test_a_failed_or_lost_partition_stops_the_audit_with_its_reason():
    from recordlint.audit.dask_engine import ClusterFailed, _result
    from recordlint.audit.dask_tasks import PartitionFailed
    from recordlint.audit.split import Partition

    class Done:
        def __init__(self, value=None, error=None):
            self.value, self.error = value, error

        def result(self):
            if self.error:
                raise self.error
            return self.value

    part = Partition(3, 0, "span")
    with pytest.raises(ClusterFailed, match="^x.csv: changed"):
        _result(Done(PartitionFailed("x.csv: changed while it was being audited")), part)
    with pytest.raises(ClusterFailed, match="partition 3 was lost"):
        _result(Done(error=distributed.KilledWorker("k", "w", 3)), part)
    with pytest.raises(ClusterFailed, match="the Dask cluster failed on partition 3"):
        _result(Done(error=OSError("scheduler gone")), part)
