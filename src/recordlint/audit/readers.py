"""Inputs: which reader an export needs, column matching, and decoding a line at a time.

Every reader streams: it holds one row at a time, never a whole export. A
reader's `prepare()` opens the input, reads its header and matches the columns
(raising InputError at once, before anything is checked); `items()` then yields,
in input order, a `Read` for each record to check and a `Skipped` for each
record that cannot be checked; `count()` gives the number of records for the
progress bar (or None when it cannot be known cheaply).
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from recordlint.audit.model import Item, Read, Skipped
from recordlint.audit.options import DEFAULT_TEXT_COLUMNS, AuditOptions
from recordlint.errors import InputError
from recordlint.findings import Record

GZIP_MAGIC = b"\x1f\x8b"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
CR_SNIFF_BYTES = 8192
NOTE_SUFFIXES = (".txt", ".md", ".markdown", ".docx")
CSV_SUFFIXES = (".csv",)
TSV_SUFFIXES = (".tsv", ".tab")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
FORMATS_HELP = ".csv, .tsv, .jsonl (each optionally .gz), .xlsx, a folder of .txt/.md/.docx, or one .txt/.md/.docx"
MAX_SHOWN_COLUMN = 64  # a longer "column name" is probably a note: never print it


class Source(Protocol):
    path: str
    format: str

    def prepare(self) -> None: ...

    def count(self) -> int | None: ...

    def items(self) -> Iterator[Item]: ...


def open_source(path: str, options: AuditOptions) -> Source:
    """The reader for one input, chosen by what it is (folder, gzip, zip) and its suffix."""
    p = Path(path)
    if p.is_dir():
        from recordlint.audit.read_folder import FolderSource

        return FolderSource(path, options)
    if not p.exists():
        raise InputError(f"{path}: no such file or folder")
    suffixes = [s.lower() for s in p.suffixes]
    last = suffixes[-1] if suffixes else ""
    magic = _magic(path)
    gz = last == ".gz" or magic.startswith(GZIP_MAGIC)
    inner = (suffixes[-2] if len(suffixes) >= 2 else "") if last == ".gz" else last
    if gz:
        if inner in JSONL_SUFFIXES:
            from recordlint.audit.read_jsonl import JsonlSource

            return JsonlSource(path, options, gz=True)
        if inner in CSV_SUFFIXES + TSV_SUFFIXES:
            from recordlint.audit.read_csv import CsvSource

            return CsvSource(path, options, gz=True, tsv=inner in TSV_SUFFIXES)
        raise InputError(f"{path}: a gzip file of unknown kind; name it .csv.gz, .tsv.gz or .jsonl.gz")
    if last in CSV_SUFFIXES + TSV_SUFFIXES:
        from recordlint.audit.read_csv import CsvSource

        return CsvSource(path, options, gz=False, tsv=last in TSV_SUFFIXES)
    if last in JSONL_SUFFIXES:
        from recordlint.audit.read_jsonl import JsonlSource

        return JsonlSource(path, options, gz=False)
    if last in XLSX_SUFFIXES:
        from recordlint.audit.read_xlsx import XlsxSource

        return XlsxSource(path, options)
    if last == ".xls":
        raise InputError(f"{path}: old .xls workbooks are not supported; save it as .xlsx or .csv")
    if last in NOTE_SUFFIXES:
        from recordlint.audit.read_folder import NoteFileSource

        return NoteFileSource(path, options)
    raise InputError(f"{path}: unknown kind of export (expected {FORMATS_HELP})")


def _magic(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(4)
    except IsADirectoryError:
        return b""
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def open_binary(path: str, gz: bool) -> BinaryIO:
    """The input's bytes, decompressed when gzip; a buffered stream that can `peek`."""
    if gz and not _magic(path).startswith(GZIP_MAGIC):
        raise InputError(f"{path}: not a gzip file (named .gz, but it does not start as gzip does)")
    try:
        return gzip.open(path, "rb") if gz else open(path, "rb")  # noqa: SIM115 - closed by the caller
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def stream_error(exc: BaseException) -> str:
    """A short description of a read error in the middle of a file (never any of its text)."""
    import zlib

    if isinstance(exc, EOFError):
        return "the file ends early (truncated gzip?)"
    if isinstance(exc, gzip.BadGzipFile):
        return "corrupt gzip data"  # its message may quote the file's bytes
    if isinstance(exc, zlib.error):
        return "corrupt compressed data"
    if isinstance(exc, OSError):
        return f"read error ({exc.strerror or type(exc).__name__})"
    return type(exc).__name__


