"""`recordlint audit` end to end: every input format, every output, the broken-export cases and --no-text."""

from __future__ import annotations

import csv
import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from helpers import one_line_error

FIX = Path(__file__).resolve().parent / "fixtures" / "audit"
OUTPUTS = ("findings.csv", "records.csv", "summary.json", "report.html")
SUMMARY_KEYS = {"records_read", "records_checked", "records_skipped", "skipped", "findings", "by_category",
                "by_rule", "by_group", "recordlint_version", "rule_packs", "started", "finished", "score",
                "inputs", "audit", "lowest_scoring", "warnings"}


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def header(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle))


def fixture_notes() -> list[dict]:
    return read_csv(FIX / "export.csv")


def run_audit(cli, out: Path, *args, code: int = 0):
    result = cli("audit", *args, "--output-dir", out)
    assert result.exit_code == code, result
    return result


def outputs_reconcile(out: Path) -> dict:
    """Every output is there and the counts agree with each other; returns the summary."""
    for name in OUTPUTS:
        assert (out / name).is_file(), name
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert SUMMARY_KEYS <= set(summary)
    assert summary["records_read"] == summary["records_checked"] + summary["records_skipped"]
    assert len(summary["skipped"]) == summary["records_skipped"]
    findings = read_csv(out / "findings.csv")
    records = read_csv(out / "records.csv")
    assert len(findings) == summary["findings"]
    assert len(records) == summary["records_checked"]
    assert sum(int(r["findings"]) for r in records) == summary["findings"]
    assert sum(summary["by_category"].values()) == summary["findings"]
    assert sum(summary["by_rule"].values()) == summary["findings"]
    per_input = summary["inputs"]
    assert sum(i["records_read"] for i in per_input) == summary["records_read"]
    assert sum(i["records_checked"] for i in per_input) == summary["records_checked"]
    for r in records:
        assert 0 <= int(r["score"]) <= 100
    for name, values in summary["by_group"].items():
        assert sum(v["records"] for v in values.values()) == summary["records_checked"], name
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    return summary


# --- one export, every output ------------------------------------------------

def test_csv_export_end_to_end(cli, tmp_path):
    out = tmp_path / "out"
    result = run_audit(cli, out, FIX / "export.csv", "--id-column", "case_id", "--group-by", "team",
                       "--jobs", "1")
    summary = outputs_reconcile(out)
    assert summary["records_read"] == summary["records_checked"] == 5
    assert summary["records_skipped"] == 0 and summary["skipped"] == []
    assert summary["audit"]["complete"] is True
    assert set(summary["by_group"]["team"]) == {"North", "South", "East"}
    assert summary["by_group"]["team"]["North"]["records"] == 2
    assert {"jargon", "vagueness", "opinion-as-fact"} <= set(summary["by_category"])
    assert [p["pack"] for p in summary["rule_packs"]]
    assert "records read" in result.stdout and "findings" in result.stdout

    notes = {n["Case_ID"]: n for n in fixture_notes()}
    records = read_csv(out / "records.csv")
    assert [r["record_id"] for r in records] == list(notes)  # input order
    assert [r["row"] for r in records] == ["2", "3", "4", "5", "6"]  # spreadsheet rows: header is row 1
    assert all(r["team"] == notes[r["record_id"]]["Team"] for r in records)
    findings = read_csv(out / "findings.csv")
    assert list(findings[0]) == ["record_id", "source", "row", "team", "rule", "category", "severity", "line",
                                 "column", "start", "end", "text", "message", "suggestion"]
    for f in findings:
        note = notes[f["record_id"]]["Note"]
        start, end = int(f["start"]), int(f["end"])
        assert note[start:end] == f["text"], f
        assert f["line"] == str(note[:start].count("\n") + 1)
    # the note with nothing wrong scores 100, the poor one less
    scores = {r["record_id"]: int(r["score"]) for r in records}
    assert scores["S-1"] == 100 and scores["N-2"] < 50
    assert summary["lowest_scoring"][0]["id"] == "N-2"


def _gzip(src: Path, dest: Path) -> Path:
    dest.write_bytes(gzip.compress(src.read_bytes()))
    return dest


def _xlsx(dest: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["CASE_ID", "team", "service", "note"])
    for n in fixture_notes():
        sheet.append([n["Case_ID"], n["Team"], n["Service"], n["Note"]])
    book.save(dest)
    return dest


