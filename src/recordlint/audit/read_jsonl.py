"""JSON Lines exports (plain or gzip): one JSON object per line, streamed.

A record's row is its line number. Keys are matched case-insensitively, per
object. A line that is not a JSON object, or lacks the text key, costs that
line only: it is listed as skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from recordlint.audit.model import Item, Skipped
from recordlint.audit.options import AuditOptions
from recordlint.audit.readers import (
    READ_ERRORS, ColumnPlan, LineDecoder, Span, make_item, open_binary, plan_columns, rest_unreadable,
    stream_error,
)
from recordlint.errors import InputError

MAX_PROBE_LINES = 1000  # lines read to find the first object, for the columns


class JsonlSource:
    def __init__(self, path: str, options: AuditOptions, *, gz: bool = False) -> None:
        self.path = path
        self.options = options
        self.gz = gz
        self.format = "jsonl" + (".gz" if gz else "")
        self.plan: ColumnPlan | None = None

    def prepare(self) -> None:
        """Match the columns against the keys of the first object in the file."""
        first: dict | None = None
        with open_binary(self.path, self.gz) as stream:
            try:
                for number, line in enumerate(LineDecoder(stream).lines(), 1):
                    if number > MAX_PROBE_LINES:
                        break
                    stripped = line.strip()
                    if not stripped:
                        continue
                    if number == 1 and stripped.startswith("["):
                        raise InputError(f"{self.path}: a JSON array; recordlint audit reads JSON Lines "
                                         "(one object per line)")
                    try:
                        value = json.loads(stripped)
                    except (ValueError, RecursionError):
                        continue
                    if isinstance(value, dict):
                        first = value
                        break
            except READ_ERRORS as exc:
                raise InputError(f"{self.path}: cannot read: {stream_error(exc)}") from None
        if first is None:
            self.plan = None
            return
        columns = [str(k) for k in first]
        # Keys are looked up per object, lower-cased (see `items`).
        self.plan = plan_columns(self.path, columns, self.options, keys=[c.strip().lower() for c in columns])

    def count(self) -> int | None:
        try:
            with open_binary(self.path, self.gz) as stream:
                return sum(1 for line in stream if line.strip())
        except READ_ERRORS:
            return None

    def items(self, span: Span | None = None) -> Iterator[Item]:
        """The records, in order: of the whole file, or of one `span` of it (see `recordlint.audit.split`)."""
        source = self.path
        plan = self.plan
        with open_binary(self.path, self.gz) as stream:
            decoder = LineDecoder(stream, span)
            lines = decoder.lines()
            number = span.first_line if span else 0
            while True:
                try:
                    line = next(lines)
                except StopIteration:
                    return
                except READ_ERRORS as exc:
                    yield rest_unreadable(source, number + 1, number + 1, exc)
                    return
                number += 1
                warnings = decoder.take()
                stripped = line.strip()
                if not stripped:
                    continue
                if plan is None:  # no object anywhere near the start of the file
                    yield Skipped(source, number, "", "not a JSON object")
                    continue
                try:
                    value = json.loads(stripped)
                except (ValueError, RecursionError) as exc:
                    yield Skipped(source, number, "", f"malformed JSON ({_json_error(exc)})")
                    continue
                if not isinstance(value, dict):
                    yield Skipped(source, number, "", f"not a JSON object (a JSON {_kind(value)})")
                    continue
                yield _item(source, number, value, plan, warnings)


def _item(source: str, number: int, obj: dict, plan: ColumnPlan, warnings: tuple[str, ...]) -> Item:
    lowered = {str(k).strip().lower(): v for k, v in obj.items()}
    record_id = _cell(lowered.get(plan.id)) if plan.id is not None else ""
    if plan.text not in lowered:
        return Skipped(source, number, record_id.strip(), f"no '{plan.text}' key (the text column)")
    text = lowered[plan.text]
    if isinstance(text, (dict, list)):
        return Skipped(source, number, record_id.strip(), f"'{plan.text}' is not text (a JSON {_kind(text)})")
    return make_item(source, number, lambda key: _cell(lowered.get(key)), plan, warnings)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {dict: "object", list: "array", str: "string"}.get(type(value), type(value).__name__)


def _json_error(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg}, column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return type(exc).__name__
