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
from recordlint.selection import matches

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
    stacks: bool = False  # from a kind whose findings stand beside overlapping ones of their category


@dataclass(slots=True)
class _NoteState:
    record: Record
    note: NoteInfo
    check_states: list[Any]
    span_checks: list[Check]  # the span checks on for this record's format
    note_on: list[bool]  # which note checks are on for this record's format
    raw: list[_Raw] = field(default_factory=list)


class Linter:
    """Build once, then lint any number of records with `nlp.pipe`.

    A rule with `formats` (from its pack) runs only on records of those formats,
    unless its id is in `explicit` (the rules a --select or config `select` named),
    which turns it on for every format.
    """

    def __init__(self, ruleset: RuleSet, nlp, rules: list[Rule] | None = None,
                 explicit: frozenset[str] | set[str] = frozenset()) -> None:
        self.nlp = nlp
        self.explicit = frozenset(explicit)
        self._plans: dict[str, tuple[list[Check], list[bool]]] = {}
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

    def is_on(self, rule: Rule, fmt: str) -> bool:
        """Does `rule` run on a record of this format?"""
        return not rule.formats or fmt in rule.formats or rule.id in self.explicit

    def _plan(self, fmt: str) -> tuple[list[Check], list[bool]]:
        plan = self._plans.get(fmt)
        if plan is None:
            plan = self._plans[fmt] = ([c for c in self.span_checks if self.is_on(c.rule, fmt)],
                                       [self.is_on(c.rule, fmt) for c in self.note_checks])
        return plan

    def lint_texts(self, texts: Iterable[str]) -> Iterator[list[Finding]]:
        for report in self.lint(Record(str(i), t) for i, t in enumerate(texts)):
            yield report.findings

    def lint(self, records: Iterable[Record]) -> Iterator[FileReport]:
        """Lint records in order, streaming; long texts are split and their findings re-joined."""
        pending: dict[int, _NoteState] = {}

        def chunks():
            for index, record in enumerate(records):
                note = NoteInfo(record.text)
                span_checks, note_on = self._plan(record.format)
                pending[index] = _NoteState(record, note, [c.new_state() for c in self.note_checks],
                                            span_checks, note_on)
                pieces = split_text(record.text, min(CHUNK_CHARS, self.nlp.max_length - 1))
                for k, (offset, piece) in enumerate(pieces):
                    yield piece, (index, offset, piece, k == len(pieces) - 1)

        for doc, (index, offset, piece, last) in self.nlp.pipe(chunks(), as_tuples=True, batch_size=BATCH_SIZE):
            state = pending[index]
            self._lint_doc(doc, offset, piece, state)
            if last:
                yield self._finish(pending.pop(index))

    def _lint_doc(self, doc, offset: int, text: str, state: _NoteState) -> None:
        hits = self.compiler.run(doc)
        ctx = DocContext(doc, hits, offset, state.note, text)
        for check in state.span_checks:
            rule = check.rule
            for cand in check.find(ctx):
                if ctx.accepts(rule, cand.start, cand.end):
                    if cand.chars is not None:
                        c0, c1 = cand.chars[0] + offset, cand.chars[1] + offset
                    else:
                        c0, c1 = ctx.char_span(cand.start, cand.end)
                    state.raw.append(_Raw(rule, c0, c1, cand, check.stacks))
        for check, check_state, on in zip(self.note_checks, state.check_states, state.note_on):
            if on:
                rule = check.rule
                check.observe(ctx, check_state, lambda s, e, rule=rule: ctx.accepts(rule, s, e))

    def _finish(self, state: _NoteState) -> FileReport:
        text = state.record.text
        for check, check_state, on in zip(self.note_checks, state.check_states, state.note_on):
            if not on:
                continue
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


def _resolve_overlaps(raw: list[_Raw]) -> list[_Raw]:
    """One phrase is reported once.

    First `supersedes` / `defers_to`: where findings of two rules overlap and one rule
    says it replaces the other (or the other says it gives way), only the winner is
    kept, whatever their categories. Then, within a category, the longest of
    overlapping spans is kept. Findings of stacking kinds (`missing`: one finding per
    missing part, all on the same phrase) and note-level findings always stand.
    """
    dropped = _superseded(raw)
    kept: list[_Raw] = []
    last_end: dict[str, int] = {}
    for item in sorted(raw, key=lambda r: (r.start, -(r.end - r.start), r.rule.id)):
        category = item.rule.category
        if item.start == item.end:  # note-level
            kept.append(item)
            continue
        if id(item) in dropped:
            continue
        if item.stacks:
            kept.append(item)
            continue
        if last_end.get(category, -1) > item.start:
            continue
        kept.append(item)
        last_end[category] = item.end
    return kept


def _claims(a: _Raw, b: _Raw) -> tuple[bool, bool]:
    """(a's rule supersedes b's rule, a's rule defers to b's rule)."""
    return (any(matches(b.rule, s) for s in a.rule.supersedes),
            any(matches(b.rule, s) for s in a.rule.defers_to))


def _winner(a: _Raw, b: _Raw) -> _Raw | None:
    """Which of two overlapping findings stands, or None when neither rule claims the other.

    A rule's `defers_to` is stronger than any `supersedes`: a rule may supersede a whole
    category and still give way to one of its rules. Two equal claims: the longer span,
    then the smaller rule id, wins.
    """
    a_sup, a_def = _claims(a, b)
    b_sup, b_def = _claims(b, a)
    if a_def != b_def:
        return b if a_def else a
    if a_sup != b_sup:
        return a if a_sup else b
    if a_sup or a_def:  # equal claims on each other
        return a if (a.end - a.start, b.rule.id) >= (b.end - b.start, a.rule.id) else b
    return None


def _superseded(raw: list[_Raw]) -> set[int]:
    """ids of span findings replaced by an overlapping finding under `supersedes` / `defers_to`."""
    if not any(r.rule.supersedes or r.rule.defers_to for r in raw):
        return set()
    spans = sorted((r for r in raw if r.start != r.end), key=lambda r: (r.start, r.end))
    dropped: set[int] = set()
    for i, a in enumerate(spans):
        for b in spans[i + 1:]:
            if b.start >= a.end:
                break
            if a.rule.id == b.rule.id:
                continue
            winner = _winner(a, b)
            if winner is not None:
                dropped.add(id(b) if winner is a else id(a))
    return dropped


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
