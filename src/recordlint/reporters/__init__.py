"""Reporters: one small class per `--format`, all sharing the Reporter lifecycle."""

from __future__ import annotations

from recordlint.reporters.base import Reporter

_CLASSES = {
    "text": ("recordlint.reporters.text", "TextReporter"),
    "json": ("recordlint.reporters.json_report", "JsonReporter"),
    "concise": ("recordlint.reporters.concise", "ConciseReporter"),
    "github": ("recordlint.reporters.github", "GithubReporter"),
    "sarif": ("recordlint.reporters.sarif", "SarifReporter"),
    "junit": ("recordlint.reporters.junit", "JunitReporter"),
}
FORMATS = tuple(_CLASSES)


def get_reporter(name: str, **options) -> Reporter:
    """The reporter for a `--format`, imported only when used."""
    from importlib import import_module

    module, cls = _CLASSES[name]
    return getattr(import_module(module), cls)(**options)


__all__ = ["FORMATS", "Reporter", "get_reporter"]
