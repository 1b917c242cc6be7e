"""`recordlint audit`: the Click command. Only click and the standard library are imported here;
everything heavy is imported when the command runs, so `recordlint --help` stays fast."""

from __future__ import annotations

import os
import sys

import click

from recordlint.clikit import engine_options, error as _error, given, split as _split, warn as _warn
from recordlint.findings import FAIL_ON, SEVERITY_NAMES

DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}


@click.command()
@click.argument("exports", nargs=-1, metavar="EXPORT...")
@click.option("--text-column", metavar="COL",
              help="Column holding the note (default: one named note, text, body, narrative or case_note).")
@click.option("--id-column", metavar="COL", help="Column holding the record id (default: file name and row).")
@click.option("--group-by", "group_by", multiple=True, metavar="COL",
              help="Column to group results by, e.g. team (repeatable or comma-separated).")
@click.option("--delimiter", metavar="CHAR", help="CSV delimiter (default: sniffed; tab for .tsv). 'tab' for a tab.")
@click.option("--sheet", metavar="NAME", help="XLSX worksheet to read (default: the first).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes (default: the number of cores).")
@click.option("--output-dir", "-o", default="recordlint-audit", show_default=True, metavar="DIR",
              help="Where findings.csv, records.csv, summary.json and report.html are written.")
@click.option("--no-text", is_flag=True,
              help="Keep note text and matched text out of every output (ids, rules and offsets only).")
@click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N",
              help="Stop after reading N records.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default=None,
              help="local: worker processes of recordlint's own (default). dask: a Dask cluster "
                   "(pip install 'recordlint[dask]').")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: the scheduler to use, e.g. tcp://10.0.0.5:8786 (default: start a local "
                   "cluster of --jobs workers). Implies --engine dask.")
@click.option("--partition-size", "partition_size", metavar="SIZE", default="2MB", show_default=True,
              help="With --engine dask: how much of an input each partition holds (e.g. 512KB, 8MB).")
@engine_options
@click.option("--extend-select", multiple=True, metavar="RULE", help="Add to the selected rules.")
@click.option("--config", "config_path", metavar="PATH", default=None,
              help="Use this config file (default: the nearest recordlint.yaml, .recordlint.yaml or pyproject.toml "
                   "[tool.recordlint] above the current folder).")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when the audit completes with a finding at or above this severity "
                   "(default: the exit status says only whether the audit completed).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary table; only errors.")
def audit(exports, delimiter, scheduler, engine, partition_size, jobs, quiet, **params) -> None:
    """Audit exported case notes in bulk: CSV, TSV, JSON Lines (each optionally
    gzipped), XLSX, or folders of .txt, .md and .docx notes.

    Writes findings.csv, records.csv, summary.json and report.html to
    --output-dir. Every record read is either checked or listed as skipped
    with its reason. Rules are chosen as for check: select, ignore,
    extend-select, severity, rules and model come from the config file, and
    the command line overrides them.

    With --engine dask the partitions are checked on a Dask cluster: a local
    one of --jobs workers, or the one at --scheduler. The outputs are the same.

    Exit status: 0 audit complete, 1 complete with findings at or above
    --fail-on, 2 usage, config or input error (nothing checked) or a worker
    died or a cluster partition failed (outputs cover what was done), 130
    interrupted (outputs cover what was done).
    """
    if not exports:
        _error("no input: give export files or folders (see recordlint audit --help)")
        sys.exit(2)
    if delimiter is not None:
        delimiter = DELIMITER_NAMES.get(delimiter.lower(), delimiter)
        if len(delimiter) != 1:
            _error(f"--delimiter must be one character (or 'tab'), not {delimiter!r}")
            sys.exit(2)
    if scheduler and engine == "local":
        _error("--scheduler is for --engine dask, not --engine local")
        sys.exit(2)
    engine = "dask" if scheduler else engine or "local"
    partition_bytes = parse_size(partition_size)
    if partition_bytes is None:
        _error(f"--partition-size must be a size such as 512KB, 2MB or 1GB, not {partition_size!r}")
        sys.exit(2)
    if scheduler and jobs is not None and not quiet:
        _warn("--jobs is ignored with --scheduler: the cluster's workers do the work")
    try:
        code = _run(exports, dict(params, delimiter=delimiter, scheduler=scheduler, engine=engine, quiet=quiet,
                                  partition_bytes=partition_bytes, jobs=jobs or os.cpu_count() or 1))
    except KeyboardInterrupt:
        _error("interrupted before any record was checked; nothing written")
        sys.exit(130)
    sys.exit(code)


