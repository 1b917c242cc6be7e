"""The console entry point skips interpreter teardown: output must still be complete and exit codes right."""

from __future__ import annotations

import json
import subprocess
import sys


def run(*args, stdin: str | None = None):
    return subprocess.run([sys.executable, "-m", "recordlint", *args], input=stdin,
                          capture_output=True, text=True)


def test_exit_code_and_complete_json_on_stdout(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Mum is manipulative. The CIN plan was discussed.\n" * 200, encoding="utf-8")
    result = run("check", "--format", "json", str(note))
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["findings"] == len(report["files"][0]["findings"]) >= 400


def test_output_file_is_complete(tmp_path):
    note = tmp_path / "note.md"
    note.write_text("# Notes\n\nThe LAC review is on Monday.\n", encoding="utf-8")
    out = tmp_path / "report.sarif"
    result = run("check", "--format", "sarif", "--output-file", str(out), str(note))
    assert result.returncode == 1, result.stderr
    assert "report written to" in result.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_clean_input_exits_zero_and_usage_error_exits_two(tmp_path):
    assert run("check", "-", stdin="We met at 10:00 on 3 May at the library.\n").returncode == 0
    bad = run("check", "--format", "nope", "-", stdin="x")
    assert bad.returncode == 2
    assert "Invalid value" in bad.stderr


def test_stdin_text_report_ends_with_its_summary():
    result = run("check", "--no-color", "-", stdin="Next visit soon.\n")
    assert result.returncode == 1
    assert result.stdout.rstrip().splitlines()[-1].startswith("1 finding(s) in 1 note(s)")
