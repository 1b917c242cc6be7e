"""summary.json: the audit's totals, what was skipped and why, and how the audit was run.

The keys are documented in docs/audit.md; keys may be added, never renamed or removed.
"""

from __future__ import annotations

from recordlint.audit.aggregate import Totals
from recordlint.audit.options import AuditOptions
from recordlint.audit.outputs import OUTPUT_FILES
from recordlint.audit.score import KEEP_PER_FINDING, KEEP_PER_NOTE_LEVEL, MIN_WORDS, SEVERITY_WEIGHTS

SCHEMA_VERSION = 1


def score_formula() -> str:
    weights = ", ".join(f"{k} {v:g}" for k, v in SEVERITY_WEIGHTS.items())
    return (f"score = 100 × {KEEP_PER_FINDING:g}^D × {KEEP_PER_NOTE_LEVEL:g}^N, where D is the weighted findings "
            f"per 100 words ({weights}; notes under {MIN_WORDS} words count as {MIN_WORDS}) and N the note-level "
            "findings (voice missing); 100 means nothing found.")


def build_summary(totals: Totals, options: AuditOptions, linter, *, started: str, finished: str,
                  seconds: float, stopped: str | None, parallel: bool, cluster: dict | None = None) -> dict:
    from recordlint import __version__

    scores = [s for s, n in enumerate(totals.score_counts) if n]
    chosen = options.linter_options()
    return {
        "schema_version": SCHEMA_VERSION,
        "recordlint_version": __version__,
        "started": started,
        "finished": finished,
        "audit": {
            "complete": stopped is None,
            "stopped": stopped,
            "seconds": round(seconds, 2),
            "jobs": options.jobs,
            "parallel": parallel,
            "engine": options.engine,
            "cluster": cluster,
            "no_text": options.no_text,
            "limit": options.limit,
            "text_column": options.text_column,
            "id_column": options.id_column,
            "group_by": list(options.group_by),
            "delimiter": options.delimiter,
            "sheet": options.sheet,
            "model": chosen["model"],
            "select": list(chosen["select"]),
            "ignore": list(chosen["ignore"]),
            "severity": chosen["severity"],
            "config": str(options.settings.path) if options.settings and options.settings.path else None,
            "fail_on": options.fail_on,
            "output_dir": options.output_dir,
            "outputs": list(OUTPUT_FILES),
        },
        "inputs": [stats.to_dict() for stats in totals.inputs],
        "rule_packs": rule_packs(linter),
        "rules_used": len(linter.rules),
        "rules": {r.id: {"category": r.category, "severity": r.severity.label, "pack": r.pack,
                         "why": r.why, "link": r.link, "description": r.description} for r in linter.rules},
        "notices": list(linter.notices),
        "records_read": totals.records_read,
        "records_checked": totals.records_checked,
        "records_skipped": totals.records_skipped,
        "skipped": totals.skipped,
        "words": totals.words,
        "findings": totals.findings,
        "findings_per_100_words": totals.findings_per_100_words(),
        "records_with_findings": totals.records_with_findings,
        "by_category": dict(sorted(totals.by_category.items())),
        "by_severity": dict(sorted(totals.by_severity.items())),
        "by_rule": dict(sorted(totals.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_group": {name: {value: stats.to_dict() for value, stats in sorted(values.items())}
                     for name, values in totals.by_group.items()},
        "score": {
            "mean": totals.mean_score(),
            "median": totals.median_score(),
            "min": min(scores) if scores else None,
            "max": max(scores) if scores else None,
            "distribution": totals.score_distribution(),
            "formula": score_formula(),
        },
        "lowest_scoring": totals.lowest(),
        "warnings_total": totals.warnings_total,
        "warnings": totals.warnings,
    }


def rule_packs(linter) -> list[dict]:
    """The packs the chosen rules came from, in load order, with how many rules each gave."""
    packs: dict[tuple[str, str], int] = {}
    for rule in linter.rules:
        key = (rule.pack, rule.path)
        packs[key] = packs.get(key, 0) + 1
    return [{"pack": pack, "file": path, "rules": n} for (pack, path), n in packs.items()]