def _run(exports, params: dict) -> int:
    from recordlint.errors import RecordlintError

    quiet = params["quiet"]
    try:
        if params["engine"] == "dask":
            from recordlint.audit.dask_engine import require_dask

            require_dask()  # before reading anything
        options = _options(exports, params)
        from recordlint.audit.main import run_audit

        result = run_audit(options, warn=_warn if not quiet else (lambda message: None))
    except RecordlintError as exc:
        _error(str(exc))
        return exc.exit_code
    except Exception as exc:  # a bug: say where, never print note text or a traceback
        _error(f"internal error: {type(exc).__name__} at {_where(exc)}; please report it")
        return 2
    summary = result.summary
    if not quiet:
        from recordlint.audit.terminal import print_summary

        for notice in summary["notices"]:
            click.echo(f"recordlint: note: {notice}", err=True)
        print_summary(summary, result.output_dir)
    if not summary["audit"]["complete"]:
        _error(f"{summary['audit']['stopped']}: the outputs in {result.output_dir} are complete and valid for the "
               f"{summary['records_read']:,} record(s) read before it stopped")
        return result.exit_code
    return 1 if _fails(summary, options.fail_on) else result.exit_code


def _options(exports, params: dict):
    """The audit's options, with the rules chosen by the config file and the command line."""
    from recordlint.audit.options import AuditOptions
    from recordlint.config import resolve

    select, extend_select, ignore = (_split(params[k]) for k in ("select", "extend_select", "ignore"))
    cli_values = given(select=select, extend_select=extend_select, ignore=ignore, rules=tuple(params["rule_paths"]),
                       model=params["model"])
    settings = resolve(cli_values, config=params["config_path"], isolated=params["isolated"])
    return AuditOptions(
        inputs=tuple(exports), text_column=params["text_column"] or None, id_column=params["id_column"] or None,
        group_by=_split(params["group_by"]), delimiter=params["delimiter"], sheet=params["sheet"],
        jobs=params["jobs"], output_dir=params["output_dir"], no_text=params["no_text"], limit=params["limit"],
        settings=settings, fail_on=params["fail_on"], quiet=params["quiet"], progress=not params["quiet"] and sys.stderr.isatty(),
        engine=params["engine"], scheduler=params["scheduler"], partition_bytes=params["partition_bytes"])


def _fails(summary: dict, fail_on: str | None) -> bool:
    """Whether a complete audit's findings reach --fail-on."""
    if fail_on in (None, "never"):
        return False
    return any(count and SEVERITY_NAMES.index(level) >= SEVERITY_NAMES.index(fail_on)
               for level, count in summary["by_severity"].items())


SIZE_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": 1024 ** 2, "mb": 1024 ** 2,
              "mib": 1024 ** 2, "g": 1024 ** 3, "gb": 1024 ** 3, "gib": 1024 ** 3}


def parse_size(text: str) -> int | None:
    """Bytes in a size such as '2MB', '512 KiB' or '1048576' (units are powers of 1024); None if not one."""
    import re

    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", text or "")
    if not match or match.group(2).lower() not in SIZE_UNITS:
        return None
    size = int(float(match.group(1)) * SIZE_UNITS[match.group(2).lower()])
    return size if size >= 1 else None


def _where(exc: BaseException) -> str:
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    if last is None:
        return "?"
    code = last.tb_frame.f_code
    return f"{os.path.basename(code.co_filename)}:{last.tb_lineno} ({code.co_name})"
