"""Partitions for --engine dask: read one by one, in order, they give exactly what a whole-input read gives."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from recordlint.audit.model import Read, Skipped
from recordlint.audit.options import AuditOptions
from recordlint.audit.readers import open_source
from recordlint.audit.split import csv_spans, partition_items, partitions

FIX = Path(__file__).resolve().parent / "fixtures" / "audit"
SIZES = (1, 7, 64, 300, 4096, 10**9)  # 1 byte: every record its own partition; 10**9: one partition


def prepared(path, **options):
    source = open_source(str(path), AuditOptions(inputs=(str(path),), **options))
    source.prepare()
    return source


def assert_same_as_whole(path, **options) -> list:
    """Every partition size gives the whole read's items, in order; returns them."""
    whole = list(prepared(path, **options).items())
    for size in SIZES:
        source = prepared(path, **options)
        parts = list(partitions([source], size))
        assert [p.number for p in parts] == list(range(len(parts)))
        pieces = [item for part in parts for item in partition_items(source, part)]
        assert pieces == whole, f"partition size {size}"
    return whole


# A CSV export with what real ones have: quoted notes over several lines, doubled quotes,
# CRLF, a blank line, a BOM, a cp1252 line, a short row, an empty note and a header row.
AWKWARD_CSV = (
    b"\xef\xbb\xbfid,team,note\r\n"
    b'A1,North,"Visited Sam (6).\r\nSam said, ""I like my room.""\r\n\r\nMum was present."\r\n'
    b"A2,South,HV done. No concerns.\r\n"
    b"\r\n"
    b'A3,East,"Caf\xe9 meeting, see below\nline two, with a comma"\r\n'
    b"A4,West\r\n"
    b"A5,North,\r\n"
    b'A6,South,"She said ""no"".\nThen: ""yes""."\r\n'
    b"A7,East,Final note without a newline at the end"
)


def test_csv_spans_keep_quoted_multiline_notes_whole_and_rows_true(tmp_path):
    path = tmp_path / "awkward.csv"
    path.write_bytes(AWKWARD_CSV)
    whole = assert_same_as_whole(path, id_column="id", group_by=("team",))
    rows = {item.record.id if isinstance(item, Read) else item.reason: (item.record.row if isinstance(item, Read)
                                                                     else item.row) for item in whole}
    assert rows["A1"] == 2 and rows["A7"] == 9  # header row 1; the blank line is a row, as csv counts
    skipped = [item for item in whole if isinstance(item, Skipped)]
    assert [(s.row, s.reason) for s in skipped] == [(6, "expected 3 fields, found 2 (line 10)"), (7, "empty text")]
    first = next(item for item in whole if isinstance(item, Read))
    assert first.record.text == 'Visited Sam (6).\nSam said, "I like my room."\n\nMum was present.'


def test_csv_span_boundaries_fall_between_records(tmp_path):
    path = tmp_path / "awkward.csv"
    path.write_bytes(AWKWARD_CSV)
    source = prepared(path, id_column="id")
    spans = list(csv_spans(str(path), source.delimiter, 1))
    ends = [span.end for span in spans[:-1]]
    assert all(AWKWARD_CSV[end - 1:end] == b"\n" for end in ends)
    assert spans[0].start == 0 and spans[-1].end in (None, len(AWKWARD_CSV))
    assert all(a.end == b.start for a, b in zip(spans, spans[1:]))
    assert [s.first_row for s in spans] == list(range(len(spans)))  # one record (or blank line) per span


def test_a_row_csv_rejects_ends_splitting_and_the_rest_is_read_in_one_go(tmp_path, monkeypatch):
    import recordlint.audit.read_csv as read_csv

    monkeypatch.setattr(read_csv, "MAX_FIELD_CHARS", 250)  # the unclosed quote runs past it: csv.Error mid-file
    big = "x" * 200
    body = "".join(f"R{i},note {i} {big}\n" for i in range(20))
    path = tmp_path / "bad.csv"
    path.write_text("id,note\n" + body + 'R99,"' + "y" * 300 + "\n" + body, encoding="utf-8")
    try:
        whole = assert_same_as_whole(path, id_column="id")
        source = prepared(path, id_column="id")
        spans = list(csv_spans(str(path), source.delimiter, 300))
    finally:
        monkeypatch.undo()
        read_csv.csv.field_size_limit(read_csv.MAX_FIELD_CHARS)  # the limit is global: put it back
    assert any(isinstance(item, Skipped) and "not valid CSV" in item.reason for item in whole)
    assert spans[-1].end is None and spans[-1].start <= path.read_bytes().index(b'R99,"')


