"""The Linter: compiled rules + one spaCy pipeline, turning Records into FileReports."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from recordlint.engine.compiler import Compiler, PatternError
from recordlint.engine.context import DocContext, NoteInfo, cue_key
from recordlint.engine.kinds import Candidate, Check, kinds
from recordlint.errors import RulePackError
from recordlint.findings import FileReport, Finding, LineIndex, Record
from recordlint.pipeline import capabilities
from recordlint.ruleset.loader import RuleSet
from recordlint.ruleset.schema import Rule

CHUNK_CHARS = 100_000  # well under spaCy's max_length; long notes are split at line breaks
BATCH_SIZE = 64


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut text into pieces of at most `limit` characters, at a line break or space where possible."""
    if len(text) <= limit:
        return [(0, text)]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + limit // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + limit // 2, end)
            end = cut + 1 if cut >= 0 else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


@dataclass(slots=True)
class _Raw:
    rule: Rule
    start: int
    end: int
    candidate: Candidate


@dataclass(slots=True)
class _NoteState:
    record: Record
    note: NoteInfo
    check_states: list[Any]
    raw: list[_Raw] = field(default_factory=list)


class Linter:
    """Build once, then lint any number of records with `nlp.pipe`."""

    def __init__(self, ruleset: RuleSet, nlp, rules: list[Rule] | None = None) -> None:
        self.nlp = nlp
        caps = capabilities(nlp)
        chosen = ruleset.rules if rules is None else rules
        self.skipped = [r for r in chosen if set(r.requires) - caps]
        self.rules = [r for r in chosen if not set(r.requires) - caps]
        compiler = Compiler(nlp)
        for name, specs in ruleset.cues.items():
            for spec in specs:
                _compile(lambda: compiler.add_spec(cue_key(name), spec), f"context.{name}", None)
        available = kinds()
        self.span_checks: list[Check] = []
        self.note_checks: list[Check] = []
        for rule in self.rules:
            check = _compile(lambda: available[rule.kind](rule, compiler), "patterns", rule)
            if rule.exceptions:
                _compile(lambda: compiler.add_spec(f"{rule.id}:except", rule.exceptions), "exceptions", rule)
            (self.note_checks if check.note_level else self.span_checks).append(check)
        self.compiler = compiler

    @property
    def notices(self) -> list[str]:
        if not self.skipped:
            return []
        ids = ", ".join(r.id for r in self.skipped)
        need = ", ".join(sorted({q for r in self.skipped for q in r.requires}))
        return [f"skipped {len(self.skipped)} rule(s) needing {need}, which this pipeline lacks "
                f"(use --model with a trained pipeline): {ids}"]

    def lint_texts(self, texts: Iterable[str]) -> Iterator[list[Finding]]:
        for report in self.lint(Record(str(i), t) for i, t in enumerate(texts)):
            yield report.findings

    def lint(self, records: Iterable[Record]) -> Iterator[FileReport]:
        """Lint records in order, streaming; long texts are split and their findings re-joined."""
        pending: dict[int, _NoteState] = {}

        def chunks():
            for index, record in enumerate(records):
                note = NoteInfo(record.text)
                pending[index] = _NoteState(record, note, [c.new_state() for c in self.note_checks])
                pieces = split_text(record.text, min(CHUNK_CHARS, self.nlp.max_length - 1))
                for k, (offset, piece) in enumerate(pieces):
                    yield piece, (index, offset, k == len(pieces) - 1)

        for doc, (index, offset, last) in self.nlp.pipe(chunks(), as_tuples=True, batch_size=BATCH_SIZE):
            state = pending[index]
            self._lint_doc(doc, offset, state)
            if last:
                yield self._finish(pending.pop(index))

    def _lint_doc(self, doc, offset: int, state: _NoteState) -> None:
        hits = self.compiler.run(doc)
        ctx = DocContext(doc, hits, offset, state.note)
        for check in self.span_checks:
            rule = check.rule
            for cand in check.find(ctx):
                if _accept(ctx, rule, cand.start, cand.end):
                    c0, c1 = ctx.char_span(cand.start, cand.end)
                    state.raw.append(_Raw(rule, c0, c1, cand))
        for check, check_state in zip(self.note_checks, state.check_states):
            rule = check.rule
            check.observe(ctx, check_state, lambda s, e, rule=rule: _accept(ctx, rule, s, e))

    def _finish(self, state: _NoteState) -> FileReport:
        text = state.record.text
        for check, check_state in zip(self.note_checks, state.check_states):
            cand = check.conclude(check_state, text)
            if cand is not None:
                state.raw.append(_Raw(check.rule, cand.start, cand.end, cand))
        kept = _resolve_overlaps(state.raw)
        if not kept:
            return FileReport(state.record, [])
        lines = LineIndex(text)
        findings = []
        for raw in kept:
            line, column = lines.locate(raw.start)
            matched = text[raw.start:raw.end]
            findings.append(Finding(
                rule=raw.rule.id, category=raw.rule.category, severity=raw.rule.severity,
                message=render_message(raw.rule.message, matched, raw.candidate),
                start=raw.start, end=raw.end, line=line, column=column, text=matched,
                suggestions=tuple(raw.candidate.suggestions),
            ))
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        return FileReport(state.record, findings)


def _accept(ctx: DocContext, rule: Rule, start: int, end: int) -> bool:
    """Apply a rule's `exceptions` and `unless` conditions to a token span."""
    if rule.exceptions:
        spans = ctx.hits_for(f"{rule.id}:except")
        if any(s < end and start < e for s, e in spans):
            return False
    return ctx.blocked_by(rule.unless, start, end) is None


def _resolve_overlaps(raw: list[_Raw]) -> list[_Raw]:
    """Within a category keep the longest of overlapping spans, so one phrase is reported once."""
    kept: list[_Raw] = []
    last_end: dict[str, int] = {}
    for item in sorted(raw, key=lambda r: (r.start, -(r.end - r.start), r.rule.id)):
        category = item.rule.category
        if item.start == item.end:  # note-level
            kept.append(item)
            continue
        if last_end.get(category, -1) > item.start:
            continue
        kept.append(item)
        last_end[category] = item.end
    return kept


class _Values(dict):
    def __missing__(self, key: str) -> str:
        return ""


def render_message(template: str, matched: str, cand: Candidate) -> str:
    values = _Values(cand.values)
    values.setdefault("match", matched)
    values.setdefault("suggestion", cand.suggestions[0] if cand.suggestions else "")
    values.setdefault("suggestions", " or ".join(cand.suggestions))
    return template.format_map(values)


def _compile(build, field_name: str, rule: Rule | None):
    try:
        return build()
    except PatternError as exc:
        if rule is None:
            raise RulePackError("context cues", f"bad token pattern: {exc}", field=field_name) from None
        raise RulePackError(rule.path, f"bad token pattern: {exc}", rule=rule.id, field=field_name,
                            line=rule.line) from None