def _folder(dest: Path) -> Path:
    import docx

    dest.mkdir()
    notes = fixture_notes()
    (dest / "a.txt").write_text(notes[0]["Note"], encoding="utf-8")
    (dest / "sub").mkdir()
    (dest / "sub" / "b.md").write_text(notes[1]["Note"], encoding="utf-8")
    (dest / "c.txt").write_bytes(notes[2]["Note"].encode("cp1252"))
    document = docx.Document()
    for line in notes[3]["Note"].split("\n"):
        document.add_paragraph(line)
    document.save(dest / "d.docx")
    (dest / "e.txt").write_text(notes[4]["Note"], encoding="utf-8")
    (dest / "ignored.pdf").write_bytes(b"%PDF-1.4")
    return dest


FORMATS = {
    "csv": lambda tmp: FIX / "export.csv",
    "tsv": lambda tmp: FIX / "export.tsv",
    "jsonl": lambda tmp: FIX / "export.jsonl",
    "csv.gz": lambda tmp: _gzip(FIX / "export.csv", tmp / "export.csv.gz"),
    "tsv.gz": lambda tmp: _gzip(FIX / "export.tsv", tmp / "export.tsv.gz"),
    "jsonl.gz": lambda tmp: _gzip(FIX / "export.jsonl", tmp / "export.jsonl.gz"),
    "xlsx": lambda tmp: _xlsx(tmp / "export.xlsx"),
    "folder": lambda tmp: _folder(tmp / "notes"),
}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_gives_the_same_findings(cli, tmp_path, fmt):
    """The same five notes in each format: the same records, findings and rules, and outputs that reconcile."""
    run_audit(cli, tmp_path / "base", FIX / "export.csv")
    base = outputs_reconcile(tmp_path / "base")
    export = FORMATS[fmt](tmp_path)
    args = [export] if fmt == "folder" else [export, "--group-by", "TEAM"]
    run_audit(cli, tmp_path / "out", *args)
    summary = outputs_reconcile(tmp_path / "out")
    assert summary["records_read"] == summary["records_checked"] == 5
    assert summary["by_rule"] == base["by_rule"]
    assert summary["inputs"][0]["format"] == {"folder": "folder"}.get(fmt, fmt)
    if fmt != "folder":
        assert set(summary["by_group"]["TEAM"]) == {"North", "South", "East"}


def test_folder_records_are_files(cli, tmp_path):
    folder = _folder(tmp_path / "notes")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"abc\x00def")
    (folder / "broken.docx").write_bytes(b"not a zip")
    (folder / ".hidden.txt").write_text("Discussed the CIN plan.", encoding="utf-8")
    (folder / "f.txt").write_bytes("Met Mum at the café.".encode("cp1252"))
    run_audit(cli, tmp_path / "out", folder)
    summary = outputs_reconcile(tmp_path / "out")
    assert summary["records_read"] == 9 and summary["records_checked"] == 6
    reasons = {Path(s["source"]).name: s["reason"] for s in summary["skipped"]}
    assert reasons["empty.txt"] == "empty text"
    assert "NUL" in reasons["binary.txt"]
    assert "docx" in reasons["broken.docx"]
    assert all(s["row"] is None for s in summary["skipped"])
    ids = [r["record_id"] for r in read_csv(tmp_path / "out" / "records.csv")]
    assert ids == ["a.txt", "c.txt", "d.docx", "e.txt", "f.txt", "sub/b.md"]
    warned = {w["id"]: w["warning"] for w in summary["warnings"]}
    assert list(warned) == ["f.txt"] and "cp1252" in warned["f.txt"]


def test_several_inputs_in_order(cli, tmp_path):
    run_audit(cli, tmp_path / "out", FIX / "export.csv", FIX / "export.jsonl", "--id-column", "case_id")
    summary = outputs_reconcile(tmp_path / "out")
    assert summary["records_read"] == 10
    assert [i["records_read"] for i in summary["inputs"]] == [5, 5]
    sources = [Path(r["source"]).name for r in read_csv(tmp_path / "out" / "records.csv")]
    assert sources == ["export.csv"] * 5 + ["export.jsonl"] * 5


# --- the deliberately broken exports ----------------------------------------

