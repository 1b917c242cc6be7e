"""The Python API: texts or Records in, findings out, in order; flat rows for DataFrames (Spark)."""

from __future__ import annotations

import pytest

from recordlint.api import FINDING_FIELDS, build_linter, check, finding_rows, shared_linter
from recordlint.findings import Record


@pytest.fixture(scope="module")
def linter():
    return build_linter(select=["jargon", "opinion-as-fact"])


def test_check_takes_texts_and_records_and_keeps_their_order(linter):
    items = ["Discussed the CIN plan.", Record("n.txt", "Mum is manipulative."), "We met at 10:00 on 3 May."]
    found = list(check(items, linter=linter))
    assert len(found) == 3
    assert [f.rule for f in found[0]] == ["jargon.acronym"]
    assert found[1] and all(f.category == "opinion-as-fact" for f in found[1])
    assert found[2] == []


def test_check_streams_from_a_generator(linter):
    texts = (f"Note {i}: the CIN plan was discussed." for i in range(300))
    assert sum(1 for findings in check(texts, linter=linter) if findings) == 300


def test_finding_rows_are_flat_and_keyed_by_id(linter):
    rows = list(finding_rows(["Discussed the CIN plan.", "", None, "Mum is manipulative."],
                             ids=["A", "B", "C", "D"], linter=linter))
    assert rows and all(tuple(row) == FINDING_FIELDS for row in rows)
    assert {row["record_id"] for row in rows} == {"A", "D"}
    first = rows[0]
    assert (first["rule"], first["text"], first["line"], first["column"]) == ("jargon.acronym", "CIN", 1, 15)
    assert first["suggestion"] == "Child in Need"


def test_finding_rows_ids_default_to_record_id_or_position(linter):
    rows = list(finding_rows([Record("x", "HV done.", id="R9"), "Discussed the CIN plan."], linter=linter))
    assert [row["record_id"] for row in rows] == ["R9", "1"]


def test_finding_rows_no_text_keeps_the_note_out(linter):
    rows = list(finding_rows(["Mum is manipulative and the CIN plan slipped."], linter=linter, no_text=True))
    assert rows
    for row in rows:
        assert row["text"] == ""
        assert "manipulative" not in row["message"] and "CIN" not in row["message"]


def test_shared_linter_is_built_once_per_process_and_options(monkeypatch):
    import recordlint.api as api

    calls = []
    real = api.build_linter
    monkeypatch.setattr(api, "build_linter", lambda **options: calls.append(options) or real(**options))
    monkeypatch.setattr(api, "_SHARED", {})
    first = shared_linter(select=["jargon"])
    assert shared_linter(select=["jargon"]) is first
    other = shared_linter(select=["vagueness"])
    assert other is not first and len(calls) == 2
    assert {f.category for f in next(check(["Engaged well. The CIN plan."], linter=other))} == {"vagueness"}


def test_the_readme_spark_function_runs_on_plain_batches():
    """The README's mapInPandas function, fed lists in place of pandas frames (pandas is not a dependency)."""
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    code = re.search(r"(def audit_batches\(frames\):.*?)\n\n\n", readme, re.S).group(1)

    class Column(list):
        def fillna(self, value):
            return Column(value if v is None else v for v in self)

        def astype(self, kind):
            return Column(kind(v) for v in self)

    class Frames:  # what the function needs of pandas
        @staticmethod
        def DataFrame(rows, columns):
            return [[row[c] for c in columns] for row in rows]

    namespace = {"pd": Frames}
    exec(code, namespace)
    frames = [{"note": Column(["Discussed the CIN plan.", None]), "case_id": Column([7, 8])}]
    tables = list(namespace["audit_batches"](frames))
    assert tables and tables[0][0][:3] == ["7", "jargon.acronym", "jargon"]
