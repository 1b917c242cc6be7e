"""How an audit runs: worker processes in input order, Ctrl-C, one bad note, the progress bar, the score."""

from __future__ import annotations

import csv
import json
import os
import pty
import select
import signal
import subprocess
import time
from pathlib import Path

import pytest

from helpers import PYTHON

FIX = Path(__file__).resolve().parent / "fixtures" / "audit"
SENTENCES = [
    "Discussed the CIN plan with Mum.",
    "Jasmine said, \"I like school.\"",
    "Mum is manipulative and the home was cluttered.",
    "No concerns. Next HV soon.",
    "I saw Leo on his own for 20 minutes in the kitchen.",
    "The LAC review is booked for 3 March at 10:00.",
    "Some progress has been made.",
]


def write_export(path: Path, notes: int, *, empty_every: int = 0) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case_id", "team", "note"])
        for i in range(notes):
            text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(1 + i % 4))
            if empty_every and i % empty_every == empty_every - 1:
                text = ""
            writer.writerow([f"R{i:05d}", ["North", "South", "East"][i % 3], text])
    return path


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def load(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def reconciled(out: Path) -> dict:
    summary = load(out)
    assert summary["records_read"] == summary["records_checked"] + summary["records_skipped"]
    assert len(summary["skipped"]) == summary["records_skipped"]
    assert len(read_csv(out / "findings.csv")) == summary["findings"]
    assert len(read_csv(out / "records.csv")) == summary["records_checked"]
    return summary


# --- parallel ------------------------------------------------------------------

def test_jobs_2_gives_the_same_outputs_in_input_order(cli, tmp_path, monkeypatch):
    import recordlint.audit.runner as runner

    monkeypatch.setattr(runner, "BATCH_SIZE", 7)  # many small batches, so order is really tested
    export = write_export(tmp_path / "e.csv", 200, empty_every=17)
    args = (export, "--id-column", "case_id", "--group-by", "team", "-q")
    one = cli("audit", *args, "--jobs", "1", "--output-dir", tmp_path / "j1")
    two = cli("audit", *args, "--jobs", "2", "--output-dir", tmp_path / "j2")
    assert one.exit_code == two.exit_code == 0, (one, two)
    s1, s2 = reconciled(tmp_path / "j1"), reconciled(tmp_path / "j2")
    assert s1["audit"]["parallel"] is False and s2["audit"]["parallel"] is True
    for name in ("findings.csv", "records.csv"):
        assert (tmp_path / "j1" / name).read_bytes() == (tmp_path / "j2" / name).read_bytes(), name
    for key in ("records_read", "records_checked", "records_skipped", "skipped", "findings", "by_rule",
                "by_group", "score", "lowest_scoring"):
        assert s1[key] == s2[key], key
    ids = [r["record_id"] for r in read_csv(tmp_path / "j2" / "records.csv")]
    assert ids == sorted(ids) and len(ids) == 200 - 200 // 17


def test_workers_started_by_spawn_build_their_own_linter(cli, tmp_path, monkeypatch):
    """Where fork is not available (macOS, Windows) each worker builds the linter once from the options."""
    import multiprocessing

    import recordlint.audit.runner as runner

    monkeypatch.setattr(runner, "BATCH_SIZE", 16)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    export = write_export(tmp_path / "e.csv", 60)
    one = cli("audit", export, "-q", "--jobs", "1", "--select", "jargon", "--output-dir", tmp_path / "j1")
    two = cli("audit", export, "-q", "--jobs", "2", "--select", "jargon", "--output-dir", tmp_path / "j2")
    assert one.exit_code == two.exit_code == 0, (one, two)
    assert load(tmp_path / "j2")["audit"]["parallel"] is True
    assert set(load(tmp_path / "j2")["by_category"]) == {"jargon"}  # the options reached the workers
    assert (tmp_path / "j1" / "findings.csv").read_bytes() == (tmp_path / "j2" / "findings.csv").read_bytes()


def test_small_inputs_run_in_process(cli, tmp_path):
    result = cli("audit", FIX / "export.csv", "--jobs", "2", "-q", "--output-dir", tmp_path / "out")
    assert result.exit_code == 0, result
    assert load(tmp_path / "out")["audit"]["parallel"] is False


def test_one_note_that_breaks_the_engine_is_skipped_not_fatal(cli, tmp_path, monkeypatch):
    from recordlint.engine.linter import Linter

    real = Linter.lint

    def lint(self, records):
        for report in real(self, records):
            if "BOOM" in report.record.text:
                raise RuntimeError("engine fault")
            yield report

    monkeypatch.setattr(Linter, "lint", lint)
    export = tmp_path / "e.csv"
    export.write_text("id,note\n1,Discussed the CIN plan.\n2,BOOM goes the note.\n3,Next HV soon.\n",
                      encoding="utf-8")
    result = cli("audit", export, "--id-column", "id", "--output-dir", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 0, result
    summary = reconciled(tmp_path / "out")
    assert summary["records_checked"] == 2
    assert summary["skipped"] == [{"source": str(export), "row": 3, "id": "2",
                                   "reason": "internal error while checking (RuntimeError)"}]


def crashing_lint_batch(texts):
    """A worker's lint_batch that dies on a note saying CRASH (module level, so it pickles by name)."""
    from recordlint.audit.worker import real_lint_batch_for_tests

    if any("CRASH" in text for text in texts):
        os._exit(1)  # as the kernel's out-of-memory killer would
    return real_lint_batch_for_tests(texts)


def test_a_worker_that_dies_stops_the_audit_with_valid_outputs(cli, tmp_path, monkeypatch):
    import recordlint.audit.runner as runner
    import recordlint.audit.worker as worker

    monkeypatch.setattr(worker, "real_lint_batch_for_tests", worker.lint_batch, raising=False)
    monkeypatch.setattr(worker, "lint_batch", crashing_lint_batch)  # forked workers see it too
    monkeypatch.setattr(runner, "BATCH_SIZE", 10)
    export = write_export(tmp_path / "e.csv", 200)
    lines = export.read_text(encoding="utf-8").splitlines()
    lines[151] = "R00150,North,CRASH here"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("audit", export, "--id-column", "case_id", "--jobs", "2", "--output-dir", tmp_path / "out")
    assert result.exit_code == 2, result
    assert "a worker process died" in result.stderr and "Traceback" not in result.output
    summary = reconciled(tmp_path / "out")
    assert summary["audit"]["complete"] is False and "worker process died" in summary["audit"]["stopped"]
    assert 0 < summary["records_read"] <= 150


# --- Ctrl-C --------------------------------------------------------------------

def _start_audit(export: Path, out: Path, jobs: int, engine: str) -> subprocess.Popen:
    cmd = [PYTHON, "-m", "recordlint", "audit", str(export), "--id-column", "case_id", "--jobs", str(jobs),
           "--engine", engine, "--partition-size", "64KB", "--output-dir", str(out)]
    # A session of its own, so that Ctrl-C can go to every process of the command, as a terminal sends it
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


@pytest.mark.parametrize("engine, jobs", [("local", 1), ("local", 2), ("dask", 2)])
def test_ctrl_c_leaves_complete_valid_outputs(tmp_path, engine, jobs):
    export = write_export(tmp_path / "e.csv", 20_000)
    out = tmp_path / "out"
    proc = _start_audit(export, out, jobs, engine)
    deadline = time.monotonic() + 60
    records = out / "records.csv"
    while time.monotonic() < deadline and proc.poll() is None:  # wait until results are being written
        if records.exists() and records.stat().st_size > 20_000:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the audit finished before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, (stdout, stderr)
    assert "Traceback" not in stderr
    assert "interrupted" in stderr and "complete and valid" in stderr
    summary = reconciled(out)
    assert summary["audit"]["complete"] is False
    assert summary["audit"]["stopped"] == "interrupted (Ctrl-C)"
    assert 0 < summary["records_read"] < 20_000
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Incomplete audit" in html and html.rstrip().endswith("</html>")
    ids = [r["record_id"] for r in read_csv(out / "records.csv")]
    assert ids == [f"R{i:05d}" for i in range(len(ids))]  # a prefix of the input, in order


# --- the progress bar ----------------------------------------------------------

def test_progress_bar_on_a_terminal_only(tmp_path):
    export = write_export(tmp_path / "e.csv", 40)
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm"}
    proc = subprocess.Popen([PYTHON, "-m", "recordlint", "audit", str(export), "--jobs", "1", "--output-dir",
                             str(tmp_path / "out")], stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    stdout, _ = proc.communicate(timeout=60)
    os.close(master)
    assert proc.returncode == 0
    text = seen.decode("utf-8", "replace")
    assert "auditing" in text and "records/s" in text and "/40" in text
    assert b"auditing" not in stdout  # the bar is on stderr; stdout has the summary table
    assert b"records read" in stdout

    # not a terminal: no bar
    result = subprocess.run([PYTHON, "-m", "recordlint", "audit", str(export), "--jobs", "1", "--output-dir",
                             str(tmp_path / "out2")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "auditing" not in result.stderr


# --- the command stays light -----------------------------------------------------

def test_audit_command_module_imports_only_click():
    code = ("import sys; import recordlint.audit.command; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('recordlint', 'spacy', 'rich', 'openpyxl', 'docx', 'yaml', 'multiprocessing', 'concurrent')))")
    out = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, check=True).stdout
    # recordlint.findings is the standard-library-only data module (severity names for --fail-on)
    assert eval(out) == ["recordlint", "recordlint.audit", "recordlint.audit.command", "recordlint.clikit",
                         "recordlint.findings"]


def test_help_lists_audit():
    out = subprocess.run([PYTHON, "-m", "recordlint", "--help"], capture_output=True, text=True, check=True).stdout
    assert "audit" in out


# --- the score -------------------------------------------------------------------

def _f(severity="warning", start=0, end=3, rule="r"):
    return (rule, "c", severity, 1, 1, start, end, "", "", "")


def test_score_formula():
    from recordlint.audit.score import note_score

    assert note_score(120, []) == 100
    assert note_score(100, [_f()]) == 88  # one warning per 100 words: 12% off
    assert note_score(100, [_f("error")]) == 77  # an error weighs 2: 100 × 0.88²
    assert note_score(100, [_f("info")]) == 94  # an info weighs 0.5
    assert note_score(200, [_f(), _f()]) == 88  # density, not count
    assert note_score(10, [_f()]) == note_score(50, [_f()]) == 77  # short notes count as 50 words
    assert note_score(100, [_f(start=0, end=0, rule="voice.missing")]) == 75  # note-level: 25% off
    # the same note-level rule twice is still one penalty
    assert note_score(100, [_f(start=0, end=0, rule="v")] * 2) == 75
    # more findings always score lower, down to 0 at worst
    assert note_score(50, [_f("error")] * 5 + [_f(start=0, end=0)]) == 6
    assert note_score(50, [_f("error")] * 4 + [_f(start=0, end=0)]) == 10
    assert note_score(20, [_f("error")] * 200) == 0


def test_redacted_messages():
    from recordlint.audit.worker import redact

    assert redact("'{match}' is vague; try '{suggestion}'", ("about 3",)) == "'…' is vague; try 'about 3'"
    assert redact("contact ('{trigger}') but {looked_for}") == "contact ('…') but …"
    assert redact("{{literal}} {match}") == "{literal} …"


def test_group_values_are_bounded(cli, tmp_path, monkeypatch):
    import recordlint.audit.aggregate as aggregate

    monkeypatch.setattr(aggregate, "MAX_GROUP_VALUES", 3)
    export = write_export(tmp_path / "e.csv", 10)
    result = cli("audit", export, "-q", "--group-by", "case_id", "--output-dir", tmp_path / "out")
    assert result.exit_code == 0, result
    groups = load(tmp_path / "out")["by_group"]["case_id"]
    assert list(groups) == ["(other values)", "R00000", "R00001", "R00002"]
    assert groups["(other values)"]["records"] == 7
