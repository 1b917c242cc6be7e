"""Folders of notes: every .txt, .md and .docx file below a folder is one record.

Files are found and read exactly as `recordlint check` finds and reads them
(`recordlint.sources`): UTF-8, else cp1252 with a warning; Markdown linted as
prose; Word documents as their paragraphs and table cells, one per line;
hidden files and folders left out. A record's id is its path inside the
folder, its source the file itself, and it has no row. A file that cannot be
read, or has NUL bytes, is skipped with the reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from pathlib import Path

from recordlint.audit.model import Item, Read, Skipped
from recordlint.audit.options import AuditOptions
from recordlint.errors import InputError
from recordlint.sources import expand_paths, read_record

MAX_NOTE_BYTES = 64 * 1024 * 1024


class FolderSource:
    def __init__(self, path: str, options: AuditOptions) -> None:
        self.path = path
        self.options = options
        self.format = "folder"
        self.files: list[str] = []

    def prepare(self) -> None:
        try:
            self.files = list(expand_paths([self.path]))
        except OSError as exc:
            raise InputError(f"{self.path}: cannot list the folder ({exc.strerror or exc})") from None

    def count(self) -> int | None:
        return len(self.files)

    def items(self, files: Sequence[str] | None = None) -> Iterator[Item]:
        """A record per file: every file found, or just `files` (some of them, for one partition)."""
        root = Path(self.path)
        groups = tuple((name, "") for name in self.options.group_by)
        for file in self.files if files is None else files:
            yield read_note_file(file, Path(file).relative_to(root).as_posix(), groups)


class NoteFileSource:
    """One .txt, .md or .docx file named on the command line: one record."""

    def __init__(self, path: str, options: AuditOptions) -> None:
        self.path = path
        self.options = options
        self.format = "note"

    def prepare(self) -> None:
        pass

    def count(self) -> int | None:
        return 1

    def items(self, files: Sequence[str] | None = None) -> Iterator[Item]:
        groups = tuple((name, "") for name in self.options.group_by)
        yield read_note_file(self.path, Path(self.path).name, groups)


def read_note_file(path: str, record_id: str, groups: tuple[tuple[str, str], ...]) -> Item:
    try:
        if Path(path).stat().st_size > MAX_NOTE_BYTES:
            return Skipped(path, None, record_id, f"larger than {MAX_NOTE_BYTES // (1024 * 1024)} MB")
    except OSError as exc:
        return Skipped(path, None, record_id, f"cannot read ({exc.strerror or type(exc).__name__})")
    warnings: list[str] = []
    try:
        record = read_record(path, lambda message: warnings.append(message.removeprefix(f"{path}: ")))
    except InputError as exc:
        return Skipped(path, None, record_id, str(exc).removeprefix(f"{path}: "))
    if not record.text.strip():
        return Skipped(path, None, record_id, "empty text")
    return Read(dataclasses.replace(record, id=record_id, row=None, fields=groups), tuple(warnings))