def test_jsonl_spans_keep_line_numbers(tmp_path):
    whole = assert_same_as_whole(FIX / "broken.jsonl", id_column="id")
    assert any(isinstance(item, Skipped) for item in whole)
    assert_same_as_whole(FIX / "export.jsonl", id_column="case_id")


def test_tsv_and_fixture_exports(tmp_path):
    assert_same_as_whole(FIX / "export.tsv", id_column="case_id")
    assert_same_as_whole(FIX / "export.csv", id_column="case_id", group_by=("team",))
    assert_same_as_whole(FIX / "broken.csv", id_column="case_id")


def test_gzip_and_utf16_are_sent_as_row_blocks(tmp_path):
    gz = tmp_path / "export.csv.gz"
    gz.write_bytes(gzip.compress((FIX / "export.csv").read_bytes()))
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes((FIX / "export.csv").read_text(encoding="utf-8").encode("utf-16"))
    for path in (gz, utf16):
        assert_same_as_whole(path, id_column="case_id")
        source = prepared(path, id_column="case_id")
        assert {part.kind for part in partitions([source], 64)} == {"rows"}


def test_folders_are_split_into_groups_of_files(tmp_path):
    folder = tmp_path / "notes"
    for i in range(7):
        (folder / f"team{i % 2}").mkdir(parents=True, exist_ok=True)
        (folder / f"team{i % 2}" / f"note{i}.txt").write_text(f"Visit {i}. No concerns.", encoding="utf-8")
    (folder / "empty.md").write_text("", encoding="utf-8")
    whole = assert_same_as_whole(folder)
    assert len(whole) == 8
    source = prepared(folder)
    assert {part.kind for part in partitions([source], 30)} == {"files"}
    assert len(list(partitions([source], 30))) > 2


def test_empty_inputs_give_no_records(tmp_path):
    for name in ("empty.csv", "empty.jsonl", "header.csv"):
        path = tmp_path / name
        path.write_text("id,note\n" if name == "header.csv" else "", encoding="utf-8")
        assert assert_same_as_whole(path) == []


def test_several_inputs_are_numbered_in_order(tmp_path):
    sources = [prepared(FIX / "export.csv", id_column="case_id"), prepared(FIX / "export.jsonl")]
    parts = list(partitions(sources, 200))
    assert [p.number for p in parts] == list(range(len(parts)))
    assert [p.input_index for p in parts] == sorted(p.input_index for p in parts)
    assert {p.input_index for p in parts} == {0, 1}


def test_a_partition_repr_never_shows_note_text(tmp_path):
    gz = tmp_path / "export.csv.gz"
    gz.write_bytes(gzip.compress((FIX / "export.csv").read_bytes()))
    part = next(partitions([prepared(gz, id_column="case_id")], 10**9))
    assert part.rows and "Jasmine" not in repr(part) and "Jasmine" not in str(part)


@pytest.mark.parametrize("size", [1, 50, 10**9])
def test_check_partition_writes_rows_and_totals_and_refuses_a_changed_file(tmp_path, size):
    from recordlint.audit.dask_tasks import PartitionFailed, PartitionResult, check_partition

    path = tmp_path / "export.csv"
    path.write_bytes((FIX / "export.csv").read_bytes())
    source = prepared(path, id_column="case_id", group_by=("team",))
    parts = list(partitions([source], size))
    results = [check_partition(source, part, {"select": ("jargon", "opinion-as-fact")}, True) for part in parts]
    assert all(isinstance(result, PartitionResult) for result in results)
    assert sum(r.totals.records_read for r in results) == len(list(source.items()))
    findings = "".join(r.rows[0] for r in results)
    records = "".join(r.rows[1] for r in results)
    assert f"N-2,{path},3,North,jargon.acronym" in findings  # id, source, true row and group lead each row
    assert records.count("\r\n") == sum(r.totals.records_checked for r in results)
    assert "Jasmine" not in findings and "manipulative" not in findings  # --no-text: nothing from the notes
    first = check_partition(source, parts[-1], {"select": ("jargon",)}, True, max_records=1)
    assert first.totals.records_read == 1
    with open(path, "ab") as handle:
        handle.write(b"N-9,North,Children,An extra row written mid-audit.\n")
    failed = check_partition(source, parts[-1], {"select": ("jargon",)}, True)
    assert isinstance(failed, PartitionFailed)
    assert failed.message.startswith(f"{path}: changed while it was being audited")


