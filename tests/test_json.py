"""`--format json`: the schema documented in the core issue and README."""

from __future__ import annotations

import pytest

from helpers import pack, spans_ok
from recordlint import __version__

KINDS = ("--rules", pack("fx-kinds.yaml"), "--select", "fx-kinds")
FINDING_KEYS = {"rule", "category", "severity", "message", "start", "end", "line", "column", "text", "suggestions"}

NOTE_A = (
    "Home visit on 3 May.\n"
    "The Service User was at home; she presented as tired.\n"
    "We will commence the CIN plan and ascertain the XYZQ date.\n"
)
NOTE_B = "Nothing to report.\n"


@pytest.fixture
def report(cli, note):
    a = note(NOTE_A, "a.txt")
    b = note(NOTE_B, "b.txt")
    result = cli("check", *KINDS, "--format", "json", a, b)
    assert result.exit_code == 1, result
    return result.json(), {str(a): NOTE_A, str(b): NOTE_B}


def test_top_level_keys(report):
    data, _ = report
    assert {"version", "files", "summary"} <= set(data)
    # Only the documented keys, plus `notices` (skipped-rule messages) if present.
    assert set(data) - {"version", "files", "summary"} <= {"notices"}
    assert isinstance(data.get("notices", []), list)
    assert data["version"] == __version__


def test_file_entries(report):
    data, texts = report
    assert [f["path"] for f in data["files"]] == list(texts)
    for file in data["files"]:
        assert set(file) == {"path", "findings"}
        assert isinstance(file["findings"], list)
    assert data["files"][1]["findings"] == []


def test_finding_keys_and_types(report):
    data, _ = report
    findings = data["files"][0]["findings"]
    assert findings
    for f in findings:
        assert set(f) == FINDING_KEYS
        for key in ("rule", "category", "severity", "message", "text"):
            assert isinstance(f[key], str), key
        for key in ("start", "end", "line", "column"):
            assert isinstance(f[key], int) and not isinstance(f[key], bool), key
        assert isinstance(f["suggestions"], list) and all(isinstance(s, str) for s in f["suggestions"])
        assert f["severity"] in ("info", "warning", "error")
        assert f["line"] >= 1 and f["column"] >= 1


def test_offsets_lines_and_columns_match_the_text(report):
    data, texts = report
    for file in data["files"]:
        spans_ok(texts[file["path"]], file["findings"])


def test_expected_findings(report):
    data, _ = report
    got = [(f["rule"], f["text"], f["line"], f["column"]) for f in data["files"][0]["findings"]]
    assert got == [
        ("fx-kinds.absence", "", 1, 1),
        ("fx-kinds.phrase-lower", "Service User", 2, 5),
        ("fx-kinds.pattern", "presented as", 2, 35),
        ("fx-kinds.phrase-data", "commence", 3, 9),
        ("fx-kinds.acronym", "CIN", 3, 22),
        ("fx-kinds.phrase-data", "ascertain", 3, 35),
        ("fx-kinds.acronym", "XYZQ", 3, 49),
    ]


def test_finding_example_values(report):
    data, _ = report
    by_text = {f["text"]: f for f in data["files"][0]["findings"]}
    cin = by_text["CIN"]
    assert cin["category"] == "fx-acronym"
    assert cin["severity"] == "warning"
    assert cin["suggestions"] == ["Child in Need"]
    assert cin["end"] - cin["start"] == 3
    assert by_text["commence"]["severity"] == "info"
    assert by_text["commence"]["suggestions"] == ["start", "begin"]
    note_level = by_text[""]
    assert (note_level["start"], note_level["end"]) == (0, 0)
    assert note_level["suggestions"] == []


def test_findings_sorted_by_position(report):
    data, _ = report
    starts = [f["start"] for f in data["files"][0]["findings"]]
    assert starts == sorted(starts)


def test_summary_reconciles(report):
    data, _ = report
    findings = [f for file in data["files"] for f in file["findings"]]
    summary = data["summary"]
    assert set(summary) == {"files", "findings", "by_category"}
    assert summary["files"] == len(data["files"]) == 2
    assert summary["findings"] == len(findings) == 7
    counts: dict[str, int] = {}
    for f in findings:
        counts[f["category"]] = counts.get(f["category"], 0) + 1
    assert summary["by_category"] == counts
    assert sum(summary["by_category"].values()) == summary["findings"]


def test_stdin_path_is_dash(cli):
    text = "The service user is here.\n"
    result = cli("check", *KINDS, "--format", "json", "-", input=text)
    assert result.exit_code == 1, result
    data = result.json()
    assert [f["path"] for f in data["files"]] == ["-"]
    (finding,) = data["files"][0]["findings"]
    assert finding["text"] == "service user"
    spans_ok(text, [finding])


def test_clean_run_json(cli, note):
    result = cli("check", *KINDS, "--format", "json", note("Nothing to report.\n"))
    assert result.exit_code == 0
    data = result.json()
    assert data["summary"] == {"files": 1, "findings": 0, "by_category": {}}


def test_json_stdout_is_only_json(cli, note):
    # the text reporter's lines must not leak into the JSON stream
    result = cli("check", *KINDS, "--format", "json", note("The placement.\n"))
    assert result.stdout.lstrip().startswith("{")
    assert result.stdout.rstrip().endswith("}")
    result.json()


def test_offsets_count_characters_not_bytes(cli, note):
    text = "Zoë’s placement.\n"
    result = cli("check", *KINDS, "--format", "json", note(text))
    (finding,) = result.json()["files"][0]["findings"]
    assert finding["text"] == "placement"
    assert finding["start"] == text.index("placement")
