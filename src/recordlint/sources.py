"""Turn paths and stdin into Records: decoding, line ends and clear input errors."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from recordlint.errors import InputError
from recordlint.findings import Record
from recordlint.formats import CHECKED_SUFFIXES, format_of


def decode(data: bytes, name: str, warn: Callable[[str], None]) -> str:
    """Decode UTF-8 (BOM or not), falling back to cp1252; normalise line ends."""
    if b"\x00" in data:
        raise InputError(f"{name}: contains NUL bytes; is it a binary file?")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(f"{name}: not UTF-8 or cp1252 text ({exc.reason} at byte {exc.start})") from None
        warn(f"{name}: not valid UTF-8 (byte {exc.start}); read as cp1252")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def expand_paths(paths: list[str], excluded: Callable[[str], bool] = lambda _: False) -> Iterator[str]:
    """Yield the files named, recursing into folders for *.txt, *.md and *.docx; `-` passes through.

    `excluded(path)` drops files (config `exclude:`), whether named or found.
    """
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in CHECKED_SUFFIXES and p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            yield from (str(p) for p in found if not excluded(str(p)))
        elif not excluded(raw):
            yield raw


def read_record(name: str, warn: Callable[[str], None]) -> Record:
    """Read one file (or `-` for stdin) into a Record, or raise InputError."""
    if name == "-":
        return to_record("-", decode(sys.stdin.buffer.read(), "<stdin>", warn), "text")
    path = Path(name)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file or folder") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    fmt = format_of(name)
    if fmt == "docx":
        from recordlint.formats.docx import docx_text

        return to_record(name, docx_text(data, name), fmt)
    return to_record(name, decode(data, name, warn), fmt)


def to_record(name: str, text: str, fmt: str) -> Record:
    """A Record whose `text` is what to lint: Markdown prose only, directive lines blanked."""
    if fmt == "markdown":
        from recordlint.formats.markdown import lintable_text

        return Record(name, lintable_text(text), format=fmt, original=text)
    from recordlint.suppressions import blank_text_directives

    lintable = blank_text_directives(text)
    return Record(name, lintable, format=fmt, original=None if lintable == text else text)
