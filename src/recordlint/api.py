"""The Python API: build a linter once, then lint texts or records.

    from recordlint.api import build_linter, check, finding_rows
    linter = build_linter(select=["jargon"])
    for findings in check(["Discussed the CIN plan."], linter=linter):
        print([f.to_dict() for f in findings])

`finding_rows` gives flat rows (FINDING_FIELDS) for a DataFrame: see the
README's Spark `mapInPandas` example.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence

from recordlint.engine.linter import Linter
from recordlint.findings import Finding, Record
from recordlint import pipeline
from recordlint.ruleset import load_ruleset
from recordlint.selection import check_selectors, explicitly_selected, select_rules


def build_linter(model: str | None = None, rules: Sequence[str] = (), select: Sequence[str] = (),
                 ignore: Sequence[str] = (), severity: Mapping[str, str] | None = None) -> Linter:
    """Load the built-in packs plus `rules`, apply select/ignore (and `severity` overrides, by rule
    id, prefix or category), and build the pipeline once.

    Rules of a pack with `formats:` (personal-data: Markdown and Word) run on other
    records (plain text, audit exports) only when `select` names them."""
    ruleset = load_ruleset(tuple(rules))
    chosen = select_rules(ruleset.rules, tuple(select), tuple(ignore))
    if severity:
        from recordlint.decide import with_severities

        chosen = with_severities(chosen, dict(severity))
    return Linter(ruleset, pipeline.build_pipeline(model), chosen, explicit=explicitly_selected(chosen, select))


_SHARED: dict[str, Linter] = {}


def shared_linter(**options) -> Linter:
    """This process's linter for `options` (those of `build_linter`), built the first time they are seen.

    For workers that run many tasks (a Dask worker, a Spark Python worker): the pipeline and rules
    are built once per process, not once per task. Building writes no pack cache to disk."""
    key = json.dumps(options, sort_keys=True, default=list)
    linter = _SHARED.get(key)
    if linter is None:
        from recordlint.ruleset.cache import no_pack_cache

        with no_pack_cache():
            linter = _SHARED[key] = build_linter(**options)
    return linter


def build_linter_from(settings) -> Linter:
    """A linter for a resolved `config.Settings`: packs, select/ignore, severities and model."""
    from recordlint.decide import with_severities

    ruleset = load_ruleset(tuple(settings.rules))
    for key, selectors in settings.selectors_by_key():
        check_selectors(ruleset.rules, selectors, settings.label(key))
    select = settings.effective_select()
    chosen = select_rules(ruleset.rules, select, settings.ignore)
    return Linter(ruleset, pipeline.build_pipeline(settings.model), with_severities(chosen, settings.severity),
                  explicit=explicitly_selected(chosen, select))


def lint_texts(texts: Iterable[str], **options) -> list[list[Finding]]:
    """Findings for each text, in order; `options` are those of `build_linter`."""
    return list(build_linter(**options).lint_texts(texts))


FINDING_FIELDS = ("record_id", "rule", "category", "severity", "line", "column", "start", "end", "text",
                  "message", "suggestion")


def check(items: Iterable[str | Record], *, linter: Linter | None = None, **options) -> Iterator[list[Finding]]:
    """Findings for each text or `Record`, in order, streamed. Pass a `linter` to reuse one;
    else one is built from `options` (those of `build_linter`)."""
    linter = linter or build_linter(**options)
    records = (item if isinstance(item, Record) else Record("", str(item)) for item in items)
    for report in linter.lint(records):
        yield report.findings


def finding_rows(items: Iterable[str | Record], ids: Iterable[object] | None = None, *,
                 linter: Linter | None = None, no_text: bool = False, **options) -> Iterator[dict]:
    """One flat dict per finding (keys: FINDING_FIELDS), streamed, for a DataFrame or a CSV writer.

    `ids` name the items in order (default: a Record's id, else the item's index). With
    `no_text`, matched text is left out and messages carry '…' where they would quote the note.
    """
    from dataclasses import replace

    from recordlint.audit.worker import redact

    linter = linter or build_linter(**options)
    templates = {rule.id: rule.message for rule in linter.rules}
    names = iter(ids) if ids is not None else None

    def records() -> Iterator[Record]:
        for index, item in enumerate(items):
            record = item if isinstance(item, Record) else Record("", "" if item is None else str(item))
            name = next(names, None) if names is not None else None
            yield replace(record, id=str(name if name is not None else record.id or index))

    for report in linter.lint(records()):
        for f in report.findings:
            yield {"record_id": report.record.id, "rule": f.rule, "category": f.category,
                   "severity": f.severity.label, "line": f.line, "column": f.column, "start": f.start,
                   "end": f.end, "text": "" if no_text else f.text,
                   "message": redact(templates.get(f.rule, ""), f.suggestions) if no_text else f.message,
                   "suggestion": " / ".join(f.suggestions)}
