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
    used: int = 0

    def names(self, rule: str, category: str) -> bool:
        """Does the directive apply to this rule? No selectors means every rule."""
        return not self.selectors or any(selector_matches(rule, category, s) for s in self.selectors)


@dataclass(slots=True)
class Suppressions:
    directives: list[Directive] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.directives)

    def covering(self, finding: Finding) -> Directive | None:
        """The directive that silences a finding, if any."""
        rule, category = finding.rule, finding.category
        for d in self.directives:
            if d.kind == "disable-file" and d.names(rule, category):
                return d
            if d.kind == "disable-next-line" and finding.line == d.last_line + 1 and d.names(rule, category):
                return d
        # disable/enable regions: replay them in order up to the finding's line
        active: Directive | None = None
        for d in self.directives:
            if d.last_line >= finding.line:
                break
            if d.kind == "disable" and d.names(rule, category):
                active = d
            elif d.kind == "enable" and d.names(rule, category):
                active = None
        return active

    def apply(self, findings: list[Finding], text: str) -> list[Finding]:
        """Findings not suppressed, plus an info finding for each directive that suppressed nothing."""
        kept = []
        for finding in findings:
            hit = self.covering(finding)
            if hit is None:
                kept.append(finding)
            else:
                hit.used += 1
        self._mark_enables()
        lines = LineIndex(text)
        for d in self.directives:
            if not d.used:
                line, column = lines.locate(d.start)
                what = "re-enables nothing" if d.kind == "enable" else "suppresses nothing"
                kept.append(Finding(
                    rule=UNUSED_RULE, category=UNUSED_CATEGORY, severity=Severity.INFO,
                    message=f"recordlint-{d.kind} {' '.join(d.selectors) or '(all rules)'} {what}; remove it",
                    start=d.start, end=d.end, line=line, column=column, text=text[d.start:d.end]))
        kept.sort(key=lambda f: (f.start, f.end, f.rule))
        return kept

    def _mark_enables(self) -> None:
        """An `enable` is used when it ends a `disable` that shares a selector with it (or either names all)."""
        active: list[Directive] = []
        for d in self.directives:
            if d.kind == "disable":
                active.append(d)
            elif d.kind == "enable":
                closes = [a for a in active if not a.selectors or not d.selectors
                          or set(a.selectors) & set(d.selectors)]
                if closes:
                    d.used = 1
                    if not d.selectors:
                        active.clear()
                    else:
                        active = [a for a in active if not a.selectors or not set(a.selectors) <= set(d.selectors)]


def parse(text: str, fmt: str) -> Suppressions:
    """Directives in a file's original text (`fmt` is markdown, text or docx)."""
    regex = _MARKDOWN if fmt == "markdown" else _TEXT
    if "recordlint-" not in text:
        return Suppressions()
    if fmt == "markdown":  # a directive shown inside code is an example, not an instruction
        from recordlint.formats.markdown import lintable_text

        text = lintable_text(text, keep_html=True)
    lines = LineIndex(text)
    directives = []
    for m in regex.finditer(text):
        selectors = tuple(s for s in re.split(r"[\s,]+", m.group(2).strip()) if s)
        line, _ = lines.locate(m.start())
        last, _ = lines.locate(max(m.start(), m.end() - 1))
        directives.append(Directive(m.group(1), selectors, m.start(), m.end(), line, last))
    return Suppressions(directives)


def blank_text_directives(text: str) -> str:
    """Plain-text directive lines are instructions, not note text: blank them for linting."""
    if "recordlint-" not in text:
        return text
    return _TEXT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
