"""Run rules' own examples: every `flag` example must fire, every `pass` example must not.

`[[...]]` in a flag example marks where the finding must be; the marks are
removed before linting. Each rule is tested alone, so an example proves the
rule, not its neighbours. `recordlint rules test` and the test suite use
`check_ruleset`; a rule that cannot be compiled (a bad token pattern) is a
failure of that rule, not the end of the run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from recordlint.engine.linter import Linter
from recordlint.errors import RulePackError
from recordlint.findings import Record
from recordlint.ruleset.loader import RuleSet
from recordlint.ruleset.schema import Rule

_MARK = re.compile(r"\[\[(.+?)\]\]", re.S)


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    rule: str
    expectation: str  # "flag", "pass", or "load" for a rule that cannot be compiled
    example: str
    detail: str

    def __str__(self) -> str:
        if self.expectation == "load" or not self.example:
            return f"{self.rule}: {self.detail}"
        return f"{self.rule}: {self.expectation} example {self.example!r}: {self.detail}"


def strip_marks(example: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove `[[...]]` marks, returning the text and the marked character spans."""
    spans, parts, last, removed = [], [], 0, 0
    for m in _MARK.finditer(example):
        parts.append(example[last:m.start()])
        start = m.start() - removed
        spans.append((start, start + len(m.group(1))))
        parts.append(m.group(1))
        removed += 4
        last = m.end()
    parts.append(example[last:])
    return "".join(parts), spans


def check_rule(rule: Rule, ruleset: RuleSet, nlp) -> list[ExampleFailure]:
    # tested alone and by name, so a rule limited to some input formats runs on the examples too
    linter = Linter(ruleset, nlp, [rule], explicit={rule.id})
    if linter.skipped:
        return []
    failures = []
    cases = [("flag", e) for e in rule.examples.flag] + [("pass", e) for e in rule.examples.pass_]
    texts = [strip_marks(example) for _, example in cases]
    reports = linter.lint(Record(f"example-{i}", text) for i, (text, _) in enumerate(texts))
    for (expectation, example), (text, marks), report in zip(cases, texts, reports):
        found = [f for f in report.findings if f.rule == rule.id]
        if expectation == "pass" and found:
            failures.append(ExampleFailure(rule.id, "pass", example,
                                           "flagged " + ", ".join(repr(f.text or "(note)") for f in found)))
        elif expectation == "flag" and not found:
            failures.append(ExampleFailure(rule.id, "flag", example, "not flagged"))
        elif expectation == "flag":
            for m0, m1 in marks:
                if not any(f.start < m1 and m0 < f.end or f.start == f.end for f in found):
                    got = ", ".join(repr(f.text) for f in found)
                    failures.append(ExampleFailure(rule.id, "flag", example,
                                                   f"expected a finding on {text[m0:m1]!r}, got {got}"))
    return failures


def check_ruleset(ruleset: RuleSet, nlp, rules: list[Rule] | None = None) -> list[ExampleFailure]:
    failures = []
    for rule in rules if rules is not None else ruleset.rules:
        if not rule.examples.flag or not rule.examples.pass_:
            failures.append(ExampleFailure(rule.id, "flag" if not rule.examples.flag else "pass", "",
                                           "every rule needs at least one flag and one pass example"))
        try:
            failures.extend(check_rule(rule, ruleset, nlp))
        except RulePackError as exc:
            failures.append(ExampleFailure(rule.id, "load", "", str(exc)))
    return failures


def rules_from(ruleset: RuleSet, paths) -> list[Rule]:
    """The rules defined in, or changed by `extend:` in, the given pack files or folders."""
    roots = [Path(p).resolve() for p in paths]

    def inside(path: str) -> bool:
        where = Path(path.rsplit(":", 1)[0] if _HAS_LINE.search(path) else path).resolve()
        return any(where == root or root in where.parents for root in roots)

    return [r for r in ruleset.rules if inside(r.path) or any(inside(e) for e in r.extended_by)]


_HAS_LINE = re.compile(r":\d+$")
