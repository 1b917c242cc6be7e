"""The funnel every finding passes after linting: per-file ignores → suppressions → baseline.

One place, so reports and totals always agree on what was kept.
"""

from __future__ import annotations

from dataclasses import replace

from recordlint.baseline import Baseline
from recordlint.config import Settings
from recordlint.findings import FileReport
from recordlint.suppressions import UNUSED_RULE, parse, selector_matches


def decide(report: FileReport, settings: Settings, baseline: Baseline | None = None) -> FileReport:
    findings = report.findings
    ignores = settings.ignores_for(report.path)
    if ignores:
        findings = [f for f in findings if not any(selector_matches(f.rule, f.category, s) for s in ignores)]
    record = report.record
    suppressions = parse(record.display_text, record.format)
    if suppressions:
        findings = suppressions.apply(findings, record.display_text)
        dropped = ignores + settings.ignore  # unused-suppression findings honour --ignore too
        if dropped:
            findings = [f for f in findings if f.rule != UNUSED_RULE
                        or not any(selector_matches(f.rule, f.category, s) for s in dropped)]
    decided = FileReport(record, findings)
    if baseline is not None:
        decided = FileReport(record, baseline.new_findings(decided))
    return decided


def with_severities(rules, overrides: dict[str, str]):
    """Rules with config `severity:` applied; an exact id beats a longer prefix beats a category."""
    if not overrides:
        return rules
    from recordlint.findings import Severity

    out = []
    for rule in rules:
        best, best_rank = None, -1
        for key, level in overrides.items():
            if key == rule.id:
                rank = 10_000
            elif rule.id.startswith(key):
                rank = len(key)
            elif key == rule.category:
                rank = 0
            else:
                continue
            if rank > best_rank:
                best, best_rank = level, rank
        out.append(rule if best is None else replace(rule, severity=Severity.parse(best)))
    return out
