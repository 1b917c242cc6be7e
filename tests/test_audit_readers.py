"""The audit's readers, one format at a time: rows, ids, columns, encodings and what gets skipped."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest

from recordlint.audit.model import Read, Skipped
from recordlint.audit.options import AuditOptions
from recordlint.audit.read_csv import sniff_delimiter
from recordlint.audit.readers import decode_line, describe_columns, open_source, plan_columns
from recordlint.errors import InputError

FIX = Path(__file__).resolve().parent / "fixtures" / "audit"


def items(path, **options):
    source = open_source(str(path), AuditOptions(inputs=(str(path),), **options))
    source.prepare()
    return source, list(source.items())


def summary_of(found):
    return [(i.record.row, i.record.id, i.record.text) if isinstance(i, Read) else (i.row, i.id, i.reason)
            for i in found]


# --- columns -----------------------------------------------------------------

def test_columns_match_case_insensitively_and_default_text_names():
    opts = AuditOptions(inputs=(), id_column="case_id", group_by=("TEAM",))
    plan = plan_columns("x.csv", ["Case_ID ", "Team", "Narrative"], opts)
    assert (plan.text, plan.id, plan.groups) == (2, 0, (("TEAM", 1),))
    # the default names, in order of preference
    assert plan_columns("x.csv", ["body", "note"], AuditOptions(inputs=())).text == 1
    assert plan_columns("x.csv", ["\ufeffcase_note"], AuditOptions(inputs=())).text == 0


def test_missing_column_lists_what_was_found():
    with pytest.raises(InputError) as err:
        plan_columns("x.csv", ["id", "comments"], AuditOptions(inputs=()))
    message = str(err.value)
    assert message.startswith("x.csv: no text column (looked for note, text, body, narrative, case_note")
    assert message.endswith("columns found: id, comments")


def test_describe_columns_never_prints_a_note():
    note = "Mum said that she has not slept since the baby came home and she cannot cope any more"
    shown = describe_columns(["1", "North", note, "line one\nline two"])
    assert "Mum" not in shown and "line one" not in shown
    assert shown.count("is the first row a header?") == 2
    assert describe_columns([]) == "no columns found"


@pytest.mark.parametrize("line,expected", [
    ("id,team,note\r\n", ","),
    ("id;team;note\n", ";"),
    ("id\tteam\tnote\n", "\t"),
    ("id|team|note\n", "|"),
    ('"a,b";c;d\n', ";"),  # commas inside quotes do not count
    ("note\n", ","),
])
def test_sniff_delimiter(line, expected):
    assert sniff_delimiter(line) == expected


@pytest.mark.parametrize("raw,text,warning", [
    (b"plain\n", "plain\n", None),
    ("caf\u00e9\n".encode("utf-8"), "caf\u00e9\n", None),
    (b"caf\xe9\n", "caf\u00e9\n", "not UTF-8: read as cp1252"),
    (b"\xc3\xbc and \xff\n", "\u00fc and \ufffd\n", "bytes that are not UTF-8 replaced with U+FFFD"),
    (b"a\x00b\n", "ab\n", "NUL bytes removed"),
    (b"\x81\n", "\ufffd\n", "bytes that are not UTF-8 replaced with U+FFFD"),  # undefined in cp1252 too
])
def test_decode_line(raw, text, warning):
    assert decode_line(raw) == (text, warning)


# --- CSV ---------------------------------------------------------------------

def test_csv_rows_ids_and_groups(tmp_path):
    path = tmp_path / "e.csv"
    path.write_bytes(b'\xef\xbb\xbfID,Team,Note\r\n7,North,"one\r\ntwo"\r\n,South,three\r\n')
    _, found = items(path, id_column="id", group_by=("team",))
    assert [(i.record.row, i.record.id, i.record.text, i.record.fields) for i in found] == [
        (2, "7", "one\ntwo", (("team", "North"),)),
        (3, "e.csv:3", "three", (("team", "South"),)),  # no id: file name and row
    ]


def test_csv_gzip_found_by_its_bytes(tmp_path):
    path = tmp_path / "e.csv"  # gzip without .gz in the name
    path.write_bytes(gzip.compress(b"id,note\n1,hello there\n"))
    source, found = items(path)
    assert source.format == "csv.gz"
    assert summary_of(found) == [(2, "e.csv:2", "hello there")]


def test_utf16_tsv_as_excel_writes_it(tmp_path):
    path = tmp_path / "e.tsv"
    path.write_bytes("id\tnote\r\n1\tMet Zoë at the café\r\n".encode("utf-16"))
    _, found = items(path)
    assert summary_of(found) == [(2, "e.tsv:2", "Met Zoë at the café")]


def test_empty_and_header_only_files_have_no_records(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert items(empty)[1] == []
    header = tmp_path / "header.csv"
    header.write_bytes(b"id,note\n")
    source, found = items(header)
    assert found == [] and source.count() == 0


def test_csv_count_for_the_progress_bar():
    source = open_source(str(FIX / "broken.csv"), AuditOptions(inputs=()))
    source.prepare()
    assert source.count() == 10  # records, not lines: the blank line is none, the two-line note is one
    assert len(list(source.items())) == 10


# --- JSON Lines --------------------------------------------------------------

def test_jsonl_values_become_text(tmp_path):
    path = tmp_path / "e.jsonl"
    path.write_text('{"id": 12, "team": null, "ok": true, "note": "text"}\n'
                    '{"id": 1.5, "team": ["a"], "note": 42}\n', encoding="utf-8")
    _, found = items(path, id_column="id", group_by=("team",))
    assert [(i.record.id, i.record.text, i.record.fields) for i in found] == [
        ("12", "text", (("team", ""),)),
        ("1.5", "42", (("team", '["a"]'),)),
    ]


def test_jsonl_deeply_nested_line_is_skipped(tmp_path):
    path = tmp_path / "e.jsonl"
    path.write_text('{"note": "first"}\n' + "[" * 100_000 + "\n", encoding="utf-8")
    _, found = items(path)
    assert isinstance(found[1], Skipped) and found[1].reason.startswith("malformed JSON")


def test_jsonl_with_no_object_at_all(tmp_path):
    path = tmp_path / "e.jsonl"
    path.write_text("1\n2\n", encoding="utf-8")
    _, found = items(path)
    assert [(s.row, s.reason) for s in found] == [(1, "not a JSON object"), (2, "not a JSON object")]


# --- XLSX --------------------------------------------------------------------

def _book(path: Path, rows, sheet_title=None, extra_sheet=False):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    if extra_sheet:
        sheet.title = "Cover"
        sheet.append(["nothing here"])
        sheet = book.create_sheet(sheet_title)
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
    book.save(path)
    return path


def test_xlsx_rows_are_sheet_rows(tmp_path):
    path = _book(tmp_path / "e.xlsx", [
        ["Case ID", "Note", "Seen", None],
        [1001, "First note.", dt.date(2025, 3, 4)],
        [None, None, None],  # an empty row: no record
        [1002.0, None, None],  # no text: skipped
        [1003, "Third\r\nnote.", None],
    ])
    _, found = items(path, id_column="case id", group_by=("seen",))
    assert summary_of(found) == [(2, "1001", "First note."), (4, "1002", "empty text"), (5, "1003", "Third\nnote.")]
    assert found[0].record.fields == (("seen", "2025-03-04T00:00:00"),)


def test_xlsx_sheet_option(tmp_path):
    path = _book(tmp_path / "e.xlsx", [["note"], ["Hello."]], sheet_title="Notes", extra_sheet=True)
    with pytest.raises(InputError, match="no text column"):
        items(path)  # the first sheet has no note column
    _, found = items(path, sheet="notes")
    assert summary_of(found) == [(2, "e.xlsx:2", "Hello.")]
    with pytest.raises(InputError, match="no sheet 'Other'.*sheets: Cover, Notes"):
        items(path, sheet="Other")


def test_xlsx_count(tmp_path):
    path = _book(tmp_path / "e.xlsx", [["note"], ["a"], ["b"], ["c"]])
    source = open_source(str(path), AuditOptions(inputs=()))
    source.prepare()
    assert source.count() == 3


# --- one note file -------------------------------------------------------------

def test_single_note_file(tmp_path):
    path = tmp_path / "visit.txt"
    path.write_text("Discussed the CIN plan.\n", encoding="utf-8")
    source, found = items(path, group_by=("team",))
    assert source.format == "note"
    assert [(i.record.id, i.record.row, i.record.fields) for i in found] == [("visit.txt", None, (("team", ""),))]


@pytest.mark.parametrize("compressed", [False, True])
def test_bare_cr_line_ends_as_excel_for_mac_writes_them(tmp_path, compressed):
    raw = b'id,note\r1,"HV done.\rNo concerns."\r\r2,Mum is manipulative.\r'
    path = tmp_path / ("mac.csv.gz" if compressed else "mac.csv")
    path.write_bytes(gzip.compress(raw) if compressed else raw)
    _source, found = items(path, id_column="id")
    assert [(i.record.id, i.record.row, i.record.text) for i in found] == [
        ("1", 2, "HV done.\nNo concerns."), ("2", 4, "Mum is manipulative.")]
    jsonl = tmp_path / "mac.jsonl"
    jsonl.write_bytes(b'{"id": 1, "note": "HV done"}\r{"id": 2, "note": "Engaged well."}\r')
    assert [(i.record.id, i.record.row) for i in items(jsonl, id_column="id")[1]] == [("1", 1), ("2", 2)]
