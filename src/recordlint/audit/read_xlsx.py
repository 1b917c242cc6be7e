"""XLSX workbooks, streamed with openpyxl's read-only mode (one row in memory at a time).

The first worksheet is read (or the one named with --sheet); its first row is
the header. A record's row is the worksheet's row number. Formulas give their
cached values; the workbook is never written or recalculated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from recordlint.audit.model import Item, Skipped
from recordlint.audit.options import AuditOptions
from recordlint.audit.readers import ColumnPlan, make_item, plan_columns
from recordlint.errors import InputError

MAX_ROWS = 1_048_576  # Excel's limit; a larger "dimension" is not to be trusted for the progress bar


class XlsxSource:
    def __init__(self, path: str, options: AuditOptions) -> None:
        self.path = path
        self.options = options
        self.format = "xlsx"
        self.plan: ColumnPlan | None = None
        self.width = 0

    def _open(self):
        try:
            import openpyxl
        except ImportError:  # pragma: no cover - a dependency
            raise InputError(f"{self.path}: reading .xlsx needs openpyxl (pip install openpyxl)") from None
        try:
            book = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException, XML errors
            raise InputError(f"{self.path}: not a readable .xlsx workbook ({type(exc).__name__})") from None
        if self.options.sheet:
            names = {name.lower(): name for name in book.sheetnames}
            name = names.get(self.options.sheet.strip().lower())
            if name is None:
                book.close()
                raise InputError(f"{self.path}: no sheet '{self.options.sheet}' (--sheet); "
                                 f"sheets: {', '.join(book.sheetnames)}")
            return book, book[name]
        if not book.worksheets:
            book.close()
            raise InputError(f"{self.path}: the workbook has no worksheets")
        return book, book.worksheets[0]

    def prepare(self) -> None:
        book, sheet = self._open()
        try:
            header = next(sheet.iter_rows(values_only=True), None)
        except Exception as exc:
            raise InputError(f"{self.path}: cannot read the first row ({type(exc).__name__})") from None
        finally:
            book.close()
        if header is None:
            self.plan = None
            return
        columns = [cell_text(v) for v in header]
        while columns and not columns[-1].strip():
            columns.pop()  # empty cells to the right of the header
        self.width = len(columns)
        self.plan = plan_columns(self.path, columns, self.options)

    def count(self) -> int | None:
        if self.plan is None:
            return 0
        try:
            book, sheet = self._open()
        except InputError:
            return None
        try:
            rows = sheet.max_row
        finally:
            book.close()
        return rows - 1 if isinstance(rows, int) and 0 < rows <= MAX_ROWS else None

    def items(self) -> Iterator[Item]:
        if self.plan is None:
            return
        plan, width, source = self.plan, self.width, self.path
        book, sheet = self._open()
        try:
            rows = sheet.iter_rows(values_only=True)
            number = 0
            while True:
                try:
                    values = next(rows)
                except StopIteration:
                    return
                except Exception as exc:  # corrupt XML inside the workbook
                    yield Skipped(source, number + 1, "", f"the worksheet cannot be read from row {number + 1} "
                                  f"({type(exc).__name__}); the rest of the file could not be read")
                    return
                number += 1
                if number == 1:
                    continue
                cells = [cell_text(v) for v in values[:width]]
                if not any(c.strip() for c in cells):
                    continue  # an empty row is no record
                cells += [""] * (width - len(cells))
                yield make_item(source, number, cells.__getitem__, plan)
        finally:
            book.close()


def cell_text(value: Any) -> str:
    """A cell as text: whole numbers without '.0', dates in ISO form, empty for None."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value)
