"""The command line. Commands stay thin; heavy modules (spaCy) are imported only when a command runs."""

from __future__ import annotations

import os
import sys

import click

from recordlint import __version__
from recordlint.clikit import engine_options, error, given, guard, split, warn
from recordlint.findings import FAIL_ON
from recordlint.reporters import FORMATS



@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="recordlint")
def main() -> None:
    """Lint social-care case records for jargon, vagueness, opinion stated as fact and missing voice."""


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH ...|-]")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Report format.")
@click.option("--output-file", "-o", metavar="FILE", default=None,
              help="Write the report to FILE and print only a summary.")
@engine_options
@click.option("--extend-select", multiple=True, metavar="RULE", help="Add to the selected rules.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when a finding is at or above this severity [default: warning].")
@click.option("--config", "config_path", metavar="PATH", default=None, help="Use this config file; skip discovery.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--baseline", "baseline_path", metavar="FILE", default=None,
              help="Report only findings not in this baseline.")
@click.option("--write-baseline", metavar="FILE", default=None, help="Record the current findings as a baseline.")
@click.option("--add-suppressions", is_flag=True,
              help="Insert disable-next-line comments for current findings (Markdown and text files).")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: only on a terminal).")
@click.option("--quiet", "-q", is_flag=True, help="Print only findings, one line each; no summary.")
def check(paths, output_format, output_file, model, rule_paths, select, extend_select, ignore, fail_on,
          config_path, isolated, baseline_path, write_baseline, add_suppressions, color, quiet) -> None:
    """Check notes: files, folders (*.txt, *.md, *.docx) or - for stdin.

    Exit status: 0 no findings at or above --fail-on, 1 findings, 2 usage or input error.
    """
    if not paths:
        error("no input: give files, folders or - for stdin (see recordlint check --help)")
        sys.exit(2)
    cli_values = given(select=split(select), extend_select=split(extend_select), ignore=split(ignore),
                        fail_on=fail_on, rules=rule_paths, model=model)
    guard(lambda: _run_check(paths, cli_values, config_path, isolated, output_format, output_file, baseline_path,
                             write_baseline, add_suppressions, color, quiet))


@main.command()
@click.argument("path", required=False, default=".")
@click.option("--config", "config_path", metavar="PATH", default=None, help="Use this config file; skip discovery.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@engine_options
@click.option("--extend-select", multiple=True, metavar="RULE", help="Add to the selected rules.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None, help="As for check.")
def config(path, config_path, isolated, output_format, model, rule_paths, select, ignore, extend_select,
           fail_on) -> None:
    """Print the effective configuration for PATH and where each value came from.

    Give check's options too, to see how they override the file.
    """
    cli_values = given(select=split(select), extend_select=split(extend_select), ignore=split(ignore),
                        fail_on=fail_on, rules=rule_paths, model=model)
    guard(lambda: _show_config(path, cli_values, config_path, isolated, output_format))


def _show_config(path, cli_values, config_path, isolated, output_format) -> int:
    import json

    settings = _settings(cli_values, config_path, isolated, (path,))
    values = settings.as_dict()
    if output_format == "json":
        click.echo(json.dumps({"file": str(settings.path) if settings.path else None,
                               "settings": {k: {"value": v, "source": settings.sources[k]}
                                            for k, v in values.items()}}, indent=2))
        return 0
    click.echo(f"config file: {settings.path or '(none found)'}")
    for key, value in values.items():
        click.echo(f"{key:<17} {json.dumps(value):<40} ({settings.sources[key]})")
    return 0


def _settings(cli_values: dict, config_path, isolated: bool, paths):
    """The settings for the first path (used by `recordlint config`)."""
    from recordlint.config import SettingsResolver

    first = next((p for p in paths if p != "-"), "-")
    return SettingsResolver(cli_values, config_path, isolated).for_path(first)


def _run_check(paths, cli_values, config_path, isolated, output_format, output_file, baseline_path,
               write_baseline, add_suppressions, color, quiet) -> int:
    import itertools

    from recordlint.api import build_linter_from
    from recordlint.baseline import Baseline
    from recordlint.config import SettingsResolver
    from recordlint.decide import decide
    from recordlint.errors import InputError
    from recordlint.findings import Report, Severity
    from recordlint.reporters import get_reporter
    from recordlint.sources import expand_paths, read_record

    resolver = SettingsResolver(cli_values, config_path, isolated)
    baseline = Baseline.load(baseline_path) if baseline_path else None
    stream = _open_output(output_file)
    rules: dict = {}  # every rule that ran, for reporters; filled as linters are built
    reporter = get_reporter(output_format, stream=stream, color=False if output_file else color, quiet=quiet,
                            rules=rules)
    linters: dict = {}
    input_errors = 0
    failed = False

    def records():
        nonlocal input_errors
        for name in expand_paths(list(paths), lambda p: resolver.for_path(p).is_excluded(p)):
            try:
                yield read_record(name, warn), resolver.for_path(name)
            except InputError as exc:
                input_errors += 1
                error(str(exc))

    report = Report()
    raw_reports = []
    # Files are checked in input order; consecutive files under the same config share one nlp.pipe stream.
    for settings, group in itertools.groupby(records(), key=lambda pair: pair[1]):
        key = settings.engine_key()
        if key not in linters:
            linters[key] = build_linter_from(settings)
            rules.update((r.id, r) for r in linters[key].rules)
            report.notices.extend(n for n in linters[key].notices if n not in report.notices)
        for file_report in linters[key].lint(record for record, _ in group):
            if write_baseline or add_suppressions:
                raw_reports.append(file_report)
            decided = decide(file_report, settings, None if write_baseline else baseline)
            report.files.append(decided)
            reporter.file(decided)
            worst = max((f.severity for f in decided.findings), default=None)
            if settings.fail_on != "never" and worst is not None and worst >= Severity.parse(settings.fail_on):
                failed = True
    reporter.finish(report)
    if output_file:
        stream.close()
        total = sum(len(f.findings) for f in report.files)
        click.echo(f"{total} finding(s) in {len(report.files)} file(s); {output_format} report written to {output_file}")
    if write_baseline:
        from recordlint.baseline import write_baseline as write

        count = write(write_baseline, [decide(r, resolver.for_path(r.path)) for r in raw_reports])
        click.echo(f"baseline: {count} finding(s) recorded in {write_baseline}", err=True)
        return 2 if input_errors else 0
    if add_suppressions:
        from recordlint.add_suppressions import add_suppressions as add

        added, changed = add(report.files)
        click.echo(f"added {added} suppression(s) to {changed} file(s)", err=True)
        return 2 if input_errors else 0
    if input_errors:
        return 2
    return 1 if failed else 0


def _open_output(output_file):
    if not output_file:
        return None
    from recordlint.errors import RecordlintError

    try:
        return open(output_file, "w", encoding="utf-8")
    except OSError as exc:
        raise RecordlintError(f"{output_file}: cannot write report ({exc.strerror or exc})") from None


from recordlint.audit.command import audit  # noqa: E402
main.add_command(audit)

from recordlint.rules_cli import rules  # noqa: E402
main.add_command(rules)


def entry() -> None:
    """The console script: run a command, flush, then leave without the interpreter's teardown.

    Freeing spaCy's vocabulary and matchers object by object takes about 0.15 s,
    a sixth of a one-note check; every command has closed its files by the time
    it returns, so there is nothing left for the teardown to do.
    """
    try:
        main(standalone_mode=True)
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        click.echo(str(code), err=True)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        code = code or 1
    os._exit(code)


if __name__ == "__main__":
    entry()