def test_merged_partition_totals_equal_one_pass(monkeypatch):
    """Totals kept per partition and merged in order equal the totals of one pass: counts, capped
    group tables, the lowest-scoring notes (ties broken by input order), warnings and skipped rows."""
    import random

    import recordlint.audit.aggregate as aggregate
    from recordlint.audit.aggregate import Totals
    from recordlint.audit.model import Checked
    from recordlint.findings import Record

    monkeypatch.setattr(aggregate, "MAX_GROUP_VALUES", 4)
    monkeypatch.setattr(aggregate, "LOWEST_NOTES", 5)
    rng = random.Random(7)
    items = []
    for i in range(300):
        if i % 17 == 0:
            items.append(Skipped("e.csv", i + 2, f"R{i}", "empty text"))
            continue
        findings = [("r", rng.choice("abc"), "warning", 1, 1, 0, 1, "", "m", "")] * rng.randint(0, 3)
        record = Record("e.csv", "", id=f"R{i}", row=i + 2, fields=(("team", f"T{rng.randint(0, 9)}"),))
        items.append(Checked(Read(record, ("cp1252",) if i % 50 == 0 else ()), rng.randint(5, 50), findings,
                             rng.choice([40, 60, 60, 80, 100])))

    def add(totals, item):
        if isinstance(item, Skipped):
            totals.add_skipped(item, 0)
        else:
            totals.add_checked(item, 0)

    one_pass = Totals(("team",), [("e.csv", "csv")])
    for item in items:
        add(one_pass, item)
    merged = Totals(("team",), [("e.csv", "csv")])
    start = 0
    while start < len(items):
        end = start + rng.randint(1, 40)
        part = Totals(("team",), [("e.csv", "csv")], capped=False)
        for item in items[start:end]:
            add(part, item)
        merged.merge(part, 0)
        start = end

    def state(t: Totals) -> dict:
        return {"counts": (t.records_read, t.records_checked, t.records_skipped, t.words, t.findings,
                           t.records_with_findings, t.score_sum, t.warnings_total),
                "counters": (t.by_category, t.by_severity, t.by_rule), "scores": t.score_counts,
                "groups": {name: {v: g.to_dict() for v, g in values.items()} for name, values in t.by_group.items()},
                "inputs": [i.to_dict() for i in t.inputs], "skipped": t.skipped, "warnings": t.warnings,
                "lowest": t.lowest()}

    assert state(merged) == state(one_pass)
    assert "(other values)" in one_pass.by_group["team"]


def test_skipped_list_spills_to_a_file_and_streams_back(tmp_path, monkeypatch):
    import io
    import json
    import pickle

    import recordlint.audit.skipped as skipped

    monkeypatch.setattr(skipped, "IN_MEMORY", 3)
    entries = [{"source": "e.csv", "row": i, "id": f"R{i}", "reason": "empty text"} for i in range(10)]
    log = skipped.SkippedList()
    log.spill_to(tmp_path / "spill.jsonl")
    log.extend(entries[:4])
    for entry in entries[4:]:
        log.append(entry)
    assert len(log) == 10 and list(log) == entries and log[:2] == entries[:2]
    assert list.__len__(log) == 3  # only the first ones in memory
    out = io.StringIO()
    json.dump({"skipped": log}, out, indent=2)  # as summary.json is written
    assert json.loads(out.getvalue())["skipped"] == entries
    log.close()
    assert not (tmp_path / "spill.jsonl").exists() and list(log) == entries[:3]
    unspilled = skipped.SkippedList(entries[:5])  # a partition's list, sent to the client
    assert list(pickle.loads(pickle.dumps(unspilled))) == entries[:5]


def test_an_audit_lists_every_skipped_record_past_the_in_memory_ones(cli, tmp_path, monkeypatch):
    import json

    import recordlint.audit.skipped as skipped

    monkeypatch.setattr(skipped, "IN_MEMORY", 2)
    export = tmp_path / "e.csv"
    export.write_text("id,note\n" + "".join(f"R{i},\n" if i % 2 else f"R{i},Engaged well.\n" for i in range(12)),
                      encoding="utf-8")
    out = tmp_path / "out"
    assert cli("audit", export, "--id-column", "id", "-o", out, "-q").exit_code == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["records_skipped"] == 6
    assert [s["id"] for s in summary["skipped"]] == ["R1", "R3", "R5", "R7", "R9", "R11"]
    assert sorted(p.name for p in out.iterdir()) == ["findings.csv", "records.csv", "report.html", "summary.json"]
    assert "Skipped records (6)" in (out / "report.html").read_text(encoding="utf-8")
