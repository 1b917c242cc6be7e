"""CSV and TSV exports (plain, gzip, UTF-8, cp1252 or UTF-16), streamed one row at a time.

Rows are numbered as a spreadsheet shows them: the header is row 1, and a
quoted note that runs over several lines is still one row. Skip reasons name
the file's line too, for a text editor.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator

from recordlint.audit.model import Item, Skipped
from recordlint.audit.options import AuditOptions
from recordlint.audit.readers import (
    READ_ERRORS, ColumnPlan, LineDecoder, Span, make_item, open_binary, plan_columns, rest_unreadable,
    stream_error,
)
from recordlint.errors import InputError

MAX_FIELD_CHARS = 16 * 1024 * 1024  # a longer cell is an unclosed quote, not a note
SNIFF_DELIMITERS = (",", "\t", ";", "|")


class CsvSource:
    def __init__(self, path: str, options: AuditOptions, *, gz: bool = False, tsv: bool = False) -> None:
        self.path = path
        self.options = options
        self.gz = gz
        self.format = ("tsv" if tsv else "csv") + (".gz" if gz else "")
        self.delimiter = options.delimiter or ("\t" if tsv else None)
        self.plan: ColumnPlan | None = None
        self.width = 0
        allow_long_fields()

    def prepare(self) -> None:
        with open_binary(self.path, self.gz) as stream:
            decoder = LineDecoder(stream)
            try:
                header = self._header(decoder.lines())
            except READ_ERRORS as exc:
                raise InputError(f"{self.path}: cannot read: {stream_error(exc)}") from None
            except csv.Error as exc:
                raise InputError(f"{self.path}: the header row cannot be read as CSV ({exc})") from None
        if header is None:
            self.plan = None  # an empty file: no records
            return
        self.width = len(header)
        self.plan = plan_columns(self.path, header, self.options)

    def _header(self, lines: Iterator[str]) -> list[str] | None:
        first = next(lines, None)
        if first is None:
            return None
        if self.delimiter is None:
            self.delimiter = sniff_delimiter(first)
        return next(csv.reader(itertools.chain([first], lines), delimiter=self.delimiter), None)

    def count(self) -> int | None:
        if self.plan is None:
            return 0
        try:
            with open_binary(self.path, self.gz) as stream:
                rows = csv.reader(LineDecoder(stream).lines(), delimiter=self.delimiter)
                return max(sum(1 for row in rows if row) - 1, 0)
        except (csv.Error, *READ_ERRORS):
            return None

    def items(self, span: Span | None = None) -> Iterator[Item]:
        """The records, in order: of the whole file, or of one `span` of it (see `recordlint.audit.split`)."""
        if self.plan is None:
            return
        allow_long_fields()  # again: on a cluster's worker this reader arrives unpickled, without __init__
        plan, width, source = self.plan, self.width, self.path
        with open_binary(self.path, self.gz) as stream:
            decoder = LineDecoder(stream, span)
            reader = csv.reader(decoder.lines(), delimiter=self.delimiter)
            row = span.first_row if span else 0
            line = span.first_line if span else 0  # the last line of the previous row
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    row += 1
                    decoder.take()
                    yield Skipped(source, row, "", f"not valid CSV ({exc}; line {line + 1})")
                    line = decoder.line_no
                    continue
                except READ_ERRORS as exc:
                    yield rest_unreadable(source, row + 1, line + 1, exc)
                    return
                row += 1
                start_line, line = line + 1, decoder.line_no
                warnings = decoder.take()
                if row == 1 or not cells:
                    continue  # the header; a blank line is no record
                if len(cells) != width:
                    if len(cells) > width and not any(c.strip() for c in cells[width:]):
                        cells = cells[:width]  # trailing empty cells, as spreadsheets write them
                    else:
                        yield Skipped(source, row, "",
                                      f"expected {width} fields, found {len(cells)} (line {start_line})")
                        continue
                yield make_item(source, row, cells.__getitem__, plan, warnings)


def allow_long_fields() -> None:
    """csv's limit on a field is process-wide (default 128 KB): raise it to MAX_FIELD_CHARS."""
    csv.field_size_limit(MAX_FIELD_CHARS)


def sniff_delimiter(header_line: str) -> str:
    """The delimiter that occurs most often in the header line outside quotes (',' when none does)."""
    counts = dict.fromkeys(SNIFF_DELIMITERS, 0)
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(SNIFF_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","