READ_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError)


def rest_unreadable(source: str, row: int, line: int, exc: BaseException) -> Skipped:
    """The record at `row` (first line `line`) when reading stops there: it and the rest of the file are lost."""
    return Skipped(source, row, "", f"{stream_error(exc)} at line {line}; the rest of the file could not be read")


# --- decoding one line at a time ---------------------------------------------


def decode_line(raw: bytes) -> tuple[str, str | None]:
    """Decode one line: UTF-8; else cp1252 when the line is plainly cp1252; else UTF-8 with U+FFFD.

    Returns the text and a warning (None when the line was clean UTF-8).
    """
    warning = None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        replaced = raw.decode("utf-8", errors="replace")
        text = ""
        if all(ord(ch) < 128 or ch == "\ufffd" for ch in replaced):  # no valid UTF-8 beyond ASCII
            try:
                text, warning = raw.decode("cp1252"), "not UTF-8: read as cp1252"
            except UnicodeDecodeError:
                pass
        if not warning:
            text, warning = replaced, "bytes that are not UTF-8 replaced with U+FFFD"
    if "\x00" in text:
        text = text.replace("\x00", "")
        warning = f"{warning}; NUL bytes removed" if warning else "NUL bytes removed"
    return text, warning


class LineDecoder:
    """Decoded lines of a binary stream (line ends kept, as csv wants), collecting warnings per record.

    The reader calls `take()` after each record to collect the warnings of the
    lines that record used. UTF-16 (with its BOM, as Excel's "Unicode text"
    writes) is decoded as a whole stream.
    """

    def __init__(self, stream: BinaryIO, span: "Span | None" = None) -> None:
        self.stream = stream
        self.span = span
        self.line_no = span.first_line if span else 0
        self._warnings: list[str] = []

    def lines(self) -> Iterator[str]:
        at_start = self.span is None or self.span.start == 0
        head = self.stream.peek(4)[:4] if at_start and hasattr(self.stream, "peek") else b""
        if head[:2] in UTF16_BOMS:
            text = io.TextIOWrapper(self.stream, encoding="utf-16", errors="replace", newline="")
            for line in text:
                self.line_no += 1
                yield line.replace("\x00", "")
            return
        first = at_start
        for raw in self._raw_lines():
            self.line_no += 1
            line, warning = decode_line(raw)
            if first:
                line = line.removeprefix("\ufeff")
                first = False
            if warning and warning not in self._warnings:
                self._warnings.append(warning)
            yield line

    def take(self) -> tuple[str, ...]:
        taken = tuple(self._warnings)
        self._warnings.clear()
        return taken

    def _raw_lines(self) -> Iterator[bytes]:
        """The stream's lines; within a span, from its start up to its end."""
        span = self.span
        if span is None or span.start == 0:
            if _cr_only(self.stream):  # a file has no \n at all, so it is one span, whatever its end
                yield from _cr_lines(self.stream)
                return
            if span is None or span.end is None:
                yield from self.stream
                return
        self.stream.seek(span.start)
        left = None if span.end is None else span.end - span.start
        for raw in self.stream:
            yield raw
            if left is not None:
                left -= len(raw)
                if left <= 0:
                    return


def _cr_only(stream: BinaryIO) -> bool:
    """Whether lines end with a bare CR, as Excel for Mac's "CSV (Macintosh)" writes them."""
    head = stream.peek(CR_SNIFF_BYTES)[:CR_SNIFF_BYTES] if hasattr(stream, "peek") else b""
    return b"\r" in head and b"\n" not in head


