"""Rule packs: the YAML schema, validation and loading."""

from recordlint.ruleset.loader import RuleSet, load_ruleset

__all__ = ["RuleSet", "load_ruleset"]
