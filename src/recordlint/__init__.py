"""recordlint: a linter for social-care case records."""

__version__ = "0.1.0"
