"""Errors that end a run with a one-line message and exit code 2."""


class RecordlintError(Exception):
    """A usage, input or rule-pack error; the message is shown as one line."""

    exit_code = 2


class InputError(RecordlintError):
    """An input that cannot be read."""


class RulePackError(RecordlintError):
    """A rule pack that fails to load or validate."""

    def __init__(self, source: str, message: str, *, rule: str | None = None,
                 field: str | None = None, line: int | None = None) -> None:
        where = source if line is None else f"{source}:{line}"
        parts = [where]
        if rule:
            parts.append(f"rule {rule}")
        if field:
            parts.append(f"field '{field}'")
        super().__init__(": ".join(parts) + f": {message}")
        self.source, self.rule, self.field, self.line = source, rule, field, line
