"""Put an audit together: inputs → linter → batches → streamed CSVs + totals → summary.json and report.html.

Order matters for failing fast: every input is opened and its columns matched
first (a missing text column stops the audit before anything is written),
then the rule packs and pipeline are built, and only then is the output
folder touched. Ctrl-C (or a worker dying) stops the run but still leaves
complete, valid outputs for the records done, marked incomplete.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from recordlint.audit import runner
from recordlint.audit.aggregate import Totals
from recordlint.audit.collect import Collector
from recordlint.audit.model import Item
from recordlint.audit.options import AuditOptions
from recordlint.audit.outputs import OUTPUT_FILES, REPORT_HTML, SUMMARY_JSON, CsvOutputs, write_json, write_text
from recordlint.audit.progress import make_progress
from recordlint.audit.readers import Source, open_source
from recordlint.errors import RecordlintError

if TYPE_CHECKING:
    from recordlint.audit.dask_tasks import PartitionResult

EXIT_OK = 0
EXIT_STOPPED = 2
EXIT_INTERRUPTED = 130
SKIPPED_SPILL = ".skipped.jsonl.tmp"  # skipped records beyond the first 10,000, until summary.json is written
INTERRUPTED = "interrupted (Ctrl-C)"


@dataclass
class AuditResult:
    summary: dict
    output_dir: Path
    exit_code: int


def run_audit(options: AuditOptions, warn: Callable[[str], None] = lambda message: None) -> AuditResult:
    """Run one audit. Nothing is written outside `options.output_dir`: not even the rule-pack cache."""
    from recordlint.ruleset.cache import no_pack_cache

    with no_pack_cache():  # the rule-pack cache would write outside --output-dir
        return _run_audit(options, warn)


def _run_audit(options: AuditOptions, warn: Callable[[str], None]) -> AuditResult:
    started_clock = time.perf_counter()
    started = _now()
    sources = open_inputs(options, warn)
    from recordlint.api import build_linter, build_linter_from

    # From the config, selectors that match no rule are reported against the file and key that hold them.
    # A cluster audit builds it here too: which rules run depends on the pipeline's parts, and those rules
    # name the CSV columns and fill the summary, so the client must see what its workers will run.
    linter = build_linter_from(options.settings) if options.settings else build_linter(**options.linter_options())
    # Ctrl-C is caught from here on, so that one pressed while a cluster starts or closes, or while the
    # summary is written, still ends with complete outputs.
    with StopOnInterrupt(warn) as interrupt, _cluster(options) as cluster:
        if cluster is not None:
            cluster.check_workers(sources)
        output_dir = prepare_output_dir(options.output_dir, options.inputs)
        totals = Totals(options.group_by, [(source.path, source.format) for source in sources])
        totals.skipped.spill_to(output_dir / SKIPPED_SPILL)
        with contextlib.closing(totals.skipped):  # summary.json gets them all; the returned summary, the first ones
            return _check_and_report(options, sources, linter, cluster, interrupt, totals, output_dir,
                                     started, started_clock)


def _cluster(options: AuditOptions):
    """The Dask cluster for `--engine dask` (connected, or started), else nothing."""
    if options.engine != "dask":
        return contextlib.nullcontext()
    from recordlint.audit.dask_engine import DaskCluster

    return DaskCluster(options.scheduler, options.jobs, options.partition_bytes)


def _check_and_report(options: AuditOptions, sources: list[Source], linter, cluster, interrupt: "StopOnInterrupt",
                      totals: Totals, output_dir: Path, started: str, started_clock: float) -> AuditResult:
    categories = sorted({rule.category for rule in linter.rules})
    total = count_records(sources, options.limit) if options.progress else None
    progress = make_progress(options.progress, total)
    stopped: str | None = None
    ran_parallel: list[bool] = [False]

    def start(parallel: bool) -> None:
        ran_parallel[0] = parallel
        progress.start()

    try:
        outputs = CsvOutputs(output_dir, options.group_by, categories).__enter__()
    except OSError as exc:
        raise RecordlintError(f"{output_dir}: cannot write the outputs ({exc.strerror or exc})") from None
    collector = Collector(outputs, totals)

    def consume(batch: runner.Batch, results: list) -> None:
        collector.add(batch.items, results)
        progress.advance(len(batch.items))

    def take(part: "PartitionResult", input_index: int) -> None:
        outputs.append(*part.rows)
        totals.merge(part.totals, input_index)
        progress.advance(part.totals.records_read)

    try:
        try:
            if cluster is not None:
                early = cluster.run(sources, linter_options=options.linter_options(), no_text=options.no_text,
                                    limit=options.limit, take=take, on_start=start, should_stop=interrupt.is_set)
            else:
                _parallel, early = runner.run(
                    tagged_items(sources, options.limit), linter=linter, linter_options=options.linter_options(),
                    no_text=options.no_text, jobs=options.jobs, consume=consume, on_start=start,
                    should_stop=interrupt.is_set)
            if early:
                stopped = INTERRUPTED
        except KeyboardInterrupt:  # a second Ctrl-C: stop at once
            stopped = INTERRUPTED
        except runner.WorkerCrashed as exc:  # a worker died, or a partition failed: keep what is done
            stopped = INTERRUPTED if interrupt.requested else str(exc)  # Ctrl-C reaches a cluster's workers too
        except OSError as exc:  # e.g. the disk filled up under the outputs
            raise RecordlintError(f"{exc.filename or output_dir}: {exc.strerror or type(exc).__name__}; "
                                  "the audit stopped") from None
        finally:
            progress.stop()
    finally:
        outputs.__exit__(None, None, None)
    from recordlint.audit.html_report import render
    from recordlint.audit.summary import build_summary

    summary = build_summary(totals, options, linter, started=started, finished=_now(),
                            seconds=time.perf_counter() - started_clock, stopped=stopped,
                            parallel=ran_parallel[0], cluster=cluster.info.to_dict() if cluster else None)
    try:
        write_json(output_dir / SUMMARY_JSON, summary)
        write_text(output_dir / REPORT_HTML, render(summary))
    except OSError as exc:
        raise RecordlintError(f"{output_dir}: cannot write the outputs ({exc.strerror or exc})") from None
    if stopped is None:
        code = EXIT_OK
    else:
        code = EXIT_INTERRUPTED if stopped == INTERRUPTED else EXIT_STOPPED
    return AuditResult(summary, output_dir, code)


class StopOnInterrupt:
    """While active, the first Ctrl-C asks the run to stop after the current batch; a second stops at once."""

    def __init__(self, warn: Callable[[str], None]) -> None:
        self.warn = warn
        self.requested = False
        self._previous = None

    def is_set(self) -> bool:
        return self.requested

    def _handle(self, signum, frame) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        self.warn("interrupted: finishing the current batch and writing the outputs (Ctrl-C again to stop now)")

    def __enter__(self) -> "StopOnInterrupt":
        import signal
        import threading

        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        import signal

        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


def open_inputs(options: AuditOptions, warn: Callable[[str], None]) -> list[Source]:
    """Open every input and match its columns; any problem is an InputError, raised before any work."""
    sources = []
    for path in options.inputs:
        source = open_source(path, options)
        source.prepare()
        if getattr(source, "plan", True) is None:
            warn(f"{path}: empty: no records")
        if source.format in ("folder", "note") and options.group_by:
            warn(f"{path}: files have no columns, so their --group-by values are blank")
        if source.format == "folder" and not source.count():
            warn(f"{path}: no .txt, .md or .docx files in this folder")
        sources.append(source)
    return sources


def tagged_items(sources: list[Source], limit: int | None) -> Iterator[tuple[int, Item]]:
    """Every input's items in order, tagged with the input's index; stop after `limit` records."""
    read = 0
    for index, source in enumerate(sources):
        for item in source.items():
            yield index, item
            read += 1
            if limit is not None and read >= limit:
                return


def count_records(sources: list[Source], limit: int | None) -> int | None:
    """The number of records, for the progress bar: None if any input cannot say cheaply."""
    total = 0
    for source in sources:
        n = source.count()
        if n is None:
            return limit
        total += n
    return min(total, limit) if limit is not None else total


def prepare_output_dir(name: str, inputs: tuple[str, ...]) -> Path:
    path = Path(name)
    ours = {(path / out).resolve() for out in OUTPUT_FILES}
    for given in inputs:
        if Path(given).resolve() in ours:
            raise RecordlintError(f"{given}: is an output of this audit and would be overwritten; "
                                  "choose another --output-dir")
    if path.exists() and not path.is_dir():
        raise RecordlintError(f"{name}: --output-dir is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RecordlintError(f"{name}: cannot create the output folder ({exc.strerror or exc})") from None
    return path


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")
