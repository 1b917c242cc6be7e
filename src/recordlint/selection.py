"""Which rules run: `--select` / `--ignore` by rule id, id prefix or category."""

from __future__ import annotations

from collections.abc import Iterable

from recordlint.errors import RecordlintError
from recordlint.ruleset.schema import Rule


def matches(rule: Rule, selector: str) -> bool:
    return selector == "ALL" or selector == rule.category or rule.id.startswith(selector)


def check_selectors(rules: list[Rule], selectors: Iterable[str], label: str) -> None:
    """Refuse a selector that names no rule, so a typo never silently turns a check off.

    `label` says where the selector came from: `--select`, or a config file and key.
    """
    from recordlint.suppressions import UNUSED_CATEGORY, UNUSED_RULE

    for selector in selectors:
        if selector in (UNUSED_CATEGORY, UNUSED_RULE) or UNUSED_RULE.startswith(selector):
            continue
        if not any(matches(r, selector) for r in rules):
            raise RecordlintError(f"{label} {selector}: matches no rule id, prefix or category")


def select_rules(rules: list[Rule], select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> list[Rule]:
    """Rules matched by any `select` (all when empty) and by no `ignore`; unknown selectors are errors."""
    check_selectors(rules, select, "--select")
    check_selectors(rules, ignore, "--ignore")
    return [
        r for r in rules
        if (not select or any(matches(r, s) for s in select)) and not any(matches(r, s) for s in ignore)
    ]


def explicitly_selected(rules: list[Rule], select: Iterable[str]) -> frozenset[str]:
    """Ids of the rules a selector names (its id, an id prefix or its category; `ALL` names none).

    A rule whose pack limits it to some input formats (`formats:`) is on for every
    format when it is named like this.
    """
    named = [s for s in select if s != "ALL"]
    return frozenset(r.id for r in rules if any(matches(r, s) for s in named))
