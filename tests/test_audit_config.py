"""`recordlint audit` chooses rules as `check` does: config file, then the command line; and --fail-on."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from helpers import one_line_error

FIX = Path(__file__).resolve().parent / "fixtures" / "audit"


def findings(out: Path) -> list[dict]:
    with open(out / "findings.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder holding a recordlint.yaml, as the current folder."""
    (tmp_path / ".git").mkdir()  # discovery stops at the repository root
    (tmp_path / "recordlint.yaml").write_text("select: [jargon]\nseverity:\n  jargon: error\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def audit(cli, *args, code=0):
    result = cli("audit", FIX / "export.csv", "--id-column", "case_id", "-q", *args)
    assert result.exit_code == code, result
    return result


def test_the_config_file_in_the_current_folder_chooses_the_rules(cli, project):
    audit(cli, "-o", "out")
    found = findings(project / "out")
    assert found and {f["category"] for f in found} == {"jargon"}
    assert {f["severity"] for f in found} == {"error"}
    about = summary(project / "out")["audit"]
    assert about["config"] == str(project / "recordlint.yaml")
    assert about["select"] == ["jargon"] and about["severity"] == {"jargon": "error"}


def test_isolated_and_config_options(cli, project, tmp_path):
    audit(cli, "-o", "isolated", "--isolated")
    assert len({f["category"] for f in findings(project / "isolated")}) > 2
    assert summary(project / "isolated")["audit"]["config"] is None
    other = project / "other.yaml"
    other.write_text("select: [vagueness]\n", encoding="utf-8")
    audit(cli, "-o", "other", "--config", other)
    assert {f["category"] for f in findings(project / "other")} == {"vagueness"}


def test_the_command_line_overrides_the_config(cli, project):
    audit(cli, "-o", "sel", "--select", "vagueness")
    assert {f["category"] for f in findings(project / "sel")} == {"vagueness"}
    audit(cli, "-o", "ext", "--extend-select", "opinion-as-fact")
    assert {f["category"] for f in findings(project / "ext")} == {"jargon", "opinion-as-fact"}


def test_pyproject_tool_table_is_found(cli, tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.recordlint]\nignore = ["jargon"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    audit(cli, "-o", "out")
    assert "jargon" not in {f["category"] for f in findings(tmp_path / "out")}


@pytest.mark.parametrize("text, expected", [
    ("selct: [jargon]\n", "recordlint.yaml:1: unknown key 'selct'"),
    ("select: [no-such-rule]\n", "key 'select'"),
    ("severity: {jargon: fatal}\n", "key 'severity.jargon' must be one of"),
])
def test_a_bad_config_stops_the_audit_before_anything_is_written(cli, project, text, expected):
    (project / "recordlint.yaml").write_text(text, encoding="utf-8")
    result = audit(cli, "-o", "out", code=2)
    assert expected in one_line_error(result.stderr)
    assert not (project / "out").exists()


def test_fail_on(cli, project):
    audit(cli, "-o", "a", "--fail-on", "error", code=1)  # the config makes jargon an error
    audit(cli, "-o", "b", "--fail-on", "never")
    audit(cli, "-o", "c")  # without --fail-on the exit status says only that the audit completed
    audit(cli, "-o", "d", "--fail-on", "error", "--isolated", "--select", "vagueness", code=0)
    audit(cli, "-o", "e", "--fail-on", "info", "--isolated", "--select", "vagueness", code=1)
    assert summary(project / "a")["audit"]["fail_on"] == "error"
