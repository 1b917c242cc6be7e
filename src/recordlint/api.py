"""The Python API: build a linter once, then lint texts or records.

    from recordlint.api import build_linter, lint_texts
    linter = build_linter(select=["jargon"])
    for findings in linter.lint_texts(["Discussed the CIN plan."]):
        print([f.to_dict() for f in findings])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from recordlint.engine.linter import Linter
from recordlint.findings import Finding
from recordlint import pipeline
from recordlint.ruleset import load_ruleset
from recordlint.selection import check_selectors, explicitly_selected, select_rules


def build_linter(model: str | None = None, rules: Sequence[str] = (), select: Sequence[str] = (),
                 ignore: Sequence[str] = ()) -> Linter:
    """Load the built-in packs plus `rules`, apply select/ignore, and build the pipeline once.

    Rules of a pack with `formats:` (personal-data: Markdown and Word) run on other
    records (plain text, audit exports) only when `select` names them."""
    ruleset = load_ruleset(tuple(rules))
    chosen = select_rules(ruleset.rules, tuple(select), tuple(ignore))
    return Linter(ruleset, pipeline.build_pipeline(model), chosen, explicit=explicitly_selected(chosen, select))


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