def _cr_lines(stream: BinaryIO) -> Iterator[bytes]:
    rest = b""
    while block := stream.read(1 << 16):
        pieces = (rest + block).split(b"\r")
        rest = pieces.pop()
        for piece in pieces:
            yield piece + b"\r"
    if rest:
        yield rest


@dataclass(frozen=True, slots=True)
class Span:
    """A byte range of an uncompressed export that starts and ends on record boundaries.

    `first_row` and `first_line` are the rows and lines before it, so the
    records read from it keep the numbers a whole-file read gives them.
    `end` None means to the end of the file.
    """

    start: int = 0
    end: int | None = None
    first_row: int = 0
    first_line: int = 0


# --- columns -----------------------------------------------------------------


@dataclass(frozen=True)
class ColumnPlan:
    """Where the text, id and group values are: indexes (tables) or keys (JSON)."""

    text: Any
    id: Any | None
    groups: tuple[tuple[str, Any], ...]


def plan_columns(source: str, columns: list[str], options: AuditOptions,
                 keys: list[Any] | None = None) -> ColumnPlan:
    """Match --text-column, --id-column and --group-by to the columns found (case-insensitively).

    `keys` are what to look values up by (default: each column's index). Raises
    InputError naming the file and listing the columns found when one is missing.
    """
    keys = list(range(len(columns))) if keys is None else keys
    lowered: dict[str, Any] = {}
    for name, key in zip(columns, keys):
        lowered.setdefault(_norm(name), key)

    def find(wanted: str, what: str, option: str) -> Any:
        key = lowered.get(_norm(wanted))
        if key is None:
            raise InputError(f"{source}: no {what} column '{wanted}' ({option}); {describe_columns(columns)}")
        return key

    if options.text_column:
        text = find(options.text_column, "text", "--text-column")
    else:
        text = next((lowered[n] for n in DEFAULT_TEXT_COLUMNS if n in lowered), None)
        if text is None:
            raise InputError(f"{source}: no text column (looked for {', '.join(DEFAULT_TEXT_COLUMNS)}; "
                             f"name it with --text-column); {describe_columns(columns)}")
    id_key = find(options.id_column, "id", "--id-column") if options.id_column else None
    groups = tuple((name, find(name, "group", "--group-by")) for name in options.group_by)
    return ColumnPlan(text, id_key, groups)


def _norm(name: str) -> str:
    return str(name).strip().removeprefix("\ufeff").strip().lower()


def describe_columns(columns: list[str]) -> str:
    """'columns found: a, b, c', without printing anything that looks like note text."""
    if not columns:
        return "no columns found"
    shown = []
    for name in columns[:40]:
        name = str(name).strip()
        if len(name) > MAX_SHOWN_COLUMN or "\n" in name or "\r" in name:
            shown.append(f"<a cell of {len(name)} characters: is the first row a header?>")
        else:
            shown.append(repr(name) if not name or name != name.strip() else name)
    more = f" and {len(columns) - 40} more" if len(columns) > 40 else ""
    return f"columns found: {', '.join(shown)}{more}"


# --- records -----------------------------------------------------------------


def normalise_text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def make_item(source: str, row: int | None, get: Callable[[Any], str], plan: ColumnPlan,
              warnings: tuple[str, ...] = (), fallback_id: str | None = None) -> Item:
    """A Read (or a Skipped 'empty text') from one row's values; `get(key)` returns a cell as text."""
    record_id = get(plan.id).strip() if plan.id is not None else ""
    if not record_id:
        record_id = fallback_id if fallback_id is not None else default_id(source, row)
    text = normalise_text(get(plan.text))
    if not text.strip():
        return Skipped(source, row, record_id, "empty text")
    fields = tuple((name, get(key).strip()) for name, key in plan.groups)
    return Read(Record(source, text, id=record_id, row=row, fields=fields), warnings)


def default_id(source: str, row: int | None) -> str:
    """A record's id when the export gives none: file name and row."""
    name = Path(source).name or source
    return name if row is None else f"{name}:{row}"
