"""Which rules run: `--select` / `--ignore` by rule id, id prefix or category."""

from __future__ import annotations

from recordlint.errors import RecordlintError
from recordlint.ruleset.schema import Rule


def matches(rule: Rule, selector: str) -> bool:
    return selector == "ALL" or selector == rule.category or rule.id.startswith(selector)


def select_rules(rules: list[Rule], select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> list[Rule]:
    """Rules matched by any `select` (all when empty) and by no `ignore`.

    A selector that names no rule is an error, so a typo never silently
    turns a check off.
    """
    from recordlint.suppressions import UNUSED_CATEGORY, UNUSED_RULE

    for option, selectors in (("--select", select), ("--ignore", ignore)):
        for selector in selectors:
            if selector in (UNUSED_CATEGORY, UNUSED_RULE) or UNUSED_RULE.startswith(selector):
                continue
            if not any(matches(r, selector) for r in rules):
                raise RecordlintError(f"{option} {selector}: matches no rule id, prefix or category")
    return [
        r for r in rules
        if (not select or any(matches(r, s) for s in select)) and not any(matches(r, s) for s in ignore)
    ]
