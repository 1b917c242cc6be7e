"""The rule engine: compiled matchers, context cues, check kinds and the linter."""
