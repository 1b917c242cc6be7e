"""Inline suppressions, as ruff's noqa and Vale's comments, and the report of unused ones.

Markdown:   <!-- recordlint-disable jargon vagueness.quantity -->  ...  <!-- recordlint-enable -->
            <!-- recordlint-disable-next-line opinion-as-fact -->
            <!-- recordlint-disable-file -->
Plain text: the same words on a line of their own starting with `#` or `//`.

Selectors are rule ids, id prefixes or categories; none means every rule.
A directive that suppresses nothing becomes an info finding,
`recordlint.unused-suppression`, so stale ones get cleaned up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from recordlint.findings import Finding, LineIndex, Severity

UNUSED_RULE = "recordlint.unused-suppression"
UNUSED_CATEGORY = "suppression"
UNUSED_WHY = "Stale suppressions hide nothing but still tell readers a problem was accepted; remove them."

_KINDS = r"(disable-next-line|disable-file|disable|enable)"
_MARKDOWN = re.compile(r"<!--\s*recordlint-" + _KINDS + r"\b(.*?)-->", re.S)
_TEXT = re.compile(r"^[ \t]*(?:#|//)[ \t]*recordlint-" + _KINDS + r"\b(.*)$", re.M)


def selector_matches(rule: str, category: str, selector: str) -> bool:
    return selector in ("ALL", category) or rule.startswith(selector)


@dataclass(slots=True)
class Directive:
    kind: str
    selectors: tuple[str, ...]
    start: int
    end: int
    line: int  # first line of the directive
    last_line: int  # last line of the directive
    until_line: int | None = None  # for `disable`: the line of the matching enable
    used: int = 0

    def covers(self, finding: Finding) -> bool:
        if self.selectors and not any(selector_matches(finding.rule, finding.category, s) for s in self.selectors):
            return False
        if self.kind == "disable-file":
            return True
        if self.kind == "disable-next-line":
            return finding.line == self.last_line + 1
        if self.kind == "disable":
            return finding.line > self.last_line and (self.until_line is None or finding.line < self.until_line)
        return False


@dataclass(slots=True)
class Suppressions:
    directives: list[Directive] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.directives)

    def apply(self, findings: list[Finding], text: str) -> list[Finding]:
        """Findings not suppressed, plus an info finding for each directive that suppressed nothing."""
        active = [d for d in self.directives if d.kind != "enable"]
        kept = []
        for finding in findings:
            hit = next((d for d in active if d.covers(finding)), None)
            if hit is None:
                kept.append(finding)
            else:
                hit.used += 1
        lines = LineIndex(text)
        for d in active:
            if not d.used:
                line, column = lines.locate(d.start)
                kept.append(Finding(
                    rule=UNUSED_RULE, category=UNUSED_CATEGORY, severity=Severity.INFO,
                    message=f"recordlint-{d.kind} {' '.join(d.selectors) or '(all rules)'} suppresses nothing; remove it",
                    start=d.start, end=d.end, line=line, column=column, text=text[d.start:d.end]))
        kept.sort(key=lambda f: (f.start, f.end, f.rule))
        return kept


def parse(text: str, fmt: str) -> Suppressions:
    """Directives in a file's original text (`fmt` is markdown, text or docx)."""
    regex = _MARKDOWN if fmt == "markdown" else _TEXT
    if "recordlint-" not in text:
        return Suppressions()
    lines = LineIndex(text)
    directives = []
    for m in regex.finditer(text):
        selectors = tuple(s for s in re.split(r"[\s,]+", m.group(2).strip()) if s)
        line, _ = lines.locate(m.start())
        last, _ = lines.locate(max(m.start(), m.end() - 1))
        directives.append(Directive(m.group(1), selectors, m.start(), m.end(), line, last))
    _pair_ranges(directives)
    return Suppressions(directives)


def _pair_ranges(directives: list[Directive]) -> None:
    """End each `disable` at the first later `enable` that names all its selectors (or names none)."""
    for i, d in enumerate(directives):
        if d.kind != "disable":
            continue
        for later in directives[i + 1:]:
            if later.kind == "enable" and (not later.selectors or set(d.selectors) <= set(later.selectors)):
                d.until_line = later.line
                break


def blank_text_directives(text: str) -> str:
    """Plain-text directive lines are instructions, not note text: blank them for linting."""
    if "recordlint-" not in text:
        return text
    return _TEXT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
