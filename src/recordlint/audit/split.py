"""Split an audit's inputs into partitions, so a cluster's workers can each read and check their own part.

- Plain CSV, TSV and JSON Lines files are split into byte spans that start
  and end on record boundaries. Workers read their span from the file
  themselves. The boundaries of a CSV file come from a pass of Python's own
  csv parser over the bytes (read as Latin-1, so every quote, delimiter and
  line end sits where the real read finds it). Quoted notes that run over
  several lines therefore stay whole, which splitting at newlines, as
  `dask.dataframe.read_csv` does, would break. Each span carries the rows and
  lines before it, so records keep their true row numbers and default ids.
- Folders are split into groups of files.
- Inputs that cannot be split by bytes (gzip, XLSX and UTF-16 files) are
  read here and sent as blocks of rows.

After a row the CSV parser rejects, the rest of that file is one span: how
the parser recovers depends on what it has read, so it is only replayed
faithfully by reading on from a boundary before the error.

Partitions come out lazily, in input order, each numbered: checking them in
any order and taking the results in partition order gives exactly the
records, in exactly the order, that a local audit reads.
"""

from __future__ import annotations

import csv
import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace

from recordlint.audit.model import Item, Read
from recordlint.audit.options import DEFAULT_PARTITION_BYTES
from recordlint.audit.readers import UTF16_BOMS, Source, Span

MAX_FILES_PER_PARTITION = 1000
MAX_ROWS_PER_BLOCK = 10_000


@dataclass(frozen=True, slots=True)
class Partition:
    """One unit of work: a span of a file, some files of a folder, or rows read by the client.

    `size` is the file's size when it was split: a worker checks it, so a file
    that changes mid-audit is an error, not a silent mix of two versions.
    """

    number: int
    input_index: int
    kind: str  # "span", "files" or "rows"
    span: Span | None = None
    size: int | None = None
    files: tuple[str, ...] = ()
    rows: tuple[Item, ...] = ()

    def __repr__(self) -> str:  # Dask may log a task's arguments: never the rows' text
        return f"Partition(#{self.number}, input {self.input_index}, {self.kind})"


def partitions(sources: list[Source], target_bytes: int = DEFAULT_PARTITION_BYTES) -> Iterator[Partition]:
    """Every input's partitions, in input order, numbered from 0."""
    numbers = itertools.count()
    for index, source in enumerate(sources):
        for part in source_partitions(source, index, target_bytes):
            yield replace(part, number=next(numbers))


def source_partitions(source: Source, index: int, target_bytes: int) -> Iterator[Partition]:
    fmt = source.format
    if fmt in ("csv", "tsv", "jsonl") and not _utf16(source.path):
        if fmt != "jsonl" and source.plan is None:
            return  # an empty file: no records
        size = os.stat(source.path).st_size
        spans = line_spans(source.path, target_bytes) if fmt == "jsonl" else \
            csv_spans(source.path, source.delimiter, target_bytes)
        for span in spans:
            yield Partition(0, index, "span", span=span, size=size)
    elif fmt == "folder":
        yield from file_groups(source, index, target_bytes)
    elif fmt == "note":
        yield Partition(0, index, "files", files=(source.path,))
    else:
        yield from row_blocks(source.items(), index, target_bytes)


def csv_spans(path: str, delimiter: str, target_bytes: int) -> Iterator[Span]:
    """Spans of at least `target_bytes` (the last may be smaller) that end where csv ends a record."""
    from recordlint.audit.read_csv import allow_long_fields

    allow_long_fields()  # the limit the real read has, or the spans would differ
    position = lines = 0

    def raw_lines() -> Iterator[str]:
        nonlocal position, lines
        with open(path, "rb") as handle:
            for raw in handle:
                position += len(raw)
                lines += 1
                # Latin-1 maps each byte to one character: quotes, delimiters and line ends stay put.
                yield raw.decode("latin-1").replace("\x00", "")

    def record_ends() -> Iterator[tuple[int, int, int]]:
        reader = csv.reader(raw_lines(), delimiter=delimiter)
        rows = 0
        while True:
            try:
                next(reader)
            except (StopIteration, csv.Error):  # after an error, the rest is read in one go (see above)
                return
            rows += 1
            yield position, rows, lines

    return _spans(record_ends(), os.stat(path).st_size, target_bytes)


def line_spans(path: str, target_bytes: int) -> Iterator[Span]:
    """Spans of JSON Lines: any line start is a record boundary."""
    def line_ends() -> Iterator[tuple[int, int, int]]:
        position = 0
        with open(path, "rb") as handle:
            for lines, raw in enumerate(handle, 1):
                position += len(raw)
                yield position, lines, lines

    return _spans(line_ends(), os.stat(path).st_size, target_bytes)


def _spans(record_ends: Iterator[tuple[int, int, int]], size: int, target_bytes: int) -> Iterator[Span]:
    """Spans cut at the first record end (byte position, rows and lines so far) past each `target_bytes`;
    the last runs to the end of the file."""
    start = Span()
    for position, rows, lines in record_ends:
        if position - start.start >= target_bytes:
            yield replace(start, end=position)
            start = Span(position, None, rows, lines)
    if start.start < size or start.start == 0:
        yield start


def file_groups(source, index: int, target_bytes: int) -> Iterator[Partition]:
    """A folder's files in order, grouped by size."""
    for files in _grouped(source.files, _file_size, target_bytes, MAX_FILES_PER_PARTITION):
        yield Partition(0, index, "files", files=files)


def row_blocks(items: Iterator[Item], index: int, target_bytes: int) -> Iterator[Partition]:
    """Records read here, in blocks of about `target_bytes` of text."""
    for rows in _grouped(items, _text_size, target_bytes, MAX_ROWS_PER_BLOCK):
        yield Partition(0, index, "rows", rows=rows)


def _grouped(things, size_of, target_bytes: int, max_count: int) -> Iterator[tuple]:
    """Consecutive things, grouped once a group reaches `target_bytes` or `max_count` things."""
    group: list = []
    size = 0
    for thing in things:
        group.append(thing)
        size += size_of(thing)
        if size >= target_bytes or len(group) >= max_count:
            yield tuple(group)
            group, size = [], 0
    if group:
        yield tuple(group)


def _file_size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # the worker reports it as skipped, as a local audit does


def _text_size(item: Item) -> int:
    return len(item.record.text) if isinstance(item, Read) else 0


def partition_items(source: Source, part: Partition) -> Iterator[Item]:
    """The records of one partition, read exactly as a whole-input read gives them."""
    if part.kind == "span":
        return source.items(part.span)
    if part.kind == "files":
        return source.items(part.files)
    return iter(part.rows)


def _utf16(path: str) -> bool:
    with open(path, "rb") as handle:
        return handle.read(2) in UTF16_BOMS
