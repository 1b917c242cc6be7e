"""Baselines: --write-baseline records today's findings, --baseline reports only new ones."""

from __future__ import annotations

import json
import re

import pytest

from helpers import FIXTURES, one_line_error

CI_PACK = FIXTURES / "ci" / "packs" / "ci.yaml"
CI = ("--isolated", "--rules", CI_PACK, "--select", "ci.")

NOTE = (
    "Zephyrine Quondam met Harold Wexley on Tuesday.\n"
    "The plan was a bravo idea from the review.\n"
    "Nothing else happened.\n"
    "A charlie remark was made by Quillon Brastock.\n"
)


@pytest.fixture
def work(tmp_path, monkeypatch):
    """cwd = tmp_path; returns a writer for relative note paths."""
    monkeypatch.chdir(tmp_path)

    def write(text: str, name: str = "note.txt"):
        with open(name, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        return name

    return write


def new_findings(cli, *paths, baseline="baseline.json", fail_on=None):
    args = ["check", *CI, "--format", "json", "--baseline", baseline]
    if fail_on:
        args += ["--fail-on", fail_on]
    result = cli(*args, *paths)
    assert result.exit_code in (0, 1), result
    return result, [(f["line"], f["rule"], f["text"]) for file in result.json()["files"] for f in file["findings"]]


def write_baseline(cli, *paths, baseline="baseline.json"):
    result = cli("check", *CI, "--write-baseline", baseline, *paths)
    assert result.exit_code == 0, result
    return result


def test_write_then_check_reports_nothing(cli, work):
    path = work(NOTE)
    first = write_baseline(cli, path)
    assert "2 finding(s)" in first.stderr
    result, found = new_findings(cli, path)
    assert found == []
    assert result.exit_code == 0


def test_write_baseline_exits_0_even_with_findings_and_still_reports(cli, work):
    path = work(NOTE)
    result = cli("check", *CI, "--format", "json", "--write-baseline", "baseline.json", path)
    assert result.exit_code == 0, result
    assert [f["rule"] for f in result.json()["files"][0]["findings"]] == ["ci.bravo", "ci.charlie"]


def test_inserting_lines_above_does_not_resurrect_old_findings(cli, work):
    path = work(NOTE)
    write_baseline(cli, path)
    work("A new first line.\nAnd a second one.\n\n" + NOTE.replace("Nothing else", "Nothing more"))
    result, found = new_findings(cli, path)
    assert found == []
    assert result.exit_code == 0


def test_inserting_a_title_does_not_resurrect_a_note_level_finding(cli, work):
    # A note-level finding (start == end == 0) has no sentence of its own; giving the
    # handout a title line must not turn the accepted finding into a "new" one.
    path = work("Home visit on Monday.\nThe flat was tidy.\n")
    write_baseline(cli, path)
    assert new_findings(cli, path)[1] == []
    work("Week 3 notes\n\nHome visit on Monday.\nThe flat was tidy.\n")
    result, found = new_findings(cli, path)
    assert found == []
    assert result.exit_code == 0


def test_a_new_finding_is_reported(cli, work):
    path = work(NOTE)
    write_baseline(cli, path)
    work(NOTE + "Another bravo sentence appeared.\n")
    result, found = new_findings(cli, path)
    assert found == [(5, "ci.bravo", "bravo")]
    assert result.exit_code == 1


def test_a_changed_sentence_is_reported(cli, work):
    path = work(NOTE)
    write_baseline(cli, path)
    work(NOTE.replace("The plan was a bravo idea", "The new plan was a bravo idea"))
    _, found = new_findings(cli, path)
    assert found == [(2, "ci.bravo", "bravo")]


def test_a_fixed_finding_just_disappears(cli, work):
    path = work(NOTE)
    write_baseline(cli, path)
    work(NOTE.replace("A charlie remark", "A remark"))
    result, found = new_findings(cli, path)
    assert found == []
    assert result.exit_code == 0


def test_duplicate_identical_findings_are_counted(cli, work):
    path = work("Same bravo line.\nSame bravo line.\n")
    write_baseline(cli, path)
    data = json.loads(open("baseline.json", encoding="utf-8").read())
    assert len(data["findings"]) == 2
    assert new_findings(cli, path)[1] == []
    work("Same bravo line.\nSame bravo line.\nSame bravo line.\n")
    _, found = new_findings(cli, path)
    assert len(found) == 1 and found[0][1:] == ("ci.bravo", "bravo")


def test_two_matches_in_one_sentence_are_counted(cli, work):
    path = work("A bravo and a bravo.\n")
    write_baseline(cli, path)
    assert new_findings(cli, path)[1] == []
    work("A bravo and a bravo and a bravo.\n")  # the sentence changed: all three are new
    assert len(new_findings(cli, path)[1]) == 3


def test_same_finding_in_another_file_is_new(cli, work):
    a = work(NOTE, "a.txt")
    write_baseline(cli, a)
    b = work(NOTE, "b.txt")
    _, found = new_findings(cli, a, b)
    assert found == [(2, "ci.bravo", "bravo"), (4, "ci.charlie", "charlie")]


def test_baseline_respects_suppressions_and_unused_ones(cli, work):
    path = work("# recordlint-disable-next-line ci.bravo\nA bravo.\n# recordlint-disable-next-line ci.alpha\nok.\n")
    write_baseline(cli, path)
    result, found = new_findings(cli, path, fail_on="info")
    assert found == []
    assert result.exit_code == 0


def test_baseline_works_with_markdown(cli, work):
    path = work("# Title\n\n```\nbravo\n```\n\nA bravo here.\n", "n.md")
    write_baseline(cli, path)
    work("# Title\n\nA new paragraph.\n\n```\nbravo\n```\n\nA bravo here.\n", "n.md")
    assert new_findings(cli, path)[1] == []


def test_baseline_with_other_formats(cli, work):
    path = work(NOTE)
    write_baseline(cli, path)
    work(NOTE + "One more charlie.\n")
    result = cli("check", *CI, "--format", "concise", "--baseline", "baseline.json", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"{path}:5:10: ci-b ci.charlie 'charlie' is an error word"]


def test_baseline_file_holds_no_note_text(cli, work):
    path = work(NOTE)
    write_baseline(cli, path)
    raw = open("baseline.json", encoding="utf-8").read()
    for word in ("Zephyrine", "Quondam", "Harold", "Wexley", "Tuesday", "plan", "idea", "review",
                 "remark", "Quillon", "Brastock", "happened"):
        assert word.lower() not in raw.lower(), word
    data = json.loads(raw)
    assert data["findings"], data
    for entry in data["findings"]:
        assert set(entry) <= {"fingerprint", "rule", "path", "line"}
        assert entry["rule"] in ("ci.bravo", "ci.charlie")
        assert entry["path"] == "note.txt"
        assert re.fullmatch(r"[0-9a-f]{16,64}", entry["fingerprint"])
    # Nothing else in the file carries free text.
    assert set(data) - {"findings"} <= {"recordlint", "kind", "version"}


def test_missing_baseline_is_exit_2_one_line(cli, work):
    path = work(NOTE)
    result = cli("check", *CI, "--baseline", "nope.json", path)
    assert result.exit_code == 2
    assert "nope.json" in one_line_error(result.stderr)


@pytest.mark.parametrize("content", [
    "not json at all",
    "{\"findings\": 3}",
    "{\"kind\": \"something-else\", \"findings\": []}",
    "[]",
    "\"a string\"",
    "\xff\xfe",
])
def test_corrupt_baseline_is_exit_2_one_line(cli, work, content):
    path = work(NOTE)
    with open("bad.json", "w", encoding="latin-1") as fh:
        fh.write(content)
    result = cli("check", *CI, "--baseline", "bad.json", path)
    assert result.exit_code == 2, result
    assert "bad.json" in one_line_error(result.stderr)


def test_unwritable_baseline_is_exit_2_one_line(cli, work, tmp_path):
    path = work(NOTE)
    target = tmp_path / "no-such-folder" / "baseline.json"
    result = cli("check", *CI, "--write-baseline", target, path)
    assert result.exit_code == 2
    assert "baseline.json" in one_line_error(result.stderr)
