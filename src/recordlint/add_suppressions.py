"""`check --add-suppressions`: write a suppression for every current finding (ruff's --add-noqa).

Markdown gets `<!-- recordlint-disable-next-line RULES -->` above each line
with findings (or a disable/enable pair around a table, which a comment line
would break); plain text gets `# recordlint-disable-next-line RULES`.
Note-level findings get a `disable-file` directive at the end of the file.
"""

from __future__ import annotations

import re
from pathlib import Path

from recordlint.errors import InputError
from recordlint.findings import FileReport
from recordlint.suppressions import UNUSED_RULE


_NEXT_LINE = re.compile(r"recordlint-disable-next-line\b[^\n>]*?(?=\s*(?:-->|$))")


def _directive(fmt: str, words: str) -> str:
    return f"<!-- recordlint-{words} -->" if fmt == "markdown" else f"# recordlint-{words}"


def _table_ranges(source: str) -> list[tuple[int, int]]:
    from recordlint.formats.markdown import _parser

    return [(t.map[0], t.map[1]) for t in _parser().parse(source) if t.type == "table_open" and t.map]


def suppressed_source(report: FileReport) -> tuple[str, int] | None:
    """The file's text with directives added and how many, or None when nothing needs one."""
    record = report.record
    findings = [f for f in report.findings if f.rule != UNUSED_RULE]
    if not findings or record.format not in ("markdown", "text") or record.path == "-":
        return None
    source = record.display_text
    lines = source.split("\n")
    by_line: dict[int, list[str]] = {}
    whole_file: list[str] = []
    for f in findings:
        target = whole_file if f.start == f.end else by_line.setdefault(f.line - 1, [])
        if f.rule not in target:
            target.append(f.rule)
    before: dict[int, list[str]] = {}
    after: dict[int, list[str]] = {}
    merged = 0
    tables = _table_ranges(source) if record.format == "markdown" else []
    for index, rules in sorted(by_line.items()):
        table = next(((a, b) for a, b in tables if a <= index < b), None)
        if table:
            names = " ".join(rules)
            before.setdefault(table[0], []).append(_directive(record.format, f"disable {names}"))
            after.setdefault(table[1] - 1, []).append(_directive(record.format, f"enable {names}"))
        elif index > 0 and _NEXT_LINE.search(lines[index - 1]):
            # extend the directive already above the line rather than pushing it away from its line
            lines[index - 1] = _NEXT_LINE.sub(lambda m: m.group(0).rstrip() + " " + " ".join(rules) + " ",
                                             lines[index - 1], count=1).replace("  -->", " -->")
            merged += 1
        else:
            indent = re.match(r"[ \t]*", lines[index]).group(0)
            before.setdefault(index, []).append(
                indent + _directive(record.format, "disable-next-line " + " ".join(rules)))
    added = merged + sum(map(len, before.values())) + (1 if whole_file else 0)
    out: list[str] = []
    for index, line in enumerate(lines):
        out.extend(before.get(index, ()))
        out.append(line)
        out.extend(after.get(index, ()))
    if whole_file:
        if out and out[-1] == "":
            out.pop()
        out.append(_directive(record.format, "disable-file " + " ".join(whole_file)))
        out.append("")
    return "\n".join(out), added


def add_suppressions(reports: list[FileReport]) -> tuple[int, int]:
    """Rewrite files in place; returns (directives added, files changed)."""
    added = changed = 0
    for report in reports:
        result = suppressed_source(report)
        if result is None:
            continue
        new, count = result
        path = Path(report.path)
        try:
            newline = "\r\n" if b"\r\n" in path.read_bytes() else "\n"  # keep the file's line ends
            path.write_text(new, encoding="utf-8", newline=newline)
        except OSError as exc:
            raise InputError(f"{report.path}: cannot write ({exc.strerror or exc})") from None
        added += count
        changed += 1
    return added, changed
