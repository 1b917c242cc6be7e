"""The command line. Commands stay thin; heavy modules (spaCy) are imported only when a command runs."""

from __future__ import annotations

import sys

import click

from recordlint import __version__

FAIL_ON = ("info", "warning", "error", "never")


def _warn(message: str) -> None:
    click.echo(f"recordlint: warning: {message}", err=True)


def _error(message: str) -> None:
    click.echo(f"recordlint: error: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="recordlint")
def main() -> None:
    """Lint social-care case records for jargon, vagueness, opinion stated as fact and missing voice."""


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH ...|-]")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Report format.")
@click.option("--model", default=None, metavar="NAME",
              help="An installed spaCy pipeline (default: blank English with rule-based parts).")
@click.option("--rules", "rule_paths", multiple=True, metavar="PATH",
              help="Extra rule pack file or folder (repeatable).")
@click.option("--select", multiple=True, metavar="RULE",
              help="Only these rule ids, id prefixes or categories (repeatable or comma-separated).")
@click.option("--ignore", multiple=True, metavar="RULE",
              help="Skip these rule ids, id prefixes or categories (repeatable or comma-separated).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="warning", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: only on a terminal).")
@click.option("--quiet", "-q", is_flag=True, help="Print only findings, one line each; no summary.")
def check(paths, output_format, model, rule_paths, select, ignore, fail_on, color, quiet) -> None:
    """Check notes: files, folders (*.txt, *.md) or - for stdin.

    Exit status: 0 no findings at or above --fail-on, 1 findings, 2 usage or input error.
    """
    from recordlint.errors import RecordlintError

    if not paths:
        _error("no input: give files, folders or - for stdin (see recordlint check --help)")
        sys.exit(2)
    try:
        code = _run_check(paths, output_format, model, rule_paths, _split(select), _split(ignore),
                          fail_on, color, quiet)
    except RecordlintError as exc:
        _error(str(exc))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _error("interrupted")
        sys.exit(130)
    sys.exit(code)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _run_check(paths, output_format, model, rule_paths, select, ignore, fail_on, color, quiet) -> int:
    from recordlint.api import build_linter
    from recordlint.errors import InputError
    from recordlint.findings import Report, Severity
    from recordlint.reporters import get_reporter
    from recordlint.sources import expand_paths, read_record

    linter = build_linter(model, rule_paths, select, ignore)
    reporter = get_reporter(output_format, color=color, quiet=quiet, rules={r.id: r for r in linter.rules})
    input_errors = 0

    def records():
        nonlocal input_errors
        for name in expand_paths(list(paths)):
            try:
                yield read_record(name, _warn)
            except InputError as exc:
                input_errors += 1
                _error(str(exc))

    report = Report(notices=linter.notices)
    for file_report in linter.lint(records()):
        report.files.append(file_report)
        reporter.file(file_report)
    reporter.finish(report)
    if input_errors:
        return 2
    worst = report.worst()
    if fail_on != "never" and worst is not None and worst >= Severity.parse(fail_on):
        return 1
    return 0


if __name__ == "__main__":
    main()
