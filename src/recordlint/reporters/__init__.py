"""Reporters: one small class per `--format`, all sharing the Reporter lifecycle."""

from __future__ import annotations

from recordlint.reporters.base import Reporter

FORMATS = ("text", "json")


def get_reporter(name: str, **options) -> Reporter:
    if name == "json":
        from recordlint.reporters.json_report import JsonReporter

        return JsonReporter(**options)
    from recordlint.reporters.text import TextReporter

    return TextReporter(**options)


__all__ = ["FORMATS", "Reporter", "get_reporter"]
