"""What every command shares: messages, error handling and the rule-selection options.

Only click is imported, so building the command line stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import click


def warn(message: str) -> None:
    click.echo(f"recordlint: warning: {message}", err=True)


def error(message: str) -> None:
    click.echo(f"recordlint: error: {message}", err=True)


def split(values: tuple[str, ...]) -> tuple[str, ...]:
    """Repeatable options that also take comma-separated lists."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


_CONFIG_KEYS = {"select": "select", "extend_select": "extend-select", "ignore": "ignore",
                "fail_on": "fail-on", "rules": "rules", "model": "model"}


def given(**values) -> dict:
    """Command-line values the user actually gave, keyed as in config files."""
    return {_CONFIG_KEYS[k]: v for k, v in values.items() if v not in (None, ())}


def guard(run: Callable[[], int | None]) -> None:
    """Run a command body: recordlint errors are one line on stderr and their exit code, never a traceback."""
    from recordlint.errors import RecordlintError

    try:
        code = run()
    except RecordlintError as exc:
        error(str(exc))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        error("interrupted")
        sys.exit(130)
    sys.exit(code or 0)


def engine_options(command):
    """--model, --rules, --select and --ignore, as `check`, `audit` and `rules` share them."""
    for option in reversed((
        click.option("--model", default=None, metavar="NAME",
                     help="An installed spaCy pipeline (default: blank English with rule-based parts)."),
        click.option("--rules", "rule_paths", multiple=True, metavar="PATH",
                     help="Extra rule pack file or folder, or a Vale style folder (repeatable)."),
        click.option("--select", multiple=True, metavar="RULE",
                     help="Only these rule ids, id prefixes or categories (repeatable or comma-separated)."),
        click.option("--ignore", multiple=True, metavar="RULE",
                     help="Skip these rule ids, id prefixes or categories (repeatable or comma-separated)."),
    )):
        command = option(command)
    return command