def test_broken_csv_reconciles(cli, tmp_path):
    out = tmp_path / "out"
    run_audit(cli, out, FIX / "broken.csv", "--id-column", "case_id", "--group-by", "team")
    summary = outputs_reconcile(out)
    assert summary["records_read"] == 10
    assert summary["records_checked"] == 6
    assert summary["records_skipped"] == 4
    skipped = [(s["row"], s["id"], s["reason"]) for s in summary["skipped"]]
    assert skipped == [
        (3, "B2", "empty text"),
        (4, "", "expected 3 fields, found 4 (line 4)"),
        (5, "", "expected 3 fields, found 2 (line 5)"),
        (6, "B5", "empty text"),
    ]
    assert all(s["source"].endswith("broken.csv") for s in summary["skipped"])
    records = {r["record_id"]: r for r in read_csv(out / "records.csv")}
    assert list(records) == ["B1", "B6", "B7", "B8", "B9", "B10"]
    assert records["B6"]["row"] == "8"  # a two-line note is one row
    assert records["B7"]["warnings"] == "not UTF-8: read as cp1252"
    assert "U+FFFD" in records["B8"]["warnings"]
    assert records["B9"]["warnings"] == "NUL bytes removed"
    assert summary["warnings_total"] == 3
    findings = read_csv(out / "findings.csv")
    assert any(f["record_id"] == "B6" and f["text"] == "LAC review" and f["line"] == "2" for f in findings)


def test_broken_jsonl_reconciles(cli, tmp_path):
    out = tmp_path / "out"
    run_audit(cli, out, FIX / "broken.jsonl", "--id-column", "id", "--group-by", "team")
    summary = outputs_reconcile(out)
    assert (summary["records_read"], summary["records_checked"], summary["records_skipped"]) == (8, 2, 6)
    reasons = {s["row"]: s["reason"] for s in summary["skipped"]}
    assert reasons[2] == "empty text"
    assert reasons[3].startswith("malformed JSON (Unterminated string")
    assert reasons[4] == "not a JSON object (a JSON array)"
    assert reasons[5] == "no 'note' key (the text column)"
    assert reasons[6] == "'note' is not text (a JSON object)"
    assert reasons[7] == "empty text"
    records = read_csv(out / "records.csv")
    assert [(r["record_id"], r["row"], r["team"]) for r in records] == [("J1", "1", "North"), ("8", "9", "West")]


