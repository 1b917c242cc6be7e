"""findings.csv and records.csv, written row by row as results arrive, and summary.json at the end.

CSV files are UTF-8 with a byte-order mark (so Excel reads them as UTF-8) and
a header row. A text cell that starts with =, +, -, @, a tab or a carriage
return gets a leading apostrophe, so a spreadsheet shows it instead of running
it as a formula. With `no_text` the `text` column stays empty and messages
carry '…' in place of words from the note (see worker.redact).
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from recordlint.audit.model import Checked

FINDINGS_CSV = "findings.csv"
RECORDS_CSV = "records.csv"
SUMMARY_JSON = "summary.json"
REPORT_HTML = "report.html"
OUTPUT_FILES = (FINDINGS_CSV, RECORDS_CSV, SUMMARY_JSON, REPORT_HTML)

FINDING_COLUMNS = ("rule", "category", "severity", "line", "column", "start", "end", "text", "message",
                   "suggestion")
LEAD_COLUMNS = ("record_id", "source", "row")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula."""
    return "'" + value if value and value.startswith(_FORMULA_STARTS) else value


def group_headers(group_by: tuple[str, ...], taken: set[str]) -> list[str]:
    """Header names for the group columns: as given, or `group:NAME` where that clashes with ours."""
    return [f"group:{name}" if name.lower() in taken else name for name in group_by]


class CsvRows:
    """The rows of findings.csv and records.csv for each checked record, written to two text streams."""

    def __init__(self, group_by: tuple[str, ...], categories: list[str]) -> None:
        self.categories = categories
        taken = {c.lower() for c in (*LEAD_COLUMNS, *FINDING_COLUMNS, "words", "findings", "score", "warnings",
                                     *categories)}
        groups = group_headers(group_by, taken)
        self.findings_header = [*LEAD_COLUMNS, *groups, *FINDING_COLUMNS]
        self.records_header = [*LEAD_COLUMNS, *groups, "words", "findings", *categories, "score", "warnings"]

    def _start(self, findings_stream, records_stream) -> None:
        self._findings_stream, self._records_stream = findings_stream, records_stream
        self._findings = csv.writer(findings_stream)
        self._records = csv.writer(records_stream)

    def write(self, checked: Checked) -> None:
        record = checked.record
        lead = [safe_cell(record.id), safe_cell(record.path), "" if record.row is None else record.row,
                *(safe_cell(value) for _name, value in record.fields)]
        per_category = dict.fromkeys(self.categories, 0)
        for rule, category, severity, line, column, start, end, text, message, suggestion in checked.findings:
            per_category[category] = per_category.get(category, 0) + 1
            self._findings.writerow([*lead, rule, category, severity, line, column, start, end,
                                     safe_cell(text), safe_cell(message), safe_cell(suggestion)])
        self._records.writerow([*lead, checked.words, len(checked.findings),
                                *(per_category[c] for c in self.categories), checked.score,
                                "; ".join(checked.read.warnings)])


class CsvChunk(CsvRows):
    """Rows for one partition, kept as text (no header) to be appended to the files in order."""

    def __init__(self, group_by: tuple[str, ...], categories: list[str]) -> None:
        super().__init__(group_by, categories)
        self._start(io.StringIO(), io.StringIO())

    def texts(self) -> tuple[str, str]:
        return self._findings_stream.getvalue(), self._records_stream.getvalue()


class CsvOutputs(CsvRows):
    """The two streamed CSV files. Use as a context manager; rows are written as records are done."""

    def __init__(self, output_dir: Path, group_by: tuple[str, ...], categories: list[str]) -> None:
        super().__init__(group_by, categories)
        self.output_dir = output_dir
        self._files = []

    def __enter__(self) -> "CsvOutputs":
        self._start(self._open(FINDINGS_CSV), self._open(RECORDS_CSV))
        self._findings.writerow(self.findings_header)
        self._records.writerow(self.records_header)
        return self

    def _open(self, name: str):
        handle = open(self.output_dir / name, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self._files.append(handle)
        return handle

    def __exit__(self, *exc) -> None:
        for handle in self._files:
            handle.close()

    def append(self, findings_rows: str, records_rows: str) -> None:
        """Add a partition's rows (a CsvChunk's texts) after those written so far."""
        self._findings_stream.write(findings_rows)
        self._records_stream.write(records_rows)


def write_json(path: Path, data: dict) -> None:
    """Write JSON to a temporary name beside `path`, then rename: never a half-written file."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    os.replace(tmp, path)


def write_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)
