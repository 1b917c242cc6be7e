"""Run rules' own examples: every `flag` example must fire, every `pass` example must not.

`[[...]]` in a flag example marks where the finding must be; the marks are
removed before linting. Each rule is tested alone, so an example proves the
rule, not its neighbours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recordlint.engine.linter import Linter
from recordlint.findings import Record
from recordlint.ruleset.loader import RuleSet
from recordlint.ruleset.schema import Rule

_MARK = re.compile(r"\[\[(.+?)\]\]", re.S)


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    rule: str
    expectation: str  # "flag" or "pass"
    example: str
    detail: str

    def __str__(self) -> str:
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
    linter = Linter(ruleset, nlp, [rule])
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
        failures.extend(check_rule(rule, ruleset, nlp))
    return failures