def test_truncated_gzip_costs_the_rest_of_the_file_not_the_run(cli, tmp_path):
    rows = [["case_id", "note"]] + [[f"R{i}", f"Visit {i}: discussed the CIN plan with Mum on {i} March."]
                               for i in range(3000)]
    plain = tmp_path / "big.csv"
    with open(plain, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    data = gzip.compress(plain.read_bytes())
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(data[: len(data) // 2])
    run_audit(cli, tmp_path / "out", cut, FIX / "export.csv", "--id-column", "case_id")
    summary = outputs_reconcile(tmp_path / "out")
    last = [s for s in summary["skipped"] if s["source"].endswith("cut.csv.gz")]
    assert len(last) == 1
    assert "ends early" in last[0]["reason"] and "rest of the file could not be read" in last[0]["reason"]
    assert 0 < summary["inputs"][0]["records_checked"] < 3000
    assert summary["inputs"][1]["records_checked"] == 5  # the next input is still read


# --- errors that stop the audit at once ---------------------------------------

def test_missing_text_column_lists_the_columns(cli, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("id,team,comments\n1,North,Discussed the CIN plan.\n", encoding="utf-8")
    result = run_audit(cli, tmp_path / "out", export, code=2)
    line = one_line_error(result.stderr)
    assert str(export) in line and "no text column" in line
    assert "columns found: id, team, comments" in line
    assert not (tmp_path / "out").exists()  # failed before writing anything


def test_named_text_column_missing(cli, tmp_path):
    result = run_audit(cli, tmp_path / "out", FIX / "export.csv", "--text-column", "narrative", code=2)
    line = one_line_error(result.stderr)
    assert "no text column 'narrative'" in line and "Case_ID, Team, Service, Note" in line


@pytest.mark.parametrize("option", ["--id-column", "--group-by"])
def test_missing_id_or_group_column(cli, tmp_path, option):
    result = run_audit(cli, tmp_path / "out", FIX / "export.csv", option, "worker", code=2)
    assert f"'worker' ({option})" in one_line_error(result.stderr)


def test_headerless_export_does_not_print_the_note(cli, tmp_path):
    export = tmp_path / "export.csv"
    secret = "Jasmine said her stepdad hits her when Mum is at work and she is scared to go home tonight"
    export.write_text(f'1,North,"{secret}"\n2,South,"Another note"\n', encoding="utf-8")
    result = run_audit(cli, tmp_path / "out", export, code=2)
    line = one_line_error(result.stderr)
    assert "is the first row a header?" in line
    assert "stepdad" not in result.output


@pytest.mark.parametrize("name,content,expected", [
    ("missing.csv", None, "no such file or folder"),
    ("notes.pdf", b"%PDF", "unknown kind of export"),
    ("old.xls", b"\xd0\xcf\x11\xe0", "old .xls workbooks are not supported"),
    ("fake.csv.gz", b"id,note\n1,hello\n", "not a gzip file"),
    ("fake.xlsx", b"id,note\n", "not a readable .xlsx workbook"),
    ("array.jsonl", b'[{"note": "x"}]\n', "a JSON array"),
    ("thing.gz", gzip.compress(b"x"), "gzip file of unknown kind"),
])
def test_unreadable_inputs_are_one_line_errors(cli, tmp_path, name, content, expected):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run_audit(cli, tmp_path / "out", path, code=2)
    line = one_line_error(result.stderr)
    assert str(path) in line and expected in line, line


def test_no_inputs(cli, tmp_path):
    result = run_audit(cli, tmp_path / "out", code=2)
    assert "no input" in one_line_error(result.stderr)


def test_bad_delimiter(cli, tmp_path):
    result = run_audit(cli, tmp_path / "out", FIX / "export.csv", "--delimiter", "ab", code=2)
    assert "--delimiter" in one_line_error(result.stderr)


def test_output_dir_that_is_a_file(cli, tmp_path):
    target = tmp_path / "taken"
    target.write_text("x")
    result = run_audit(cli, target, FIX / "export.csv", code=2)
    assert "is a file" in one_line_error(result.stderr)


def test_refuses_to_overwrite_an_input(cli, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(FIX / "export.csv", out / "records.csv")
    result = run_audit(cli, out, out / "records.csv", code=2)
    assert "would be overwritten" in one_line_error(result.stderr)


def test_bad_select_is_one_line_error(cli, tmp_path):
    result = run_audit(cli, tmp_path / "out", FIX / "export.csv", "--select", "no-such-rule", code=2)
    assert "no-such-rule" in one_line_error(result.stderr)


# --- options ------------------------------------------------------------------

def test_default_text_columns(cli, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("ID,Body\n1,Discussed the CIN plan.\n", encoding="utf-8")
    run_audit(cli, tmp_path / "out", export)
    summary = outputs_reconcile(tmp_path / "out")
    assert summary["records_checked"] == 1 and summary["by_rule"] == {"jargon.acronym": 1}
    assert read_csv(tmp_path / "out" / "records.csv")[0]["record_id"] == "export.csv:2"


def test_delimiter_option_and_sniffing(cli, tmp_path):
    export = tmp_path / "export.txt.csv"
    export.write_text("id|note\n1|Discussed the CIN plan, and the S47.\n", encoding="utf-8")
    run_audit(cli, tmp_path / "sniffed", export)
    assert outputs_reconcile(tmp_path / "sniffed")["findings"] == 2
    run_audit(cli, tmp_path / "given", export, "--delimiter", "|")
    assert outputs_reconcile(tmp_path / "given")["findings"] == 2


def test_limit(cli, tmp_path):
    run_audit(cli, tmp_path / "out", FIX / "broken.csv", "--limit", "3")
    summary = outputs_reconcile(tmp_path / "out")
    assert summary["records_read"] == 3 and summary["records_checked"] == 1 and summary["records_skipped"] == 2


def test_select_and_ignore(cli, tmp_path):
    run_audit(cli, tmp_path / "out", FIX / "export.csv", "--select", "jargon", "--ignore", "jargon.acronym")
    summary = outputs_reconcile(tmp_path / "out")
    assert set(summary["by_category"]) == {"jargon"} and "jargon.acronym" not in summary["by_rule"]
    columns = header(tmp_path / "out" / "records.csv")
    assert "jargon" in columns and "vagueness" not in columns


def test_quiet_prints_nothing(cli, tmp_path):
    result = run_audit(cli, tmp_path / "out", FIX / "export.csv", "--quiet")
    assert result.stdout == "" and result.stderr == ""


def test_group_column_names_that_clash_are_prefixed(cli, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("id,score,note\n1,high,Discussed the CIN plan.\n", encoding="utf-8")
    run_audit(cli, tmp_path / "out", export, "--group-by", "score")
    columns = header(tmp_path / "out" / "records.csv")
    assert columns.count("score") == 1 and "group:score" in columns


def test_cells_that_look_like_formulas_are_defused(cli, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text('id,team,note\n=HYPERLINK("x"),@team,Discussed the CIN plan.\n', encoding="utf-8")
    run_audit(cli, tmp_path / "out", export, "--id-column", "id", "--group-by", "team")
    record = read_csv(tmp_path / "out" / "records.csv")[0]
    assert record["record_id"] == "'=HYPERLINK(\"x\")" and record["team"] == "'@team"
    summary = outputs_reconcile(tmp_path / "out")
    assert summary["lowest_scoring"][0]["id"] == '=HYPERLINK("x")'  # JSON keeps the value as it is


# --- nothing leaked -----------------------------------------------------------

NOTE_ONLY_WORDS = ("Jasmine", "Doyle", "Dad shouts", "cluttered", "GP surgery", "I like school")


def test_no_text_keeps_note_text_out_of_every_output(cli, tmp_path):
    run_audit(cli, tmp_path / "with", FIX / "export.csv", "--id-column", "case_id", "--group-by", "team")
    matched = {f["text"] for f in read_csv(tmp_path / "with" / "findings.csv") if f["text"]}
    assert {"CIN", "HV", "manipulative"} & {m.split()[-1] for m in matched}

    out = tmp_path / "without"
    run_audit(cli, out, FIX / "export.csv", "--id-column", "case_id", "--group-by", "team", "--no-text")
    summary = outputs_reconcile(out)
    assert summary["audit"]["no_text"] is True
    findings = read_csv(out / "findings.csv")
    assert findings and all(f["text"] == "" for f in findings)
    for f in findings:
        for text in matched:
            assert f"'{text}'" not in f["message"], f
    assert any("…" in f["message"] for f in findings)
    for name in OUTPUTS:
        content = (out / name).read_text(encoding="utf-8-sig")
        for words in NOTE_ONLY_WORDS:
            assert words not in content, (name, words)
    for note in summary["lowest_scoring"]:
        assert all(f["text"] == "" for f in note["findings"])
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<th>text</th>" not in html
    # ids, rules and offsets are still there
    assert {f["record_id"] for f in findings} <= {n["Case_ID"] for n in fixture_notes()}
    assert all(f["start"].isdigit() and f["rule"] for f in findings)


def test_nothing_is_written_outside_the_output_dir(cli, tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    shutil.copy(FIX / "export.csv", work / "export.csv")
    cache, home = tmp_path / "cache", tmp_path / "home"
    cache.mkdir()
    home.mkdir()
    result = cli("audit", "export.csv", "--output-dir", "audit-out", "--jobs", "1",
                 env={"XDG_CACHE_HOME": str(cache), "HOME": str(home), "RECORDLINT_NO_CACHE": None})
    assert result.exit_code == 0, result
    assert sorted(p.name for p in work.iterdir()) == ["audit-out", "export.csv"]
    assert sorted(p.name for p in (work / "audit-out").iterdir()) == sorted(OUTPUTS)
    assert list(cache.iterdir()) == [] and list(home.iterdir()) == []  # not even the rule-pack cache
    import os

    assert "RECORDLINT_NO_CACHE" not in os.environ  # the audit's own setting does not leak out


def test_default_output_dir(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("audit", FIX / "export.csv", "-q")
    assert result.exit_code == 0, result
    outputs_reconcile(tmp_path / "recordlint-audit")


# --- report.html --------------------------------------------------------------

NETWORK = re.compile(r"(?i)<script|<link|<img|<iframe|src\s*=|@import|url\(|//[a-z0-9.-]+\.[a-z]{2,}")


def test_report_html_is_self_contained_with_its_charts(cli, tmp_path):
    run_audit(cli, tmp_path / "out", FIX / "export.csv", "--id-column", "case_id", "--group-by", "team",
              "--group-by", "service")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    # four charts: categories, one per group (2), and the score distribution
    assert html.count("<svg") == 4
    for heading in ("Headline figures", "Findings by category", "By team", "By service",
                    "Top rules, and why they matter", "Distribution of note scores", "lowest-scoring notes",
                    "Skipped records", "Rule packs"):
        assert heading in html, heading
    assert 'aria-label="Findings per category"' in html
    assert 'aria-label="Notes per score band"' in html
    # nothing loads from anywhere: the only URLs are rule links in plain anchors
    without_links = re.sub(r'<a href="https?://[^"]*" rel="noreferrer noopener">more</a>', "", html)
    assert not NETWORK.search(without_links), NETWORK.search(without_links)
    assert "http" not in without_links
    assert "Evidence-based" in html or "Jargon free" in html  # the rules' "why"


def test_report_html_escapes_everything(cli, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text('id,team,note\n"<b>1</b>","<script>alert(1)</script>","Discussed the CIN plan & <i>S47</i>."\n',
                      encoding="utf-8")
    run_audit(cli, tmp_path / "out", export, "--id-column", "id", "--group-by", "team")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "<b>1</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;1&lt;/b&gt;" in html


def test_report_lists_skipped_records(cli, tmp_path):
    run_audit(cli, tmp_path / "out", FIX / "broken.csv", "--id-column", "case_id")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "Skipped records (4)" in html
    assert "expected 3 fields, found 4 (line 4)" in html
